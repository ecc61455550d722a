import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerApi } from './commands/api.js';
import { registerAuth } from './commands/auth.js';
import { registerCheck } from './commands/check.js';
import { registerConvert } from './commands/convert.js';
import { registerDemo } from './commands/demo.js';
import { registerInit } from './commands/init.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerServe } from './commands/serve.js';
import { registerWatch } from './commands/watch.js';
import { EXIT_CODES_HELP } from './errors.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The command tree. Each command lives in `commands/<verb>.ts` and is a thin layer over `src/<part>/`. */
export function buildProgram(): Command {
  const program = new Command('confluence-sync')
    .description('Publish a Markdown tree to Confluence Cloud and pull Confluence pages back into Markdown.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  registerServe(program);
  registerApi(program);
  registerAuth(program);
  registerConvert(program);
  registerInit(program);
  registerPush(program);
  registerPull(program);
  registerCheck(program);
  registerWatch(program);
  registerDemo(program);
  return program;
}
