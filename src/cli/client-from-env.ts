import { AuthConfigError, authFromEnv, createClient, type AuthOverrides, type ConfluenceClient } from '../client/index.js';
import { CliError, ExitCode } from './errors.js';

export interface ConnectionFlags {
  readonly authMode?: string;
  readonly baseUrl?: string;
  readonly cloudId?: string;
  readonly site?: string;
  readonly connection?: string;
  readonly concurrency?: number;
  /** Seconds the whole run may take. */
  readonly timeout?: number;
}

/** Builds the client of a run from the environment (secrets) and flags (everything else). */
export async function clientFromEnv(env: NodeJS.ProcessEnv, flags: ConnectionFlags = {}): Promise<ConfluenceClient> {
  const overrides: AuthOverrides = {
    mode: flags.authMode as AuthOverrides['mode'],
    baseUrl: flags.baseUrl,
    cloudId: flags.cloudId,
    site: flags.site,
    connection: flags.connection,
  };
  try {
    const auth = authFromEnv(flags.baseUrl ? { ...env, CONFLUENCE_BASE_URL: flags.baseUrl } : env, overrides);
    return await createClient({
      auth,
      concurrency: flags.concurrency,
      deadline: flags.timeout === undefined ? undefined : Date.now() + flags.timeout * 1000,
    });
  } catch (error) {
    if (error instanceof AuthConfigError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}
