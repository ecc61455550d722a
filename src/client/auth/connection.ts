import { request, type Dispatcher } from 'undici';
import { ConfluenceError, apiMessageOf } from '../errors.js';
import { registerBasic, registerSecret } from '../redact.js';
import { AuthConfigError, type AuthSettings } from './settings.js';

/** Where requests go and how they authenticate, once the auth mode is resolved. */
export interface Connection {
  readonly mode: AuthSettings['mode'];
  /** The URL prefix in front of `/wiki/...`: the site origin, or the gateway's `/ex/confluence/{cloudId}` base. */
  readonly root: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The site as people know it (`https://acme.atlassian.net`), when known. */
  readonly siteUrl: string | undefined;
  readonly cloudId: string | undefined;
  /** A one-line description without secrets, e.g. `API token (writer@example.com) on https://acme.atlassian.net`. */
  readonly description: string;
}

/** A site from accessible-resources. */
export interface AccessibleResource {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly scopes?: readonly string[];
}

/**
 * Resolves the settings into a connection: builds the auth header and, for OAuth and Maton
 * without a cloud ID, discovers it through accessible-resources (once per run; the caller keeps
 * the connection). Registers every secret with the redactor.
 */
export async function connect(auth: AuthSettings, dispatcher: Dispatcher): Promise<Connection> {
  switch (auth.mode) {
    case 'api-token': {
      registerBasic(auth.email, auth.token);
      const root = auth.baseUrl.replace(/\/wiki$/, '');
      return {
        mode: auth.mode,
        root,
        headers: { authorization: `Basic ${Buffer.from(`${auth.email}:${auth.token}`).toString('base64')}` },
        siteUrl: root,
        cloudId: undefined,
        description: `API token (${auth.email}) on ${root}`,
      };
    }
    case 'oauth': {
      registerSecret(auth.accessToken);
      const headers = { authorization: `Bearer ${auth.accessToken}` };
      const site = auth.cloudId
        ? { id: auth.cloudId, name: undefined, url: undefined }
        : chooseSite(await accessibleResources(`${auth.apiBase}/oauth/token/accessible-resources`, headers, dispatcher), auth.site);
      return {
        mode: auth.mode,
        root: `${auth.apiBase}/ex/confluence/${site.id}`,
        headers,
        siteUrl: site.url,
        cloudId: site.id,
        description: `OAuth access token on ${site.url ?? `cloud ${site.id}`} through ${auth.apiBase}`,
      };
    }
    case 'maton': {
      registerSecret(auth.apiKey);
      const headers: Record<string, string> = { authorization: `Bearer ${auth.apiKey}` };
      if (auth.connection) headers['maton-connection'] = auth.connection;
      const site = auth.cloudId
        ? { id: auth.cloudId, name: undefined, url: undefined }
        : chooseSite(await accessibleResources(`${auth.gatewayBase}/confluence/oauth/token/accessible-resources`, headers, dispatcher), auth.site);
      return {
        mode: auth.mode,
        root: `${auth.gatewayBase}/confluence/ex/confluence/${site.id}`,
        headers,
        siteUrl: site.url,
        cloudId: site.id,
        description: `Maton gateway ${auth.gatewayBase}${auth.connection ? ` (connection ${auth.connection})` : ''} to ${site.url ?? `cloud ${site.id}`}`,
      };
    }
  }
}

async function accessibleResources(url: string, headers: Record<string, string>, dispatcher: Dispatcher): Promise<AccessibleResource[]> {
  const path = new URL(url).pathname;
  let response;
  try {
    response = await request(url, { method: 'GET', headers: { ...headers, accept: 'application/json' }, dispatcher });
  } catch (error) {
    const e = error as Error & { code?: string };
    throw new ConfluenceError({ method: 'GET', path, status: undefined, code: e.code, apiMessage: e.message, requestId: undefined, hint: `Could not reach ${new URL(url).origin} to discover the cloud ID.` });
  }
  const text = await response.body.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.statusCode !== 200 || !Array.isArray(body)) {
    throw new ConfluenceError({
      method: 'GET',
      path,
      status: response.statusCode,
      apiMessage: apiMessageOf(body),
      requestId: undefined,
      body,
      hint:
        response.statusCode === 401
          ? 'The credential was refused while discovering the cloud ID: check that the token or MATON_API_KEY is valid and not expired.'
          : 'Set CONFLUENCE_CLOUD_ID to skip discovery.',
    });
  }
  return body.filter((r): r is AccessibleResource => typeof r === 'object' && r !== null && typeof (r as AccessibleResource).id === 'string');
}

/** Picks the site by name, URL or host; with several and no choice, an error that lists them. */
export function chooseSite(sites: readonly AccessibleResource[], wanted: string | undefined): AccessibleResource {
  const list = () => sites.map((s) => `  ${s.name}  ${s.url}  (cloud ID ${s.id})`).join('\n');
  if (sites.length === 0) throw new AuthConfigError('The credential reaches no Confluence site (accessible-resources is empty). Grant it access to a site.');
  if (wanted === undefined) {
    if (sites.length === 1) return sites[0]!;
    throw new AuthConfigError(`The credential reaches ${sites.length} sites; choose one with CONFLUENCE_SITE (name or URL) or CONFLUENCE_CLOUD_ID:\n${list()}`);
  }
  const norm = (s: string) => s.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+(wiki)?\/?$/, '');
  const found = sites.find((s) => s.id === wanted || s.name.toLowerCase() === wanted.toLowerCase() || norm(s.url) === norm(wanted));
  if (!found) throw new AuthConfigError(`No site matches '${wanted}'. The credential reaches:\n${list()}`);
  return found;
}
