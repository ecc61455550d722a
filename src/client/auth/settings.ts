/**
 * How the client reaches Confluence. Each mode is a separate shape, so a mode's required fields
 * cannot be missing (docs/auth.md lists the environment variables of each).
 */
export type AuthSettings = ApiTokenAuth | OAuthAuth | MatonAuth;

/** An Atlassian API token on the site domain: Basic `email:token`. */
export interface ApiTokenAuth {
  readonly mode: 'api-token';
  /** `https://acme.atlassian.net/wiki` (with or without `/wiki`). */
  readonly baseUrl: string;
  readonly email: string;
  readonly token: string;
}

/** An OAuth 2.0 (3LO) access token: Bearer on `https://api.atlassian.com/ex/confluence/{cloudId}`. */
export interface OAuthAuth {
  readonly mode: 'oauth';
  readonly accessToken: string;
  /** Known cloud ID; otherwise discovered through accessible-resources. */
  readonly cloudId?: string;
  /** Site name or URL to choose when the token reaches several sites. */
  readonly site?: string;
  /** Default `https://api.atlassian.com`. */
  readonly apiBase: string;
}

/** The Maton gateway (managed OAuth): Bearer MATON_API_KEY on `https://gateway.maton.ai/confluence/ex/confluence/{cloudId}`. */
export interface MatonAuth {
  readonly mode: 'maton';
  readonly apiKey: string;
  readonly cloudId?: string;
  readonly site?: string;
  /** The `Maton-Connection` header: which of several connections to use. */
  readonly connection?: string;
  /** Default `https://gateway.maton.ai`; Maton also documents `https://api.maton.ai`. */
  readonly gatewayBase: string;
}

export const ATLASSIAN_API_BASE = 'https://api.atlassian.com';
export const MATON_GATEWAY_BASE = 'https://gateway.maton.ai';

/** The environment variables each mode reads, for error hints (names only, never values). */
export const variablesOf: Record<AuthSettings['mode'], readonly string[]> = {
  'api-token': ['CONFLUENCE_BASE_URL', 'CONFLUENCE_EMAIL', 'CONFLUENCE_API_TOKEN'],
  oauth: ['CONFLUENCE_ACCESS_TOKEN', 'CONFLUENCE_CLOUD_ID', 'CONFLUENCE_SITE', 'CONFLUENCE_API_BASE'],
  maton: ['MATON_API_KEY', 'MATON_CONNECTION', 'MATON_GATEWAY_URL', 'CONFLUENCE_CLOUD_ID', 'CONFLUENCE_SITE'],
};

export type AuthMode = AuthSettings['mode'];

export interface AuthOverrides {
  /** Forces a mode when the environment holds the credentials of several. */
  readonly mode?: AuthMode;
  readonly baseUrl?: string;
  readonly email?: string;
  readonly cloudId?: string;
  readonly site?: string;
  readonly apiBase?: string;
  readonly gatewayBase?: string;
  readonly connection?: string;
}

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

/**
 * Chooses the auth mode and reads its settings from the environment, with config values
 * (`overrides`) for the non-secret parts. Secrets come only from the environment.
 */
export function authFromEnv(environment: NodeJS.ProcessEnv, overrides: AuthOverrides = {}): AuthSettings {
  // A variable set to nothing (`CONFLUENCE_BASE_URL=` in a CI file) is not set.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const present = {
    'api-token': Boolean(env.CONFLUENCE_API_TOKEN),
    oauth: Boolean(env.CONFLUENCE_ACCESS_TOKEN),
    maton: Boolean(env.MATON_API_KEY),
  } as const;
  const forced = overrides.mode ?? (env.CONFLUENCE_AUTH_MODE as AuthMode | undefined);
  if (forced !== undefined && !(forced in present)) {
    throw new AuthConfigError(`Unknown auth mode '${forced}' (CONFLUENCE_AUTH_MODE or config auth.mode): use api-token, oauth or maton.`);
  }
  const mode: AuthMode | undefined = forced ?? (present['api-token'] ? 'api-token' : present.oauth ? 'oauth' : present.maton ? 'maton' : undefined);
  if (mode === undefined) {
    throw new AuthConfigError(
      'No Confluence credentials found. Set CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (API token), ' +
        'or CONFLUENCE_ACCESS_TOKEN (OAuth), or MATON_API_KEY (Maton gateway).',
    );
  }
  switch (mode) {
    case 'api-token': {
      const baseUrl = env.CONFLUENCE_BASE_URL ?? overrides.baseUrl;
      const email = env.CONFLUENCE_EMAIL ?? overrides.email;
      const token = env.CONFLUENCE_API_TOKEN;
      const missing = [!baseUrl && 'CONFLUENCE_BASE_URL', !email && 'CONFLUENCE_EMAIL', !token && 'CONFLUENCE_API_TOKEN'].filter(Boolean);
      if (missing.length > 0) throw new AuthConfigError(`API-token auth needs ${missing.join(', ')} (set them in the environment).`);
      return { mode, baseUrl: checkUrl(baseUrl!, 'CONFLUENCE_BASE_URL'), email: email!, token: token! };
    }
    case 'oauth': {
      const accessToken = env.CONFLUENCE_ACCESS_TOKEN;
      if (!accessToken) throw new AuthConfigError('OAuth auth needs CONFLUENCE_ACCESS_TOKEN in the environment.');
      return {
        mode,
        accessToken,
        cloudId: env.CONFLUENCE_CLOUD_ID ?? overrides.cloudId,
        site: env.CONFLUENCE_SITE ?? overrides.site,
        apiBase: checkUrl(env.CONFLUENCE_API_BASE ?? overrides.apiBase ?? ATLASSIAN_API_BASE, 'CONFLUENCE_API_BASE'),
      };
    }
    case 'maton': {
      const apiKey = env.MATON_API_KEY;
      if (!apiKey) throw new AuthConfigError('Maton auth needs MATON_API_KEY in the environment (from maton.ai/settings).');
      return {
        mode,
        apiKey,
        cloudId: env.CONFLUENCE_CLOUD_ID ?? overrides.cloudId,
        site: env.CONFLUENCE_SITE ?? overrides.site,
        connection: env.MATON_CONNECTION ?? overrides.connection,
        gatewayBase: checkUrl(env.MATON_GATEWAY_URL ?? overrides.gatewayBase ?? MATON_GATEWAY_BASE, 'MATON_GATEWAY_URL'),
      };
    }
  }
}

function checkUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError(`${name} is not a URL: '${value}'. Expected e.g. https://acme.atlassian.net/wiki.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AuthConfigError(`${name} must be an http(s) URL (got ${url.protocol}).`);
  return value.replace(/\/+$/, '');
}
