import type { IncomingHttpHeaders } from 'node:http';
import type { Site } from './site.js';
import type { User } from './model.js';

/** Which API family a request reached: error bodies and auth failures differ between them. */
export type ApiFamily = 'v2' | 'v1';

/** How the request reached the site: directly on the site domain, through api.atlassian.com, or through Maton. */
export type Mount = 'site' | 'atlassian-gateway' | 'maton-gateway';

export interface ApiRequest {
  readonly method: string;
  /** The path below the API base, e.g. `/pages/123` for `/wiki/api/v2/pages/123`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly api: ApiFamily;
  readonly mount: Mount;
  readonly site: Site;
  readonly user: User;
  /** The URL prefix the client used before `/wiki` (empty on the site domain, `/ex/confluence/{cloudId}` on a gateway). */
  readonly prefix: string;
  /** Parses the body as JSON or throws a 400 like Confluence. */
  json(): unknown;
}

export interface ApiResponse {
  readonly status: number;
  /** A JSON value, a Buffer (sent as is), or undefined for an empty body. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiResponse => ({ status: 200, body, headers });
export const created = (body: unknown, headers?: Record<string, string>): ApiResponse => ({ status: 201, body, headers });
export const noContent = (): ApiResponse => ({ status: 204 });
