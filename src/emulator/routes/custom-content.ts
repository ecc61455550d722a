import { containerField, containerOf, publicContainerId, requireContainer, type Container } from '../containers.js';
import { findDocument, saveBody, storageOf, validateTitle } from '../documents.js';
import { ApiError } from '../errors.js';
import { includeBlock } from '../include-blocks.js';
import { created, noContent, ok, type ApiRequest } from '../http-types.js';
import type { CustomContentRecord, User } from '../model.js';
import { idKey, listResponse, type SortKey } from '../pagination.js';
import { flag, integer, multi, objectBody, oneOf, pathId, stringField } from '../params.js';
import { contentPropertyView, propertyMap } from '../properties-store.js';
import { labelsOf } from '../labels-store.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { bodyView, detailedVersionView, versionView, type BodyFormat } from '../views.js';
import { findSpace } from './spaces.js';

/**
 * Custom content (spec): app-defined content types stored in a space, page, blog post or other
 * custom content. Rules:
 * - `type` is required on every list (400 without it); a type the site does not know is a 404
 *   (spec), which only happens when `fidelity.customContentTypes` lists the known types;
 * - POST answers 201 with `location: /wiki/api/v2/custom-content/{id}` (spec);
 * - exactly one container: `pageId`, `blogPostId` or `customContentId`, or else `spaceId`; a
 *   `spaceId` next to a container must be the container's space;
 * - versions as pages: start at 1, update with current + 1 (409 otherwise);
 * - DELETE trashes, `purge=true` on trashed content removes it, a draft is removed at once.
 * The emulator stores `storage` bodies only (the `raw` representation is refused on write).
 */

const sorts = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'] as const;
const listFormats = ['raw', 'storage', 'atlas_doc_format'] as const;
const singleFormats = ['raw', 'storage', 'atlas_doc_format', 'view', 'export_view', 'anonymous_export_view'] as const;
type CustomFormat = (typeof singleFormats)[number];

export function customContentNotFound(id: string): ApiError {
  return new ApiError(404, `Cannot find custom content with id [${id}]`);
}

export function findCustomContent(site: Site, id: string): CustomContentRecord {
  const record = site.customContent.get(id);
  if (!record) throw customContentNotFound(id);
  return record;
}

function latest(record: CustomContentRecord) {
  return record.versions[record.versions.length - 1]!;
}

function knownType(site: Site, type: string): string {
  const known = site.fidelity.customContentTypes;
  if (known !== 'any' && !known.includes(type)) throw new ApiError(404, `Cannot find custom content type [${type}]`);
  return type;
}

/** The required `type` query parameter. */
function typeParam(req: ApiRequest): string {
  const type = req.query.get('type');
  if (type === null || type === '') throw new ApiError(400, "'type' is required");
  return knownType(req.site, type);
}

function bodyOf(site: Site, storage: string, format: CustomFormat | undefined): Record<string, unknown> {
  if (format === 'raw') return { raw: { representation: 'raw', value: storage } };
  return bodyView(site, storage, format as BodyFormat | undefined);
}

export function customContentView(
  site: Site,
  record: CustomContentRecord,
  options: { format?: CustomFormat; single?: boolean; version?: CustomContentRecord['versions'][number]; includeVersion?: boolean } = {},
): Record<string, unknown> {
  const version = options.version ?? latest(record);
  const container = record.containerId === null ? undefined : containerOf(site, record.containerId);
  const space = site.spaces.get(record.spaceId);
  const view: Record<string, unknown> = {
    id: record.id,
    type: record.type,
    status: options.version && options.version !== latest(record) ? 'historical' : record.status,
    title: version.title,
    spaceId: record.spaceId,
  };
  if (container) view[containerField[container.kind]] = publicContainerId(container);
  view.authorId = record.authorId;
  view.createdAt = record.createdAt;
  if (options.includeVersion !== false) view.version = versionView(version);
  view.body = bodyOf(site, version.body, options.format);
  view._links = { webui: `/spaces/${space?.key ?? ''}/customcontent/${record.id}`, ...(options.single ? { base: site.base } : {}) };
  return view;
}

/** The container named in a create or update body (at most one of page, blog post, custom content), checked against `spaceId`. */
function placeOf(site: Site, body: Record<string, unknown>): { spaceId: string; container: Container | null } {
  const given: Array<['page' | 'blogpost' | 'customContent', string]> = [];
  for (const kind of ['page', 'blogpost', 'customContent'] as const) {
    const id = stringField(body, containerField[kind]);
    if (id !== undefined) given.push([kind, id]);
  }
  const spaceId = stringField(body, 'spaceId');
  if (given.length > 1) throw new ApiError(400, 'Only one of pageId, blogPostId or customContentId may be given');
  if (given.length === 0) {
    if (spaceId === undefined) throw new ApiError(400, 'One of spaceId, pageId, blogPostId or customContentId is required');
    findSpace(site, spaceId);
    return { spaceId, container: null };
  }
  const [kind, id] = given[0]!;
  const container = kind === 'customContent' ? customContainer(site, id) : requireContainer(site, kind, id);
  if (spaceId !== undefined && spaceId !== container.spaceId) throw new ApiError(400, `The spaceId (${spaceId}) is not the space of the container (${container.spaceId})`);
  return { spaceId: container.spaceId, container };
}

function customContainer(site: Site, id: string): Container {
  const record = site.customContent.get(id);
  if (!record || record.status !== 'current') throw customContentNotFound(id);
  return containerOf(site, id)!;
}

function writeBody(site: Site, spaceId: string, body: unknown): string {
  if (body === undefined || body === null) throw new ApiError(400, "'body' is required");
  return saveBody(site, spaceId, undefined, storageOf(body));
}

export function createCustomContent(site: Site, user: User, body: Record<string, unknown>): CustomContentRecord {
  const type = stringField(body, 'type');
  if (type === undefined || type === '') throw new ApiError(400, "'type' is required");
  knownType(site, type);
  const status = stringField(body, 'status') ?? 'current';
  if (status !== 'current' && status !== 'draft') throw new ApiError(400, `Invalid status '${status}': expected current or draft`);
  const title = stringField(body, 'title');
  if (title === undefined || title.trim() === '') throw new ApiError(400, "'title' is required");
  validateTitle(title, status);
  const { spaceId, container } = placeOf(site, body);
  const storage = writeBody(site, spaceId, body.body);
  const now = site.now();
  const record: CustomContentRecord = {
    id: site.nextId(),
    type,
    spaceId,
    containerId: container?.id ?? null,
    status,
    title,
    versions: [{ number: 1, message: '', minorEdit: false, authorId: user.accountId, createdAt: now, title, body: storage, parentId: null }],
    createdAt: now,
    authorId: user.accountId,
    labels: new Set(),
    properties: new Map(),
  };
  site.customContent.set(record.id, record);
  return record;
}

export function updateCustomContent(site: Site, user: User, record: CustomContentRecord, body: Record<string, unknown>): CustomContentRecord {
  const id = stringField(body, 'id', true);
  if (id !== record.id) throw new ApiError(400, `The id in the body (${id}) does not match the id in the path (${record.id})`);
  const type = stringField(body, 'type', true);
  if (type !== record.type) throw new ApiError(400, `The type of custom content cannot be changed (from '${record.type}' to '${type}')`);
  const status = stringField(body, 'status', true);
  if (status !== 'current') throw new ApiError(400, `Invalid status '${status}': expected current`);
  if (record.status === 'trashed') {
    // As for pages: a PUT with status current restores trashed content and changes nothing else.
    record.status = 'current';
    return record;
  }
  const version = body.version as { number?: unknown; message?: unknown } | undefined;
  if (typeof version !== 'object' || version === null || typeof version.number !== 'number') throw new ApiError(400, "'version.number' is required");
  const current = latest(record);
  const expected = record.status === 'draft' ? 1 : current.number + 1;
  if (version.number !== expected) {
    throw new ApiError(409, `Version must be incremented when updating a custom content. Current Version: [${current.number}]. Provided version: [${version.number}]`);
  }
  const title = validateTitle(stringField(body, 'title', true), status);
  const place = placeOf(site, { spaceId: record.spaceId, ...body });
  if (place.spaceId !== record.spaceId || (place.container?.id ?? null) !== record.containerId) {
    throw new ApiError(400, 'Moving custom content to another container is not supported.');
  }
  const storage = writeBody(site, record.spaceId, body.body);
  const saved = {
    number: version.number,
    message: typeof version.message === 'string' ? version.message : '',
    minorEdit: false,
    authorId: user.accountId,
    createdAt: site.now(),
    title,
    body: storage,
    parentId: null,
  };
  if (record.status === 'draft') record.versions.length = 0;
  record.versions.push(saved);
  record.title = title;
  record.status = 'current';
  return record;
}

function sortKey(sort: string): (r: CustomContentRecord) => SortKey {
  switch (sort.replace(/^-/, '')) {
    case 'created-date':
      return (r) => [r.createdAt, idKey(r.id)];
    case 'modified-date':
      return (r) => [latest(r).createdAt, idKey(r.id)];
    case 'title':
      return (r) => [r.title.toLowerCase(), idKey(r.id)];
    default:
      return (r) => [idKey(r.id)];
  }
}

/** A list of current custom content of the required `type`, with `sort` and `body-format`. */
function customList(req: ApiRequest, filter: (record: CustomContentRecord) => boolean) {
  const site = req.site;
  const type = typeParam(req);
  const sort = oneOf(req, 'sort', sorts, 'id');
  const format = oneOf(req, 'body-format', listFormats);
  const rows = [...site.customContent.values()].filter((r) => r.type === type && r.status === 'current' && filter(r));
  return listResponse(req, rows, {
    key: sortKey(sort),
    descending: sort.startsWith('-'),
    view: (r) => customContentView(site, r, { format }),
  });
}

function block(record: CustomContentRecord, name: string, items: unknown[]) {
  return includeBlock(`/wiki/api/v2/custom-content/${record.id}/${name}`, items);
}

export function registerCustomContent(router: Router): void {
  router.get('/custom-content', (req) => {
    const ids = multi(req, 'id');
    const spaceIds = multi(req, 'space-id');
    return customList(req, (r) => (ids.length === 0 || ids.includes(r.id)) && (spaceIds.length === 0 || spaceIds.includes(r.spaceId)));
  });

  router.post('/custom-content', (req) => {
    const record = createCustomContent(req.site, req.user, objectBody(req));
    return created(customContentView(req.site, record, { format: 'storage', single: true }), { location: `/wiki/api/v2/custom-content/${record.id}` });
  });

  router.get('/custom-content/{id}', (req) => {
    const site = req.site;
    const record = findCustomContent(site, pathId(req));
    const format = oneOf(req, 'body-format', singleFormats);
    const wanted = integer(req, 'version');
    const version = wanted === undefined ? undefined : record.versions.find((v) => v.number === wanted);
    if (wanted !== undefined && !version) throw new ApiError(404, `Cannot find version ${wanted} of custom content with id [${record.id}]`);
    const view = customContentView(site, record, { format, version, single: true, includeVersion: flag(req, 'include-version', true) });
    flag(req, 'include-collaborators');
    if (flag(req, 'include-labels')) view.labels = block(record, 'labels', labelsOf(site, { labels: record.labels ?? new Set() }).map((l) => ({ id: l.id, name: l.name, prefix: l.prefix })));
    if (flag(req, 'include-properties')) view.properties = block(record, 'properties', [...propertyMap(record).values()].map(contentPropertyView));
    if (flag(req, 'include-operations')) {
      view.operations = block(record, 'operations', ['read', 'update', 'delete'].map((operation) => ({ operation, targetType: record.type })));
    }
    if (flag(req, 'include-versions')) view.versions = block(record, 'versions', [...record.versions].reverse().map(versionView));
    return ok(view);
  });

  router.put('/custom-content/{id}', (req) => {
    const record = findCustomContent(req.site, pathId(req));
    updateCustomContent(req.site, req.user, record, objectBody(req));
    return ok(customContentView(req.site, record, { format: 'storage', single: true }));
  });

  router.delete('/custom-content/{id}', (req) => {
    const site = req.site;
    const record = findCustomContent(site, pathId(req));
    const purge = flag(req, 'purge');
    if (record.status === 'draft') site.customContent.delete(record.id);
    else if (purge) {
      if (record.status !== 'trashed') throw new ApiError(400, `Only trashed content can be purged; trash custom content ${record.id} first.`);
      site.customContent.delete(record.id);
    } else {
      if (record.status === 'trashed') throw customContentNotFound(record.id);
      record.status = 'trashed';
    }
    return noContent();
  });

  router.get('/custom-content/{id}/children', (req) => {
    const site = req.site;
    const parent = findCustomContent(site, pathId(req));
    const rows = [...site.customContent.values()].filter((r) => r.containerId === parent.id && r.status === 'current');
    return listResponse(req, rows, {
      key: (r) => [idKey(r.id)],
      view: (r) => ({ id: r.id, status: r.status, title: r.title, type: r.type, spaceId: r.spaceId }),
    });
  });

  router.get('/custom-content/{custom-content-id}/versions', (req) => {
    const site = req.site;
    const record = findCustomContent(site, pathId(req, 'custom-content-id'));
    const sort = oneOf(req, 'sort', ['modified-date', '-modified-date'] as const, '-modified-date');
    const format = oneOf(req, 'body-format', listFormats);
    return listResponse(req, record.versions, {
      key: (v) => [v.number],
      descending: sort.startsWith('-'),
      view: (v) => ({ ...(versionView(v) as object), custom: { id: record.id, title: v.title, body: bodyOf(site, v.body, format) } }),
    });
  });

  router.get('/custom-content/{custom-content-id}/versions/{version-number}', (req) => {
    const record = findCustomContent(req.site, pathId(req, 'custom-content-id'));
    const n = Number(req.params['version-number']);
    const index = record.versions.findIndex((v) => v.number === n);
    const version = record.versions[index];
    if (!version) throw new ApiError(404, `Cannot find version ${req.params['version-number']} of custom content with id [${record.id}]`);
    return ok(detailedVersionView(record.versions, index));
  });

  router.get('/spaces/{id}/custom-content', (req) => {
    const space = findSpace(req.site, pathId(req));
    return customList(req, (r) => r.spaceId === space.id);
  });
  router.get('/pages/{id}/custom-content', (req) => {
    const page = findDocument(req.site, 'page', pathId(req));
    return customList(req, (r) => r.containerId === page.id);
  });
  router.get('/blogposts/{id}/custom-content', (req) => {
    const post = findDocument(req.site, 'blogpost', pathId(req));
    return customList(req, (r) => r.containerId === post.id);
  });
}
