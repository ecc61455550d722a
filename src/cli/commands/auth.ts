import type { Command } from 'commander';

/** `confluence-sync auth status`: checks the credentials and prints the user, the site and the mode. */
export function registerAuth(program: Command): void {
  const auth = program.command('auth').description('Check the Confluence credentials');
  auth
    .command('status')
    .description('Check the credentials: print the user, the site and the auth mode in use')
    .option('--json', 'print a JSON object')
    .action(async (flags: { json?: boolean }) => {
      // Loaded here, not at start: the CLI starts fast whatever the command.
      const { clientFromEnv } = await import('../client-from-env.js');
      const { withClientErrors } = await import('../client-errors.js');
      const { credentialStatus, formatStatus } = await import('../auth-status.js');
      const client = await withClientErrors(() => clientFromEnv(process.env));
      try {
        await withClientErrors(async () => {
          const status = await credentialStatus(client);
          process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
        });
      } finally {
        await client.close();
      }
    });
}
