import { request, type Dispatcher, type FormData } from 'undici';
import type { Connection } from './auth/connection.js';
import { variablesOf } from './auth/settings.js';
import type { AdaptiveLimit } from './concurrency.js';
import { ConfluenceError, apiMessageOf } from './errors.js';
import { retryAfterMs } from './retry-policy.js';

export type QueryValue = string | number | boolean | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  readonly query?: Query;
  /** A JSON body. */
  readonly json?: unknown;
  /** A raw body (multipart form data, bytes). */
  readonly body?: FormData | Buffer | string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses (≥ 400) the caller handles itself instead of an error. */
  readonly allow?: readonly number[];
  /** Answer the body as bytes, whatever its content type (downloads). */
  readonly raw?: boolean;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: T;
}

export interface HttpOptions {
  readonly connection: Connection;
  readonly dispatcher: Dispatcher;
  readonly limit: AdaptiveLimit;
  /** Epoch ms by which the whole run must end. */
  readonly deadline?: number;
  /** Total time for one request including its retries. */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Sends requests to `connection.root + path` through the shared dispatcher (pooling, retries) and the
 * adaptive concurrency limit; decodes JSON; turns error statuses into `ConfluenceError` with hints.
 */
export class Http {
  private readonly now: () => number;
  constructor(readonly options: HttpOptions) {
    this.now = options.now ?? Date.now;
  }

  get connection(): Connection {
    return this.options.connection;
  }

  /** The absolute URL of a site-relative path (`/wiki/api/v2/...`, as `_links.next` gives them). */
  url(path: string, query?: Query): string {
    if (!path.startsWith('/wiki/')) throw new Error(`Client paths start with /wiki/ (got ${path})`);
    const url = new URL(this.options.connection.root + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        if (value.length > 0) url.searchParams.set(key, value.join(','));
      } else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const url = this.url(path, options.query);
    const shownPath = path.split('?')[0] ?? path;
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.connection.headers, ...options.headers };
    let body: string | Buffer | FormData | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const timeoutMs = Math.min(this.options.requestTimeoutMs ?? 10 * 60_000, this.remainingMs());
    const response = await this.options.limit.run(async () => {
      try {
        const res = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body,
          dispatcher: this.options.dispatcher,
          signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
        });
        const buffer = Buffer.from(await res.body.arrayBuffer());
        return { status: res.statusCode, headers: res.headers, buffer };
      } catch (error) {
        const e = error as Error & { code?: string; name: string };
        const code = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'TIMEOUT' : (e.code ?? e.name);
        throw new ConfluenceError({
          method,
          path: shownPath,
          status: undefined,
          code,
          apiMessage: code === 'TIMEOUT' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : e.message,
          requestId: undefined,
          hint: code === 'TIMEOUT' ? 'Confluence did not answer in time; the run retried what was safe to retry.' : `Could not reach ${new URL(url).origin}.`,
        });
      }
    });
    const contentType = String(response.headers['content-type'] ?? '');
    const text = response.buffer.toString('utf8');
    let parsed: unknown = response.buffer;
    if (options.raw && response.status < 400) parsed = response.buffer;
    else if (contentType.includes('json') || (text.startsWith('{') || text.startsWith('['))) {
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
    } else if (contentType.startsWith('text/')) parsed = text;
    if (response.status < 400) this.options.limit.onSuccess();
    if (response.status >= 400 && !(options.allow ?? []).includes(response.status)) {
      throw this.error(method, shownPath, response.status, response.headers, parsed);
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** GET a JSON body. */
  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, { query })).body;
  }

  /**
   * The bytes at a site path (an attachment's `downloadLink`). Confluence may answer with a redirect
   * to its media service, whose URL carries its own token: it is followed once, without our
   * credentials.
   */
  async download(path: string, query?: Query): Promise<Buffer> {
    const first = await this.request<Buffer>('GET', path, { query, raw: true, headers: { accept: '*/*' } });
    if (first.status < 300 || first.status >= 400) return first.body;
    const location = headerValue(first.headers, 'location');
    const shownPath = path.split('?')[0] ?? path;
    if (!location) throw new ConfluenceError({ method: 'GET', path: shownPath, status: first.status, apiMessage: 'a redirect without a location', requestId: undefined, hint: undefined });
    const target = new URL(location, this.url(path)).toString();
    const response = await this.options.limit.run(async () => {
      const res = await request(target, { method: 'GET', dispatcher: this.options.dispatcher, signal: AbortSignal.timeout(Math.max(1, Math.min(this.options.requestTimeoutMs ?? 10 * 60_000, this.remainingMs()))) });
      return { status: res.statusCode, buffer: Buffer.from(await res.body.arrayBuffer()) };
    });
    if (response.status >= 400) {
      throw new ConfluenceError({ method: 'GET', path: shownPath, status: response.status, apiMessage: `the media service answered ${response.status} to the download`, requestId: undefined, hint: 'Run again: the download link may have expired.' });
    }
    return response.buffer;
  }

  /**
   * Every item of a v2 cursor listing: follows `_links.next` (a `/wiki/api/v2/...` path, put behind
   * the connection's root, which matters through a gateway) with the largest `limit` unless given.
   */
  async *paginate<T>(path: string, query: Query = {}): AsyncGenerator<T> {
    let next: string | undefined = this.url(path, { limit: 250, ...query }).slice(this.options.connection.root.length);
    while (next !== undefined) {
      const page: { results?: T[]; _links?: { next?: string } } = await this.get(next);
      for (const item of page.results ?? []) yield item;
      next = page._links?.next;
    }
  }

  private remainingMs(): number {
    return this.options.deadline === undefined ? Infinity : Math.max(0, this.options.deadline - this.now());
  }

  private error(method: string, path: string, status: number, headers: Record<string, string | string[] | undefined>, body: unknown): ConfluenceError {
    const apiMessage = apiMessageOf(body) ?? (typeof body === 'string' && body.length < 200 ? body : undefined);
    const requestId = headerValue(headers, 'atl-request-id') ?? headerValue(headers, 'x-arequestid');
    return new ConfluenceError({ method, path, status, apiMessage, requestId, body, hint: this.hint(path, status, apiMessage, headers) });
  }

  private hint(path: string, status: number, apiMessage: string | undefined, headers: Record<string, string | string[] | undefined>): string | undefined {
    const connection = this.options.connection;
    const variables = variablesOf[connection.mode].join(', ');
    const v2 = path.includes('/api/v2/');
    switch (status) {
      case 401:
        if (apiMessage?.includes('scope does not match')) {
          return connection.mode === 'maton'
            ? 'The Maton connection lacks the granular Confluence scopes the v2 API needs: delete it and create a new one at maton.ai.'
            : 'The token lacks the granular scopes (read:page:confluence, write:page:confluence, …) the v2 API needs.';
        }
        return `The credential was refused (${connection.description}). Check ${variables}, then run: confluence-sync auth status`;
      case 403:
        // v1 answers refused credentials with 403 and one of these messages (notes §6).
        if (apiMessage && /caller cannot access Confluence|not permitted to use Confluence/i.test(apiMessage)) {
          return `The credential was refused (${connection.description}). Check ${variables}, then run: confluence-sync auth status`;
        }
        return `Permission denied for this operation (${connection.description}): the user needs permission on the space. For uploads, the X-Atlassian-Token header is required.`;
      case 404:
        if (v2 && apiMessage === 'Not Found') {
          return `Confluence answers a bare 404 both for something missing and for refused credentials. Check ${variables} (confluence-sync auth status), the space key and the page ID.`;
        }
        return connection.cloudId
          ? `Not found: check the ID, the space key, and the cloud ID ${connection.cloudId}.`
          : 'Not found: check the ID and the space key.';
      case 409:
        return 'Version conflict: the content changed in Confluence since it was read. Run again to re-plan from the current version.';
      case 413:
        return 'The request is larger than Confluence accepts (5 MB): split the page or move large content into attachments.';
      case 429: {
        const wait = retryAfterMs(headerValue(headers, 'retry-after'), this.now());
        const reset = headerValue(headers, 'x-ratelimit-reset');
        const when = reset ?? (wait !== undefined ? new Date(this.now() + wait).toISOString() : undefined);
        return `Confluence's rate limit is exhausted${wait !== undefined ? ` and asks to wait ${Math.ceil(wait / 1000)} s` : ''}, longer than this run may wait. Retry${when ? ` after ${when}` : ' later'}.`;
      }
      default:
        return status >= 500 ? 'Confluence had an internal error; the request was retried where that was safe. Try again later.' : undefined;
    }
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
