import type { AuthSettings } from '../../client/index.js';

export type AuthMode = AuthSettings['mode'];

/** What `init` asks for (or takes as flags). */
export interface InitAnswers {
  readonly authMode: AuthMode;
  /** API-token mode: the site URL (`https://acme.atlassian.net/wiki`). */
  readonly baseUrl?: string;
  /** API-token mode: the account email (may also stay in CONFLUENCE_EMAIL). */
  readonly email?: string;
  /** OAuth and Maton: which site to use when the token reaches several. */
  readonly site?: string;
  readonly space?: string;
  readonly docs: string;
  readonly rootPage?: string;
}

export const AUTH_MODES: readonly AuthMode[] = ['api-token', 'oauth', 'maton'];

export class AnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerError';
  }
}

/** The auth mode the environment points at (CONFLUENCE_AUTH_MODE, else the credentials present), as push would choose it. */
export function detectAuthMode(env: NodeJS.ProcessEnv): AuthMode | undefined {
  const forced = env.CONFLUENCE_AUTH_MODE as AuthMode | undefined;
  if (forced && AUTH_MODES.includes(forced)) return forced;
  if (env.CONFLUENCE_API_TOKEN) return 'api-token';
  if (env.CONFLUENCE_ACCESS_TOKEN) return 'oauth';
  if (env.MATON_API_KEY) return 'maton';
  return undefined;
}

export function parseAuthMode(value: string): AuthMode {
  const mode = value.trim().toLowerCase();
  if (mode === 'token' || mode === 'api') return 'api-token';
  if (!AUTH_MODES.includes(mode as AuthMode)) throw new AnswerError(`unknown auth mode '${value}': use api-token, oauth or maton`);
  return mode as AuthMode;
}

/**
 * A site as typed → the base URL of its wiki: `acme` → `https://acme.atlassian.net/wiki`,
 * `acme.atlassian.net` → `https://acme.atlassian.net/wiki`; a URL with a path is kept as given.
 */
export function normaliseSiteUrl(value: string): string {
  let text = value.trim();
  if (text === '') throw new AnswerError('the site is empty: give e.g. https://acme.atlassian.net/wiki');
  if (/^[a-z0-9-]+$/i.test(text)) text = `${text}.atlassian.net`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AnswerError(`'${value}' is not a site URL: give e.g. https://acme.atlassian.net/wiki`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AnswerError(`the site must be an http(s) URL (got ${url.protocol})`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/wiki' : path}`;
}

export function parseSpaceKey(value: string): string {
  const key = value.trim();
  if (!/^~?[A-Za-z0-9]+$/.test(key)) throw new AnswerError(`'${value}' is not a space key (letters and digits, e.g. DOCS)`);
  return key;
}

export function parseRootPage(value: string): string {
  const id = value.trim();
  if (!/^\d+$/.test(id)) throw new AnswerError(`'${value}' is not a page ID (digits, e.g. 65538)`);
  return id;
}

/**
 * The config file `init` writes (pure): the template with `$schema` and the answers filled in.
 * Settings that are not asked keep the template's values.
 */
export function configFromAnswers(template: string, answers: InitAnswers, schemaRef: string): Record<string, unknown> {
  const base = JSON.parse(template.replace('{{schema}}', schemaRef)) as Record<string, unknown>;
  const site: Record<string, string> = { authMode: answers.authMode };
  if (answers.authMode === 'api-token') {
    if (answers.baseUrl) site.baseUrl = answers.baseUrl;
    if (answers.email) site.email = answers.email;
  } else if (answers.site) {
    site.site = answers.site;
  }
  const config: Record<string, unknown> = { ...base, site, docs: answers.docs };
  if (answers.space) config.space = answers.space;
  else delete config.space;
  if (answers.rootPage) {
    // After "space", where a reader looks for it.
    const ordered: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) {
      ordered[k] = v;
      if (k === 'space') ordered.rootPage = answers.rootPage;
    }
    if (!('rootPage' in ordered)) ordered.rootPage = answers.rootPage;
    return ordered;
  }
  return config;
}

/**
 * How the written config points at the JSON Schema: a relative path when this package is installed
 * inside the project (node_modules, or the repository itself), so editors validate offline with the
 * schema of the installed version; the published copy otherwise (npx, a global install).
 */
export function schemaReference(configDir: string, schemaFile: string, publishedUrl: string, relativePath: (from: string, to: string) => string): string {
  const rel = relativePath(configDir, schemaFile).replace(/\\/g, '/');
  if (rel.startsWith('../') || rel === '..' || /^[a-z]:/i.test(rel) || rel.startsWith('/')) return publishedUrl;
  return rel.startsWith('.') ? rel : `./${rel}`;
}
