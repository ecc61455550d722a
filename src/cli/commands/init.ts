import { Option, type Command } from 'commander';
import type { InitFlags } from './init.run.js';
import { EXIT_CODES_HELP } from '../errors.js';

/** Registers `init`; its implementation (init.run.ts) is loaded only when it runs. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Write confluence-sync.config.json (asking for the site, auth mode and space), then check the credentials and the space')
    .option('-c, --config <file>', 'the config file to write', 'confluence-sync.config.json')
    .option('--site <url>', 'the Confluence site, e.g. https://acme.atlassian.net/wiki (OAuth, Maton: the site name, when the token reaches several)')
    .addOption(new Option('--auth-mode <mode>', 'how to sign in').choices(['api-token', 'oauth', 'maton']))
    .option('--email <email>', 'the account email (API token mode; CONFLUENCE_EMAIL works too)')
    .option('-s, --space <key>', 'the key of the space to publish into')
    .option('-d, --docs <dir>', 'the docs folder, relative to the config file (default: docs)')
    .option('-r, --root-page <id>', 'the page to publish under (default: the space homepage)')
    .option('-f, --force', 'replace an existing config file')
    .option('-y, --yes', 'ask nothing: take the answers from the flags and the environment')
    .option('-i, --interactive', 'ask even when stdin is not a terminal')
    .option('--no-check', 'do not check the credentials and the space')
    .addHelpText(
      'after',
      `\nWithout --yes and on a terminal, init asks for what the flags do not give. Secrets are never written:\nthey stay in the environment (CONFLUENCE_API_TOKEN, CONFLUENCE_ACCESS_TOKEN or MATON_API_KEY).\nWhen the docs folder does not exist, init creates it with a first page.\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: InitFlags) => (await import('./init.run.js')).runInit(flags));
}
