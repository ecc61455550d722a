import { Option, type Command } from 'commander';

/** Flags every sync command shares: where the config is, and the settings a single run may override. */
export interface SyncFlags {
  readonly config?: string;
  readonly space?: string;
  readonly docs?: string;
  readonly rootPage?: string;
  readonly orphans?: 'keep' | 'archive' | 'delete';
  readonly folders?: 'page' | 'folder';
  readonly concurrency?: string;
  readonly threads?: string;
  readonly strict?: boolean;
}

export function addSyncFlags(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: ./confluence-sync.config.json when present)')
    .option('-s, --space <key>', 'space key (overrides "space")')
    .option('-d, --docs <dir>', 'docs root (overrides "docs")')
    .option('-r, --root-page <id>', 'page ID to publish under (overrides "rootPage")')
    .addOption(new Option('--orphans <policy>', 'what to do with pages whose file is gone (overrides "orphans")').choices(['keep', 'archive', 'delete']))
    .addOption(new Option('--folders <mode>', 'what a folder without an index file becomes (overrides "folders")').choices(['page', 'folder']))
    .option('--concurrency <n>', 'requests in flight at most (overrides "concurrency")')
    .option('--threads <n>', 'threads that convert pages, or auto (the cores); 1 for the least memory (overrides "threads")')
    .option('--strict', 'broken links and missing images are errors');
}

