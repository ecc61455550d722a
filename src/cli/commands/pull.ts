import { Option, type Command } from 'commander';
import type { PullFlags } from './pull.run.js';

/** Registers `pull`; its implementation (pull.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerPull(program: Command): void {
  program
    .command('pull')
    .description('Pull the page tree of a space (or below a root page) into the Markdown tree: only what changed in Confluence')
    .option('-c, --config <file>', 'config file (default: ./confluence-sync.config.json when present)')
    .option('-s, --space <key>', 'space key (overrides "space")')
    .option('-d, --docs <dir>', 'docs root (overrides "docs")')
    .option('-r, --root <id>', 'page ID whose descendants are pulled (overrides "rootPage"; default: the space homepage)')
    .option('--root-page <id>', 'the same as --root, as push names it')
    .addOption(new Option('--folders <mode>', 'what a folder without an index file becomes, as push is told (overrides "folders")').choices(['page', 'folder']))
    .option('--concurrency <n>', 'requests in flight at most (overrides "concurrency")')
    .option('--threads <n>', 'threads that convert pages, or auto (the cores); 1 for the least memory (overrides "threads")')
    .option('--include-blogposts', 'also pull the blog posts into blog/ (one way: push leaves them out)')
    .option('--dry-run', 'print what would change and write nothing')
    .option('--force', "take Confluence's side of conflicts (files changed here are overwritten or removed)")
    .option('--json', 'print a JSON report on stdout instead of text')
    .option('-v, --verbose', 'list unchanged pages too')
    .option('-q, --quiet', 'print only problems (warnings, conflicts, failures); no progress bar')
    .addHelpText('after', "\nExit codes: 0 success, 1 error, 2 conflicts (files changed here and in Confluence; Confluence's side is in NAME.remote.md, see --force),\n3 invalid input (flags, config, lockfile; nothing was written). See docs/pull.md.")
    .action(async (flags: PullFlags) => (await import('./pull.run.js')).runPull(flags));
}
