import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'confluence-sync.config.json';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A loaded config and where relative paths in it are resolved from. */
export interface LoadedConfig {
  readonly config: Config;
  /** The config file, or undefined when none was used. */
  readonly file: string | undefined;
  readonly baseDir: string;
}

/** Flags that override the config for one run. */
export type ConfigOverrides = Partial<Pick<Config, 'space' | 'docs' | 'rootPage' | 'orphans' | 'folders' | 'concurrency' | 'threads' | 'strict' | 'lockfile'>>;

/**
 * Reads the config (explicit `--config`, else `confluence-sync.config.json` in `cwd` when present, else
 * none) and applies flag overrides; every problem names the file and the field.
 */
export async function loadConfig(cwd: string, explicit: string | undefined, overrides: ConfigOverrides = {}): Promise<LoadedConfig> {
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  let raw: unknown = {};
  let used: string | undefined;
  try {
    const text = await readFile(file, 'utf8');
    used = file;
    try {
      raw = JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || explicit !== undefined) {
      throw new ConfigError(`Cannot read the config file ${file}: ${(error as Error).message}`);
    }
  }
  const merged = { ...(raw as Record<string, unknown>), ...definedOnly(overrides) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describeIssues(used ?? '(flags)', parsed.error.issues));
  return { config: parsed.data, file: used, baseDir: used ? dirname(used) : cwd };
}

function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

export function describeIssues(where: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') return `  ${field === '(top level)' ? '' : `${field}: `}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or fix the name`;
    return `  ${field}: ${issue.message}`;
  });
  return `Invalid configuration in ${where}:\n${lines.join('\n')}`;
}
