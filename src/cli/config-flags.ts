import { ConfigError, loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load.js';
import { CliError, ExitCode } from './errors.js';
import type { SyncFlags } from './sync-flags.js';

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
    folders: flags.folders,
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
