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
      const client = await withClientErrors(() => clientFromEnv(process.env));
      try {
        await withClientErrors(async () => {
          const user = await client.users.current();
          const spaces = await client.http.request<{ _links?: { base?: string } }>('GET', '/wiki/api/v2/spaces', { query: { limit: 1 } });
          const site = spaces.body._links?.base ?? client.connection.siteUrl ?? client.connection.root;
          const status = {
            mode: client.connection.mode,
            site,
            cloudId: client.connection.cloudId ?? null,
            user: { accountId: user.accountId, displayName: user.displayName ?? user.publicName ?? null, email: user.email ?? null },
            via: client.connection.description,
          };
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
            return;
          }
          process.stdout.write(
            [
              `Logged in to ${site} as ${status.user.displayName ?? status.user.accountId}${status.user.email ? ` <${status.user.email}>` : ''}`,
              `  auth mode: ${status.mode}`,
              `  via:       ${status.via}`,
              ...(status.cloudId ? [`  cloud ID:  ${status.cloudId}`] : []),
              '',
            ].join('\n'),
          );
        });
      } finally {
        await client.close();
      }
    });
}
