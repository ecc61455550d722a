import { ConfigError, loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load.js';
import { CliError, ExitCode } from './errors.js';
import type { SyncFlags } from './sync-flags.js';

/** A flag's value as an integer from 1 to `max`, or a usage error naming the flag (`expected` says what else it takes). */
function countFlag(name: string, value: string | undefined, max: number, expected = ''): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > max) throw new CliError(`--${name} expects ${expected}an integer from 1 to ${max} (got '${value}')`, ExitCode.usage);
  return count;
}

export async function configFromFlags(flags: SyncFlags, cwd = process.cwd()): Promise<LoadedConfig> {
  const concurrency = countFlag('concurrency', flags.concurrency, 64);
  const threads = flags.threads === 'auto' ? 'auto' : countFlag('threads', flags.threads, 64, 'auto or ');
  const overrides: ConfigOverrides = {
    space: flags.space,
    docs: flags.docs,
    rootPage: flags.rootPage,
    orphans: flags.orphans,
    folders: flags.folders,
    concurrency,
    threads,
    strict: flags.strict ? true : undefined,
  };
  try {
    return await loadConfig(cwd, flags.config, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}
