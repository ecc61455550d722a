import type { Command } from 'commander';
import type { WatchFlags } from './watch.run.js';
import { EXIT_CODES_HELP } from '../errors.js';
import { addOutputFlags } from '../output/flags.js';
import { addSyncFlags } from '../sync-flags.js';

/** Registers `watch`; its implementation (watch.run.ts) is loaded only when it runs. */
export function registerWatch(program: Command): void {
  addOutputFlags(addSyncFlags(program.command('watch').description('Push the tree, then push each page again as its file is saved, until Ctrl-C')), { json: false })
    .option('--debounce <ms>', 'quiet time after the last save before a push (ms)', '300')
    .addHelpText(
      'after',
      `\nThe first push publishes the whole tree, like push. Then every burst of saves is one push of the pages whose\nrendering changed (a saved file, the pages that embed a changed image or link to a renamed page); a deleted\nfile gets the orphan policy. A broken file prints its error and is retried on its next save. Ctrl-C (or SIGTERM)\nlets the push in progress finish, so the lockfile is complete, and exits 0. See docs/watch.md.\n${EXIT_CODES_HELP}`,
    )
    .action(async (flags: WatchFlags) => (await import('./watch.run.js')).runWatch(flags));
}
