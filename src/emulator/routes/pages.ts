import { indexDocument } from '../content-index.js';
import { createDocument, deleteDocument, findDocument, notFound, sameTitle, titleTaken, validateTitle } from '../documents.js';
import { ApiError } from '../errors.js';
import { noContent, ok, type ApiRequest } from '../http-types.js';
import type { ContentRecord, DocumentRecord } from '../model.js';
import { compareKeys, idKey, listResponse, type SortKey } from '../pagination.js';
import { flag, integer, manyOf, multi, objectBody, oneOf, pathId, stringField } from '../params.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { current, detailedVersionView, documentView, labelView, propertyView, titleOf, versionView, type BodyFormat } from '../views.js';
import { updateDocument } from '../documents.js';

const listStatuses = ['current', 'archived', 'deleted', 'trashed'] as const;
const pageSorts = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'] as const;
const listFormats = ['storage', 'atlas_doc_format'] as const;
const singleFormats = ['storage', 'atlas_doc_format', 'view', 'export_view', 'anonymous_export_view', 'styled_view', 'editor'] as const;

/** Sort keys for content lists; the id comes last so keys are unique. */
export function documentSortKey(sort: string): (record: DocumentRecord) => SortKey {
  switch (sort.replace(/^-/, '')) {
    case 'created-date':
      return (r) => [r.createdAt, idKey(r.id)];
    case 'modified-date':
      return (r) => [current(r).createdAt, idKey(r.id)];
    case 'title':
      return (r) => [current(r).title.toLowerCase(), idKey(r.id)];
    default:
      return (r) => [idKey(r.id)];
  }
}

/** `deleted` is never stored (purged records are gone), so asking for it matches nothing. */
function statusMatches(record: { status: string }, statuses: readonly string[]): boolean {
  return statuses.includes(record.status);
}

/** The shared listing of pages (`GET /pages`, `GET /spaces/{id}/pages`). */
export function listPages(req: ApiRequest, filter: (record: DocumentRecord) => boolean) {
  const site = req.site;
  const statuses = manyOf(req, 'status', listStatuses, ['current', 'archived']);
  const sort = oneOf(req, 'sort', pageSorts, 'id');
  const format = oneOf(req, 'body-format', listFormats);
  const title = req.query.get('title');
  const rows = [...site.content.values()].filter(
    (r): r is DocumentRecord =>
      r.kind === 'page' &&
      statusMatches(r, statuses) &&
      (title === null || (title !== '' && sameTitle(site, current(r).title, title)) ? true : false) &&
      filter(r),
  );
  return listResponse(req, rows, {
    key: documentSortKey(sort),
    descending: sort.startsWith('-'),
    view: (r) => documentView(site, r, { format, single: false }),
  });
}

/** The `include-*` blocks of a single GET: at most 50 items each, with `meta` and `_links.self`. */
export function includes(req: ApiRequest, record: DocumentRecord, family: 'pages' | 'blogposts'): Record<string, unknown> {
  const site = req.site;
  const extra: Record<string, unknown> = {};
  const block = (name: string, items: unknown[]) => ({
    results: items.slice(0, 50),
    // OptionalFieldMeta.cursor is a string in the spec: present only when there is more.
    meta: { hasMore: items.length > 50, ...(items.length > 50 ? { cursor: Buffer.from(JSON.stringify([50])).toString('base64url') } : {}) },
    _links: { self: `/wiki/api/v2/${family}/${record.id}/${name}` },
  });
  if (flag(req, 'include-labels')) {
    extra.labels = block('labels', [...record.labels].map((id) => site.labels.get(id)).filter((l) => l !== undefined).map(labelView));
  }
  if (flag(req, 'include-properties')) extra.properties = block('properties', [...record.properties.values()].map(propertyView));
  if (flag(req, 'include-operations')) {
    extra.operations = block('operations', ['read', 'update', 'delete'].map((operation) => ({ operation, targetType: record.kind })));
  }
  if (flag(req, 'include-likes')) extra.likes = block('likes', []);
  if (flag(req, 'include-versions')) extra.versions = block('versions', [...record.versions].reverse().map(versionView));
  if (flag(req, 'include-favorited-by-current-user-status')) extra.isFavoritedByCurrentUser = false;
  return extra;
}

/** GET of one page or blog post, with `version`, `status` and `get-draft` handling. */
export function getDocument(req: ApiRequest, kind: DocumentRecord['kind'], family: 'pages' | 'blogposts') {
  const site = req.site;
  const id = pathId(req);
  const record = findDocument(site, kind, id);
  const format = oneOf(req, 'body-format', singleFormats) as BodyFormat | undefined;
  const wanted = multi(req, 'status');
  if (record.status === 'draft' && !flag(req, 'get-draft') && !wanted.includes('draft')) throw notFound(kind, id);
  if (wanted.length > 0 && !wanted.includes(record.status) && !(record.status === 'draft' && flag(req, 'get-draft'))) throw notFound(kind, id);
  const versionNumber = integer(req, 'version');
  let version = undefined;
  if (versionNumber !== undefined) {
    version = record.versions.find((v) => v.number === versionNumber);
    if (!version) throw new ApiError(404, `Cannot find version ${versionNumber} of ${kind === 'page' ? 'page' : 'blog post'} with id [${id}]`);
  }
  return ok(
    documentView(site, record, {
      format,
      version,
      single: true,
      includeVersion: flag(req, 'include-version', true),
      extra: includes(req, record, family),
    }),
  );
}

function childStatus(r: ContentRecord): boolean {
  return r.status === 'current' || r.status === 'archived';
}

export function childSortKey(sort: string): (r: ContentRecord) => SortKey {
  switch (sort.replace(/^-/, '')) {
    case 'created-date':
      return (r) => [r.createdAt, idKey(r.id)];
    case 'modified-date':
      return (r) => [r.kind === 'folder' ? r.createdAt : current(r).createdAt, idKey(r.id)];
    case 'id':
      return (r) => [idKey(r.id)];
    case 'title':
      return (r) => [(r.kind === 'folder' ? r.title : current(r).title).toLowerCase(), idKey(r.id)];
    default:
      return (r) => [r.position ?? 0, idKey(r.id)];
  }
}

export function childrenOf(site: Site, parentId: string): ContentRecord[] {
  return [...site.content.values()].filter((r) => r.parentId === parentId && childStatus(r));
}

/** Descendants top to bottom (breadth first), down to `maxDepth` levels. */
export function descendantsOf(site: Site, rootId: string, maxDepth: number): Array<{ record: ContentRecord; depth: number }> {
  const out: Array<{ record: ContentRecord; depth: number }> = [];
  let level = [rootId];
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const parentId of level) {
      const children = childrenOf(site, parentId).sort((a, b) => compareKeys(childSortKey('child-position')(a), childSortKey('child-position')(b)));
      for (const child of children) {
        out.push({ record: child, depth });
        next.push(child.id);
      }
    }
    level = next;
  }
  return out;
}

export function ancestorsOf(site: Site, id: string): ContentRecord[] {
  const chain: ContentRecord[] = [];
  let at = site.content.get(id)?.parentId ?? null;
  while (at !== null) {
    const record = site.content.get(at);
    if (!record) break;
    chain.unshift(record);
    at = record.parentId;
  }
  return chain;
}

export function titleOfRecord(r: ContentRecord): string {
  return r.kind === 'folder' ? r.title : current(r).title;
}

export function registerPages(router: Router): void {
  router.get('/pages', (req) => {
    const ids = multi(req, 'id');
    const spaceIds = multi(req, 'space-id');
    const subtype = oneOf(req, 'subtype', ['live', 'page'] as const);
    if (ids.length > 250) throw new ApiError(400, "At most 250 values may be given for 'id'");
    return listPages(
      req,
      (r) =>
        (ids.length === 0 || ids.includes(r.id)) &&
        (spaceIds.length === 0 || spaceIds.includes(r.spaceId)) &&
        (subtype === undefined || (subtype === 'live' ? r.subtype === 'live' : r.subtype !== 'live')),
    );
  });

  router.post('/pages', (req) => {
    const body = objectBody(req);
    const record = createDocument(req.site, req.user, { kind: 'page', body, rootLevel: flag(req, 'root-level') });
    return ok(documentView(req.site, record, { format: 'storage', single: true }));
  });

  router.get('/pages/{id}', (req) => getDocument(req, 'page', 'pages'));

  router.put('/pages/{id}', (req) => {
    const record = findDocument(req.site, 'page', pathId(req));
    updateDocument(req.site, req.user, record, objectBody(req));
    return ok(documentView(req.site, record, { format: 'storage', single: true }));
  });

  router.delete('/pages/{id}', (req) => {
    const record = findDocument(req.site, 'page', pathId(req));
    if (flag(req, 'draft')) {
      if (record.status !== 'draft') throw notFound('page', record.id);
      req.site.content.delete(record.id);
      return noContent();
    }
    deleteDocument(req.site, record, flag(req, 'purge'));
    return noContent();
  });

  router.put('/pages/{id}/title', (req) => {
    const site = req.site;
    const record = findDocument(site, 'page', pathId(req));
    const body = objectBody(req);
    const status = stringField(body, 'status', true);
    if (status !== 'current' && status !== 'draft') throw new ApiError(400, `Invalid status '${status}': expected current or draft`);
    const title = validateTitle(stringField(body, 'title', true), status);
    if (record.status !== 'current' && record.status !== 'draft') throw notFound('page', record.id);
    if (status === 'current' && titleTaken(site, 'page', record.spaceId, title, record.id)) {
      throw new ApiError(site.fidelity.duplicateTitleOnUpdate, 'A page with this title already exists: A page already exists with the same TITLE in this space');
    }
    const latest = current(record);
    record.versions.push({ ...latest, number: latest.number + 1, message: '', createdAt: site.now(), authorId: req.user.accountId, title });
    indexDocument(site, record);
    return ok(documentView(site, record, { single: true }));
  });

  router.get('/pages/{id}/children', (req) => {
    const site = req.site;
    const record = findDocument(site, 'page', pathId(req));
    const sort = oneOf(req, 'sort', ['created-date', '-created-date', 'id', '-id', 'child-position', '-child-position', 'modified-date', '-modified-date'] as const, 'child-position');
    // The deprecated route lists pages only: folders (and what is under them) are left out.
    const rows = childrenOf(site, record.id).filter((r) => r.kind === 'page');
    return listResponse(req, rows, {
      key: childSortKey(sort),
      descending: sort.startsWith('-'),
      view: (r) => ({ id: r.id, status: r.status, title: titleOfRecord(r), spaceId: r.spaceId, childPosition: r.position }),
    });
  });

  router.get('/pages/{id}/direct-children', (req) => {
    const site = req.site;
    const id = pathId(req);
    const record = site.content.get(id);
    if (!record || record.kind !== 'page') throw new ApiError(404, `Cannot find [page] entity with id [${id}]`);
    const sort = oneOf(req, 'sort', ['created-date', '-created-date', 'id', '-id', 'modified-date', '-modified-date', 'child-position', '-child-position', 'title', '-title'] as const, 'child-position');
    return listResponse(req, childrenOf(site, id), {
      key: childSortKey(sort),
      descending: sort.startsWith('-'),
      view: (r) => ({ id: r.id, status: r.status, title: titleOfRecord(r), type: r.kind, spaceId: r.spaceId, childPosition: r.position }),
    });
  });

  router.get('/pages/{id}/descendants', (req) => {
    const site = req.site;
    const id = pathId(req);
    const record = site.content.get(id);
    if (!record || record.kind !== 'page') throw new ApiError(404, `Cannot find [page] entity with id [${id}]`);
    const depth = integer(req, 'depth') ?? 2;
    if (depth < 1 || depth > 10) throw new ApiError(400, `Invalid value '${depth}' for parameter 'depth': must be between 1 and 10`);
    const rows = descendantsOf(site, id, depth).map((row, index) => ({ ...row, index }));
    return listResponse(req, rows, {
      key: (row) => [row.index, idKey(row.record.id)],
      view: ({ record: r, depth: d }) => ({ id: r.id, status: r.status, title: titleOfRecord(r), type: r.kind, parentId: r.parentId, depth: d, childPosition: r.position }),
    });
  });

  router.get('/pages/{id}/ancestors', (req) => {
    const site = req.site;
    const record = findDocument(site, 'page', pathId(req));
    const limit = Math.min(integer(req, 'limit') ?? 25, 250);
    if (limit < 1) throw new ApiError(400, "Invalid value for parameter 'limit'");
    // Top to bottom; with more than `limit`, the ones nearest the page are returned (call again from the highest).
    const chain = ancestorsOf(site, record.id);
    return ok({ results: chain.slice(Math.max(0, chain.length - limit)).map((r) => ({ id: r.id, type: r.kind })), _links: { base: site.base } });
  });

  router.get('/pages/{id}/versions', (req) => versionsList(req, 'page'));
  router.get('/pages/{page-id}/versions/{version-number}', (req) => versionDetail(req, 'page', 'page-id'));

  router.get('/spaces/{id}/pages', (req) => {
    const site = req.site;
    const spaceId = pathId(req);
    const space = site.spaces.get(spaceId);
    if (!space) throw new ApiError(404, `Cannot find a space with id [${spaceId}]`);
    const depth = oneOf(req, 'depth', ['all', 'root'] as const, 'all');
    return listPages(req, (r) => r.spaceId === spaceId && (depth === 'all' || r.parentId === null || site.content.get(r.parentId) === undefined));
  });
}

export function versionsList(req: ApiRequest, kind: DocumentRecord['kind']) {
  const site = req.site;
  const record = findDocument(site, kind, pathId(req));
  const sort = oneOf(req, 'sort', ['modified-date', '-modified-date'] as const, '-modified-date');
  const format = oneOf(req, 'body-format', listFormats);
  return listResponse(req, record.versions, {
    key: (v) => [v.number],
    descending: sort.startsWith('-'),
    view: (v) => ({
      ...(versionView(v) as object),
      [kind === 'page' ? 'page' : 'blogpost']: { id: record.id, title: v.title, ...(format ? { body: { [format]: { representation: format, value: v.body } } } : {}) },
    }),
  });
}

export function versionDetail(req: ApiRequest, kind: DocumentRecord['kind'], idParam: string) {
  const site = req.site;
  const record = findDocument(site, kind, pathId(req, idParam));
  const n = Number(req.params['version-number']);
  const version = record.versions.find((v) => v.number === n);
  if (!version) throw new ApiError(404, `Cannot find version ${req.params['version-number']} of content with id [${record.id}]`);
  return ok(detailedVersionView(record.versions, record.versions.indexOf(version)));
}

export { titleOf };
