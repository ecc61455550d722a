import type { Command } from 'commander';
import type { CheckFlags } from './check.run.js';
import { EXIT_CODES_HELP } from '../errors.js';
import { addOutputFlags } from '../output/flags.js';
import { addSyncFlags } from '../sync-flags.js';

/** Registers `check`; its implementation (check.run.ts) is loaded only when it runs. */
export function registerCheck(program: Command): void {
  addOutputFlags(
    addSyncFlags(
      program
        .command('check')
        .description('Convert and plan without writing anything; fail on errors, broken links, invalid pages or conflicts (for pull requests)')
        .argument('[paths...]', 'limit the plan to these files (relative to the docs root)'),
    ),
  )
    .option('--detailed-exitcode', 'exit 4 when the docs are valid and a push would change Confluence, 0 only when up to date')
    .option('--format <format>', 'plan format: text or markdown (for a pull-request comment)', 'text')
    .option('-v, --verbose', 'list unchanged pages too')
    .option('--diff', 'show what changes in the body of each page to update (reads those pages from Confluence)')
    .addHelpText(
      'after',
      `\ncheck fails (exit 3) on broken links, missing images, unknown #anchors, unsafe links, HTML published as\nliteral text, ignored frontmatter and control characters, and on every docs-tree error; exit 2 on conflicts.\n${EXIT_CODES_HELP}\nSee docs/ci.md.`,
    )
    .action(async (paths: string[], flags: CheckFlags) => (await import('./check.run.js')).runCheck(paths, flags));
}
