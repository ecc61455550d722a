import { ApiError } from './errors.js';
import type { ApiRequest, ApiResponse } from './http-types.js';

export type SortKey = ReadonlyArray<string | number>;

export interface ListOptions<T> {
  /** The sort key of an item; its last element must make it unique (the id). */
  readonly key: (item: T) => SortKey;
  readonly descending?: boolean;
  /** `limit` default and maximum for this route (spec: 25/250, attachments 50/250). */
  readonly defaultLimit?: number;
  readonly maxLimit?: number;
  /** Maps a stored item to its JSON row. */
  readonly view: (item: T) => unknown;
}

/**
 * Cursor pagination as Confluence v2 does it: an opaque cursor (here the sort key of the last row,
 * so pages stay stable while items are added or removed), `_links.next` as a `/wiki/api/v2/…` path
 * carrying the original query plus `cursor`, and a `Link` header with `rel="next"` and `rel="base"`.
 */
export function listResponse<T>(req: ApiRequest, items: Iterable<T>, options: ListOptions<T>): ApiResponse {
  const limit = parseLimit(req, options.defaultLimit ?? 25, options.maxLimit ?? 250);
  const direction = options.descending ? -1 : 1;
  const sorted = [...items].map((item) => ({ item, key: options.key(item) }));
  sorted.sort((a, b) => direction * compareKeys(a.key, b.key));
  const after = decodeCursor(req.query.get('cursor'));
  const start = after === undefined ? 0 : firstAfter(sorted, after, direction);
  const page = sorted.slice(start, start + limit);
  const hasMore = start + limit < sorted.length;
  const links: Record<string, string> = { base: req.site.base };
  const headers: Record<string, string> = {};
  if (hasMore) {
    const next = nextPath(req, encodeCursor(page[page.length - 1]!.key));
    links.next = next;
    headers.link = `<${next}>; rel="next", <${req.site.base}>; rel="base"`;
  } else if (req.site.fidelity.linkHeaderOnLastPage) {
    headers.link = `<${req.site.base}>; rel="base"`;
  }
  return { status: 200, body: { results: page.map(({ item }) => options.view(item)), _links: links }, headers };
}

export function parseLimit(req: ApiRequest, defaultLimit: number, maxLimit: number): number {
  const raw = req.query.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new ApiError(400, `Invalid value '${raw}' for parameter 'limit': must be an integer between 1 and ${maxLimit}`);
  }
  if (n > maxLimit) {
    if (req.site.fidelity.limitAboveMaximum === 'reject') {
      throw new ApiError(400, `Invalid value '${raw}' for parameter 'limit': must be an integer between 1 and ${maxLimit}`);
    }
    return maxLimit;
  }
  return n;
}

function nextPath(req: ApiRequest, cursor: string): string {
  const query = new URLSearchParams(req.query);
  query.set('cursor', cursor);
  const family = req.api === 'v2' ? '/wiki/api/v2' : '/wiki/rest/api';
  return `${family}${req.path}?${query.toString()}`;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const sx = String(x);
    const sy = String(y);
    return sx < sy ? -1 : 1;
  }
  return 0;
}

function firstAfter(sorted: ReadonlyArray<{ key: SortKey }>, after: SortKey, direction: number): number {
  const index = sorted.findIndex(({ key }) => direction * compareKeys(key, after) > 0);
  return index === -1 ? sorted.length : index;
}

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null): SortKey | undefined {
  if (cursor === null || cursor === '') return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, `Invalid cursor: ${cursor}`);
}

/** A numeric id as a sort key: ids are numeric strings and sort as numbers. */
export const idKey = (id: string): number => Number(id.replace(/^att/, ''));
