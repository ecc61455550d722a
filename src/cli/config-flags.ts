import { Option, type Command } from 'commander';
import { ConfigError, loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load.js';
import { CliError, ExitCode } from './errors.js';

/** Flags every sync command shares: where the config is, and the settings a single run may override. */
export interface SyncFlags {
  readonly config?: string;
  readonly space?: string;
  readonly docs?: string;
  readonly rootPage?: string;
  readonly orphans?: 'keep' | 'archive' | 'delete';
  readonly concurrency?: string;
  readonly strict?: boolean;
}

export function addSyncFlags(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: ./confluence-sync.config.json when present)')
    .option('-s, --space <key>', 'space key (overrides "space")')
    .option('-d, --docs <dir>', 'docs root (overrides "docs")')
    .option('-r, --root-page <id>', 'page ID to publish under (overrides "rootPage")')
    .addOption(new Option('--orphans <policy>', 'what to do with pages whose file is gone (overrides "orphans")').choices(['keep', 'archive', 'delete']))
    .option('--concurrency <n>', 'requests in flight at most (overrides "concurrency")')
    .option('--strict', 'broken links and missing images are errors');
}

export async function configFromFlags(flags: SyncFlags, cwd = process.cwd()): Promise<LoadedConfig> {
  let concurrency: number | undefined;
  if (flags.concurrency !== undefined) {
    concurrency = Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError(`--concurrency expects a positive integer (got '${flags.concurrency}')`, ExitCode.usage);
  }
  const overrides: ConfigOverrides = {
    space: flags.space,
    docs: flags.docs,
    rootPage: flags.rootPage,
    orphans: flags.orphans,
    concurrency,
    strict: flags.strict ? true : undefined,
  };
  try {
    return await loadConfig(cwd, flags.config, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}
