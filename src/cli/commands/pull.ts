import type { Command } from 'commander';
import { addSyncFlags } from '../sync-flags.js';
import type { PullFlags } from './pull.run.js';

/** Registers `pull`; its implementation (pull.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerPull(program: Command): void {
  addSyncFlags(program.command('pull').description('Pull the page tree of a space (or below a root page) into the Markdown tree: only what changed in Confluence'))
    .option('--root <id>', 'page ID whose descendants are pulled (same as --root-page; default: the space homepage)')
    .option('--include-blogposts', 'also pull the blog posts into blog/ (one way: push leaves them out)')
    .option('--dry-run', 'print what would change and write nothing')
    .option('--force', 'take Confluence\'s side of conflicts (files changed here are overwritten or removed)')
    .option('--json', 'print a JSON report on stdout instead of text')
    .option('-v, --verbose', 'list unchanged pages too')
    .addHelpText('after', '\nExit codes: 0 success, 1 error, 2 conflicts (files changed here and in Confluence; Confluence\'s side is in NAME.remote.md, see --force),\n3 invalid input (flags, config, lockfile; nothing was written). See docs/pull.md.')
    .action(async (flags: PullFlags) => (await import('./pull.run.js')).runPull(flags));
}
