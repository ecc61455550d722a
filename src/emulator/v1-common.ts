import { ApiError } from './errors.js';
import type { ApiRequest } from './http-types.js';
import type { ContentRecord, DocumentRecord } from './model.js';

/** Small pieces the v1 route modules share: v1's not-found error and Tomcat's HTML error page. */

/** v1's 404 for content it cannot find (inferred from v1 bodies seen in clients; not in the notes). */
export function contentNotFound(id: string): ApiError {
  return new ApiError(404, 'Not Found', { v1Message: `No content found with id: ContentId{id=${id}}` });
}

/** The page or blog post addressed by `{param}`, not trashed (v1 treats trashed content as missing). */
export function liveDocument(req: ApiRequest, param = 'id'): DocumentRecord {
  const id = req.params[param] ?? '';
  const record = req.site.content.get(id);
  if (!record || (record.kind !== 'page' && record.kind !== 'blogpost') || record.status === 'trashed') throw contentNotFound(id);
  return record;
}

/** Any content node addressed by `{param}` (page, blog post, folder), not trashed. */
export function liveContent(req: ApiRequest, param = 'id'): ContentRecord {
  const id = req.params[param] ?? '';
  const record = req.site.content.get(id);
  if (!record || record.status === 'trashed') throw contentNotFound(id);
  return record;
}

/** Tomcat's own error page: what Confluence answers when the request never reaches the REST layer. */
export function tomcatError(status: number, reason: string): ApiError {
  return new ApiError(status, reason, {
    raw: {
      contentType: 'text/html;charset=utf-8',
      body: `<!doctype html><html lang="en"><head><title>HTTP Status ${status} – ${reason}</title></head><body><h1>HTTP Status ${status} – ${reason}</h1></body></html>`,
    },
  });
}
