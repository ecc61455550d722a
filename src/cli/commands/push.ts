import type { Command } from 'commander';
import type { PushFlags } from './push.run.js';
import { EXIT_CODES_HELP } from '../errors.js';
import { addOutputFlags } from '../output/flags.js';
import { addSyncFlags } from '../sync-flags.js';

/** Registers `push`; its implementation (push.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerPush(program: Command): void {
  addOutputFlags(
    addSyncFlags(
      program
        .command('push')
        .description('Publish the Markdown tree to Confluence: plan, then apply')
        .argument('[paths...]', 'limit the run to these files (relative to the docs root)'),
    ),
  )
    .option('--dry-run', 'print the plan and write nothing')
    .option('--force', 'overwrite pages edited in Confluence since they were published')
    .option('--format <format>', 'plan format: text or markdown (for a pull-request comment)', 'text')
    .option('-v, --verbose', 'list unchanged pages too')
    .option('--diff', 'show what changes in the body of each page to update (reads those pages from Confluence)')
    .addHelpText('after', `${EXIT_CODES_HELP}\nSee docs/push.md and docs/ci.md.`)
    .action(async (paths: string[], flags: PushFlags) => (await import('./push.run.js')).runPush(paths, flags));
}
