import { createDocument, deleteDocument, findDocument, notFound, sameTitle, updateDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import { noContent, ok, type ApiRequest } from '../http-types.js';
import type { DocumentRecord } from '../model.js';
import { listResponse } from '../pagination.js';
import { flag, manyOf, multi, objectBody, oneOf, pathId, stringField } from '../params.js';
import type { Router } from '../router.js';
import { current, documentView } from '../views.js';
import { documentSortKey, getDocument, versionDetail, versionsList } from './pages.js';
import { findSpace } from './spaces.js';

/**
 * Blog posts (spec; notes §4.13): the same write rules as pages (documents.ts: title per space,
 * version = current + 1, trash and purge), no hierarchy, list status `current` by default.
 */

const listStatuses = ['current', 'deleted', 'trashed'] as const;
const blogSorts = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date'] as const;
const listFormats = ['storage', 'atlas_doc_format'] as const;

/** `createdAt` as the spec gives it (`yyyy-MM-ddTHH:mm:ss.SSSZ`); anything `Date` cannot read is a 400. */
function normalizedCreatedAt(body: Record<string, unknown>): string | undefined {
  const value = stringField(body, 'createdAt');
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ApiError(400, `Invalid value '${value}' for 'createdAt': expected yyyy-MM-ddTHH:mm:ss.SSSZ`);
  return new Date(time).toISOString();
}

function checkStatus(body: Record<string, unknown>, required: boolean): void {
  const status = stringField(body, 'status', required as true);
  if (status !== undefined && status !== 'current' && status !== 'draft') {
    throw new ApiError(400, `Invalid status '${status}': expected current or draft`);
  }
}

/** The shared listing of blog posts (`GET /blogposts`, `GET /spaces/{id}/blogposts`). */
function listBlogPosts(req: ApiRequest, filter: (record: DocumentRecord) => boolean) {
  const site = req.site;
  const statuses = manyOf(req, 'status', listStatuses, ['current']);
  const sort = oneOf(req, 'sort', blogSorts, 'id');
  const format = oneOf(req, 'body-format', listFormats);
  const title = req.query.get('title');
  const rows = [...site.content.values()].filter(
    (r): r is DocumentRecord =>
      r.kind === 'blogpost' &&
      (statuses as readonly string[]).includes(r.status) &&
      (title === null || (title !== '' && sameTitle(site, current(r).title, title))) &&
      filter(r),
  );
  return listResponse(req, rows, {
    key: documentSortKey(sort),
    descending: sort.startsWith('-'),
    view: (r) => documentView(site, r, { format, single: false }),
  });
}

export function registerBlogPosts(router: Router): void {
  router.get('/blogposts', (req) => {
    const ids = multi(req, 'id');
    const spaceIds = multi(req, 'space-id');
    if (ids.length > 250) throw new ApiError(400, "At most 250 values may be given for 'id'");
    return listBlogPosts(req, (r) => (ids.length === 0 || ids.includes(r.id)) && (spaceIds.length === 0 || spaceIds.includes(r.spaceId)));
  });

  router.post('/blogposts', (req) => {
    flag(req, 'private');
    const body = objectBody(req);
    checkStatus(body, false);
    const createdAt = normalizedCreatedAt(body);
    const record = createDocument(req.site, req.user, {
      kind: 'blogpost',
      body: createdAt === undefined ? body : { ...body, createdAt },
      rootLevel: false,
    });
    return ok(documentView(req.site, record, { format: 'storage', single: true }));
  });

  router.get('/blogposts/{id}', (req) => getDocument(req, 'blogpost', 'blogposts'));

  router.put('/blogposts/{id}', (req) => {
    const record = findDocument(req.site, 'blogpost', pathId(req));
    const body = objectBody(req);
    checkStatus(body, true);
    const createdAt = normalizedCreatedAt(body);
    updateDocument(req.site, req.user, record, body);
    // The spec lets an update move the publishing date (the blog post's URL follows it).
    if (createdAt !== undefined) (record as { createdAt: string }).createdAt = createdAt;
    return ok(documentView(req.site, record, { format: 'storage', single: true }));
  });

  router.delete('/blogposts/{id}', (req) => {
    const record = findDocument(req.site, 'blogpost', pathId(req));
    if (flag(req, 'draft')) {
      if (record.status !== 'draft') throw notFound('blogpost', record.id);
      req.site.content.delete(record.id);
      return noContent();
    }
    deleteDocument(req.site, record, flag(req, 'purge'));
    return noContent();
  });

  router.get('/blogposts/{id}/versions', (req) => versionsList(req, 'blogpost'));
  router.get('/blogposts/{blogpost-id}/versions/{version-number}', (req) => versionDetail(req, 'blogpost', 'blogpost-id'));

  router.get('/spaces/{id}/blogposts', (req) => {
    const space = findSpace(req.site, pathId(req));
    return listBlogPosts(req, (r) => r.spaceId === space.id);
  });
}
