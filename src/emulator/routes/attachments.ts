import { attachmentVersionView, attachmentView } from '../attachment-views.js';
import {
  apiAttachmentId,
  attachmentNotFound,
  attachmentsOn,
  deleteAttachment,
  findAttachment,
  latestVersion,
} from '../attachments-store.js';
import { findDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import { noContent, ok, type ApiRequest, type ApiResponse } from '../http-types.js';
import { labelsOf } from '../labels-store.js';
import type { AttachmentRecord, PropertyRecord } from '../model.js';
import { idKey, listResponse, type SortKey } from '../pagination.js';
import { flag, integer, manyOf, oneOf, pathId } from '../params.js';
import type { Router } from '../router.js';
import { detailedVersionView, labelView, propertyView } from '../views.js';

/**
 * v2 attachment reads and delete (spec `/attachments…`, `/pages/{id}/attachments`,
 * `/blogposts/{id}/attachments`; notes §4.10). Uploads are v1 only (routes/v1-attachments.ts).
 */

const statuses = ['current', 'archived', 'trashed'] as const;
const sorts = ['created-date', '-created-date', 'modified-date', '-modified-date'] as const;

function sortKey(sort: string): (record: AttachmentRecord) => SortKey {
  return sort.replace(/^-/, '') === 'modified-date'
    ? (r) => [latestVersion(r).createdAt, idKey(r.id)]
    : (r) => [r.createdAt, idKey(r.id)];
}

/**
 * A list of attachments with the spec's filters: `status[]` (default current + archived), `mediaType`
 * and `filename` (one value each, exact), `sort`, cursor pagination with limit 50 by default (max 250).
 */
export function listAttachments(req: ApiRequest, rows: Iterable<AttachmentRecord>): ApiResponse {
  const site = req.site;
  const wanted = manyOf(req, 'status', statuses, ['current', 'archived']);
  const sort = oneOf(req, 'sort', sorts, 'created-date');
  const mediaType = req.query.get('mediaType');
  const filename = req.query.get('filename');
  const filtered = [...rows].filter(
    (r) =>
      (wanted as readonly string[]).includes(r.status) &&
      (mediaType === null || latestVersion(r).mediaType === mediaType) &&
      (filename === null || r.title === filename),
  );
  return listResponse(req, filtered, {
    key: sortKey(sort),
    descending: sort.startsWith('-'),
    defaultLimit: 50,
    maxLimit: 250,
    view: (r) => attachmentView(site, r),
  });
}

function requireAttachment(req: ApiRequest, param: string): AttachmentRecord {
  const id = pathId(req, param, { attachment: true });
  const record = findAttachment(req.site, id);
  if (!record) throw attachmentNotFound(id);
  return record;
}

/** The `include-*` blocks of `GET /attachments/{id}`: at most 50 items each, with `meta` and `_links.self`. */
function includes(req: ApiRequest, record: AttachmentRecord): Record<string, unknown> {
  const id = apiAttachmentId(record);
  const block = (name: string, items: unknown[]) => ({
    results: items.slice(0, 50),
    // The spec's OptionalFieldMeta has `cursor` as a string: it is left out when there is no more.
    meta: items.length > 50 ? { hasMore: true, cursor: Buffer.from(JSON.stringify([50])).toString('base64url') } : { hasMore: false },
    _links: { self: `/wiki/api/v2/attachments/${id}/${name}` },
  });
  const extra: Record<string, unknown> = {};
  if (flag(req, 'include-labels')) extra.labels = block('labels', labelsOf(req.site, record).map(labelView));
  if (flag(req, 'include-properties')) {
    const properties = (record as { properties?: Map<string, PropertyRecord> }).properties;
    extra.properties = block('properties', [...(properties?.values() ?? [])].map(propertyView));
  }
  if (flag(req, 'include-operations')) {
    extra.operations = block('operations', ['read', 'update', 'delete'].map((operation) => ({ operation, targetType: 'attachment' })));
  }
  if (flag(req, 'include-versions')) extra.versions = block('versions', [...record.versions].reverse().map(attachmentVersionView));
  // `include-collaborators` is accepted; AttachmentSingle has no field for it in the spec.
  flag(req, 'include-collaborators');
  return extra;
}

export function registerAttachments(router: Router): void {
  router.get('/attachments', (req) => listAttachments(req, req.site.attachments.values()));

  router.get('/attachments/{id}', (req) => {
    const record = requireAttachment(req, 'id');
    const wanted = integer(req, 'version');
    let version = undefined;
    if (wanted !== undefined) {
      version = record.versions.find((v) => v.number === wanted);
      if (!version) throw new ApiError(404, `Cannot find version ${wanted} of attachment with id [${apiAttachmentId(record)}]`);
    }
    return ok(
      attachmentView(req.site, record, {
        version,
        includeVersion: flag(req, 'include-version', true),
        extra: includes(req, record),
        single: true,
      }),
    );
  });

  // The spec declares this id as int64; the `att` form that every read returns is accepted too.
  router.delete('/attachments/{id}', (req) => {
    deleteAttachment(req.site, requireAttachment(req, 'id'), flag(req, 'purge'));
    return noContent();
  });

  router.get('/attachments/{id}/versions', (req) => {
    const record = requireAttachment(req, 'id');
    const sort = oneOf(req, 'sort', ['modified-date', '-modified-date'] as const, '-modified-date');
    return listResponse(req, record.versions, {
      key: (v) => [v.number],
      descending: sort.startsWith('-'),
      view: (v) => ({ ...attachmentVersionView(v), attachment: { id: apiAttachmentId(record), title: record.title } }),
    });
  });

  router.get('/attachments/{attachment-id}/versions/{version-number}', (req) => {
    const record = requireAttachment(req, 'attachment-id');
    const raw = req.params['version-number'] ?? '';
    if (!/^[0-9]+$/.test(raw)) {
      throw new ApiError(400, `Provided value {${raw}} for 'version-number' is not the correct type. Expected type is long`);
    }
    const n = Number(raw);
    const index = record.versions.findIndex((v) => v.number === n);
    const version = record.versions[index];
    if (!version) throw new ApiError(404, `Cannot find version ${raw} of attachment with id [${apiAttachmentId(record)}]`);
    return ok(detailedVersionView(record.versions, index));
  });

  router.get('/pages/{id}/attachments', (req) => {
    const page = findDocument(req.site, 'page', pathId(req));
    return listAttachments(req, attachmentsOn(req.site, page.id));
  });

  router.get('/blogposts/{id}/attachments', (req) => {
    const post = findDocument(req.site, 'blogpost', pathId(req));
    return listAttachments(req, attachmentsOn(req.site, post.id));
  });
}
