import { ConfluenceError } from '../errors.js';
import type { Http } from '../http.js';
import type { ContentStatus, Page, PageWrite } from '../types.js';

const v2 = '/wiki/api/v2';

export interface ListPagesOptions {
  readonly status?: readonly ContentStatus[];
  readonly bodyFormat?: 'storage';
  readonly title?: string;
}

/** Every page of a space (current and archived by default), in as few requests as the API allows (250 a page). */
export function pagesInSpace(http: Http, spaceId: string, options: ListPagesOptions = {}): AsyncGenerator<Page> {
  return http.paginate<Page>(`${v2}/spaces/${encodeURIComponent(spaceId)}/pages`, {
    status: options.status,
    'body-format': options.bodyFormat,
    title: options.title,
  });
}

/**
 * Pages by id (`GET /pages?id=…`, at most 250 ids a request, as the API allows), with their bodies
 * when asked: one request per 250 pages instead of one per page.
 */
export async function* pagesByIds(http: Http, ids: readonly string[], options: { readonly bodyFormat?: 'storage' } = {}): AsyncGenerator<Page> {
  for (let i = 0; i < ids.length; i += 250) {
    const chunk = ids.slice(i, i + 250);
    yield* http.paginate<Page>(`${v2}/pages`, { id: chunk, 'body-format': options.bodyFormat });
  }
}

export interface GetPageOptions {
  readonly bodyFormat?: 'storage' | 'atlas_doc_format' | 'view';
  readonly version?: number;
  readonly includeLabels?: boolean;
}

export function page(http: Http, id: string, options: GetPageOptions = {}): Promise<Page> {
  return http.get<Page>(`${v2}/pages/${encodeURIComponent(id)}`, {
    'body-format': options.bodyFormat,
    version: options.version,
    'include-labels': options.includeLabels || undefined,
  });
}

/** The current page of this exact title in the space, if any (title lookup is case-insensitive in Confluence). */
export async function pageByTitle(http: Http, spaceId: string, title: string): Promise<Page | undefined> {
  for await (const candidate of http.paginate<Page>(`${v2}/pages`, { 'space-id': spaceId, title, status: ['current'] })) {
    if (candidate.title === title) return candidate;
  }
  return undefined;
}

const MAX_CREATE_ATTEMPTS = 3;

/**
 * Creates a page. A create is not idempotent, so it is never retried blindly: after an ambiguous
 * failure (connection reset, timeout, 5xx) the page is looked up by space and title first, and only
 * created again when it does not exist. No duplicate can result.
 */
export async function createPage(http: Http, input: PageWrite, options: { rootLevel?: boolean } = {}): Promise<Page> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await http.request<Page>('POST', `${v2}/pages`, {
        query: { 'root-level': options.rootLevel || undefined },
        json: {
          spaceId: input.spaceId,
          status: input.status ?? 'current',
          title: input.title,
          parentId: input.parentId,
          body: { representation: 'storage', value: input.body },
        },
      });
      return response.body;
    } catch (error) {
      if (!(error instanceof ConfluenceError) || !error.ambiguous || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      const existing = await pageByTitle(http, input.spaceId, input.title);
      if (existing) return existing;
    }
  }
}

/**
 * Updates a page to `version` (the current number + 1). A PUT that landed but whose answer was lost
 * is retried by the dispatcher and then answered 409, so a 409 is checked by reading the page back:
 * at `version` with our version message (and title), the update is ours and it landed. After any
 * other ambiguous failure, the page is read back the same way, and sent again if still at
 * `version - 1`.
 */
export async function updatePage(
  http: Http,
  id: string,
  input: Omit<PageWrite, 'spaceId'> & { readonly version: number; readonly message?: string; readonly minorEdit?: boolean },
): Promise<Page> {
  const body = {
    id,
    status: input.status ?? 'current',
    title: input.title,
    parentId: input.parentId,
    body: { representation: 'storage', value: input.body },
    // v2 documents no minorEdit; it is sent anyway (extra fields are accepted) so watchers are not notified.
    version: { number: input.version, message: input.message ?? '', ...(input.minorEdit !== undefined ? { minorEdit: input.minorEdit } : {}) },
  };
  const landed = (page: Page) => page.version?.number === input.version && page.title === input.title && (input.message === undefined || page.version?.message === input.message);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await http.request<Page>('PUT', `${v2}/pages/${encodeURIComponent(id)}`, { json: body })).body;
    } catch (error) {
      if (!(error instanceof ConfluenceError)) throw error;
      if (error.status === 409 && input.message) {
        const now = await page(http, id, { bodyFormat: 'storage' });
        if (landed(now)) return now;
        throw error;
      }
      if (!error.ambiguous || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      const now = await page(http, id, { bodyFormat: 'storage' });
      if (landed(now)) return now;
      if (now.version?.number !== input.version - 1) throw error;
    }
  }
}

export async function deletePage(http: Http, id: string, options: { purge?: boolean } = {}): Promise<void> {
  await http.request('DELETE', `${v2}/pages/${encodeURIComponent(id)}`, { query: { purge: options.purge || undefined } });
}

export async function ancestors(http: Http, id: string): Promise<Array<{ id: string; type: string }>> {
  const body = await http.get<{ results: Array<{ id: string; type: string }> }>(`${v2}/pages/${encodeURIComponent(id)}/ancestors`);
  return body.results;
}
