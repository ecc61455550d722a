import { attachmentNotFound, findAttachment } from '../attachments-store.js';
import { findDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import type { ApiRequest } from '../http-types.js';
import type { DocumentRecord, LabelRecord } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { manyOf, multi, oneOf, pathId } from '../params.js';
import { labelPrefixes, labelsOf, type Labelled } from '../labels-store.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { documentView } from '../views.js';
import { documentSortKey } from './pages.js';
import { findSpace } from './spaces.js';

/**
 * The v2 label reads (spec; notes §4.9). Labels are written only through v1 (and `labels-store.ts`):
 * v2 `POST`/`DELETE` on these paths answer 405 METHOD_NOT_ALLOWED, because the router knows only GET.
 */

const labelSorts = ['created-date', '-created-date', 'id', '-id', 'name', '-name'] as const;
const pageSorts = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'] as const;
const blogSorts = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date'] as const;

export function labelRowView(label: LabelRecord): Record<string, unknown> {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

/** A list of labels with the `sort` of `LabelSortOrder`. Labels are created in id order, so `created-date` sorts like `id`. */
function labelList(req: ApiRequest, labels: readonly LabelRecord[]) {
  const sort = oneOf(req, 'sort', labelSorts, 'id');
  const byName = sort.replace(/^-/, '') === 'name';
  return listResponse(req, labels, {
    key: (l) => (byName ? [l.name, idKey(l.id)] : [idKey(l.id)]),
    descending: sort.startsWith('-'),
    view: labelRowView,
  });
}

function contentLabels(req: ApiRequest, holder: Labelled) {
  const prefix = oneOf(req, 'prefix', labelPrefixes);
  return labelList(
    req,
    labelsOf(req.site, holder).filter((l) => prefix === undefined || l.prefix === prefix),
  );
}

function findCustomContent(site: Site, id: string): Labelled {
  const record = site.customContent.get(id);
  if (!record) throw new ApiError(404, `Cannot find custom content with id [${id}]`);
  return { labels: record.labels ?? new Set() };
}

function findLabelById(site: Site, req: ApiRequest): LabelRecord {
  const id = pathId(req);
  const label = site.labels.get(id);
  if (!label) throw new ApiError(404, `Cannot find a label with id [${id}]`);
  return label;
}

/** Pages or blog posts (current ones) carrying a label, with `space-id`, `sort` and `body-format`. */
function labelledDocuments(req: ApiRequest, kind: DocumentRecord['kind']) {
  const site = req.site;
  const label = findLabelById(site, req);
  const spaceIds = multi(req, 'space-id');
  const sort = oneOf(req, 'sort', kind === 'page' ? pageSorts : blogSorts, 'id');
  const format = oneOf(req, 'body-format', ['storage', 'atlas_doc_format'] as const);
  const rows = [...site.content.values()].filter(
    (r): r is DocumentRecord =>
      r.kind === kind && r.status === 'current' && r.labels.has(label.id) && (spaceIds.length === 0 || spaceIds.includes(r.spaceId)),
  );
  return listResponse(req, rows, {
    key: documentSortKey(sort),
    descending: sort.startsWith('-'),
    view: (r) => documentView(site, r, { format, single: false }),
  });
}

/** Every label id on current content of a space: pages, blog posts, their attachments, custom content. */
function spaceContentLabelIds(site: Site, spaceId: string): Set<string> {
  const ids = new Set<string>();
  const inSpace = new Set<string>();
  for (const record of site.content.values()) {
    if (record.spaceId !== spaceId || record.status !== 'current' || record.kind === 'folder') continue;
    inSpace.add(record.id);
    for (const id of record.labels) ids.add(id);
  }
  for (const attachment of site.attachments.values()) {
    if (attachment.status === 'current' && inSpace.has(attachment.containerId)) for (const id of attachment.labels) ids.add(id);
  }
  for (const custom of site.customContent.values()) {
    if (custom.spaceId === spaceId && custom.status === 'current') for (const id of custom.labels ?? []) ids.add(id);
  }
  return ids;
}

export function registerLabels(router: Router): void {
  router.get('/pages/{id}/labels', (req) => contentLabels(req, findDocument(req.site, 'page', pathId(req))));
  router.get('/blogposts/{id}/labels', (req) => contentLabels(req, findDocument(req.site, 'blogpost', pathId(req))));
  router.get('/custom-content/{id}/labels', (req) => contentLabels(req, findCustomContent(req.site, pathId(req))));
  router.get('/attachments/{id}/labels', (req) => {
    const id = pathId(req, 'id', { attachment: true });
    const attachment = findAttachment(req.site, id);
    if (!attachment) throw attachmentNotFound(id);
    return contentLabels(req, attachment);
  });

  router.get('/labels', (req) => {
    const ids = multi(req, 'label-id');
    for (const id of ids) if (!/^[0-9]+$/.test(id)) throw new ApiError(400, `Provided value {${id}} for 'label-id' is not the correct type. Expected type is long`);
    const prefixes = manyOf(req, 'prefix', labelPrefixes, labelPrefixes);
    const rows = [...req.site.labels.values()].filter((l) => (ids.length === 0 || ids.includes(l.id)) && prefixes.includes(l.prefix));
    return labelList(req, rows);
  });

  router.get('/labels/{id}/pages', (req) => labelledDocuments(req, 'page'));
  router.get('/labels/{id}/blogposts', (req) => labelledDocuments(req, 'blogpost'));

  router.get('/spaces/{id}/content/labels', (req) => {
    const site = req.site;
    const space = findSpace(site, pathId(req));
    // The spec lists `my, team` as the default; without evidence that global labels are hidden, the
    // emulator lists every prefix unless `fidelity.spaceContentLabelsDefault` is `my-team`.
    const prefix = oneOf(req, 'prefix', ['my', 'team'] as const);
    const allowed: readonly string[] =
      prefix !== undefined ? [prefix] : site.fidelity.spaceContentLabelsDefault === 'my-team' ? ['my', 'team'] : labelPrefixes;
    const rows = [...spaceContentLabelIds(site, space.id)]
      .map((id) => site.labels.get(id))
      .filter((l): l is LabelRecord => l !== undefined && allowed.includes(l.prefix));
    return labelList(req, rows);
  });
}
