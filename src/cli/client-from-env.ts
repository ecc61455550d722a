import { AuthConfigError, authFromEnv, createClient, type AuthOverrides, type ConfluenceClient } from '../client/index.js';
import type { Config } from '../config/schema.js';
import { CliError, ExitCode } from './errors.js';

export interface ConnectionFlags {
  readonly authMode?: string;
  /** A --base-url flag: wins over CONFLUENCE_BASE_URL. */
  readonly baseUrl?: string;
  /** The config's `site.baseUrl`: CONFLUENCE_BASE_URL wins over it. */
  readonly defaultBaseUrl?: string;
  readonly email?: string;
  readonly cloudId?: string;
  readonly site?: string;
  readonly connection?: string;
  readonly apiBase?: string;
  readonly gatewayBase?: string;
  readonly concurrency?: number;
  /** Seconds the whole run may take. */
  readonly timeout?: number;
}

/** Builds the client of a run from the environment (secrets) and flags (everything else). */
export async function clientFromEnv(env: NodeJS.ProcessEnv, flags: ConnectionFlags = {}): Promise<ConfluenceClient> {
  const overrides: AuthOverrides = {
    mode: flags.authMode as AuthOverrides['mode'],
    baseUrl: flags.baseUrl ?? flags.defaultBaseUrl,
    email: flags.email,
    cloudId: flags.cloudId,
    site: flags.site,
    connection: flags.connection,
    apiBase: flags.apiBase,
    gatewayBase: flags.gatewayBase,
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

/** The connection settings of a config file (`site`, `concurrency`); secrets still come from the environment. */
export function connectionOf(config: Pick<Config, 'site' | 'concurrency'>): ConnectionFlags {
  const { site } = config;
  return { authMode: site.authMode, defaultBaseUrl: site.baseUrl, email: site.email, cloudId: site.cloudId, site: site.site, connection: site.connection, apiBase: site.apiBase, gatewayBase: site.gatewayUrl, concurrency: config.concurrency };
}
