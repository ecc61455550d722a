import { documentsTitled, indexDocument } from './content-index.js';
import { ApiError } from './errors.js';
import type { ContentRecord, ContentStatus, DocumentRecord, User } from './model.js';
import { stringField } from './params.js';
import type { Site } from './site.js';
import { applySaveRewrites } from './storage/save-rewrites.js';
import { XhtmlParseError } from './storage/xml-tree.js';
import { syncTasks } from './tasks-store.js';
import { current } from './views.js';

/**
 * The rules Confluence applies to pages and blog posts on write (docs/emulator.md cites each):
 * title uniqueness per space, the version rule, bodies validated and rewritten on save,
 * trash / restore / purge.
 */

export const MAX_TITLE = 255;

const noun = (kind: DocumentRecord['kind']) => (kind === 'page' ? 'page' : 'blog post');

export function notFound(kind: DocumentRecord['kind'], id: string): ApiError {
  return new ApiError(404, `Cannot find a ${noun(kind)} with id [${id}]`);
}

/** The record with this id and kind, or the 404 Confluence gives. */
export function findDocument(site: Site, kind: DocumentRecord['kind'], id: string): DocumentRecord {
  const record = site.content.get(id);
  // A purged page answers the bare "Not Found", not the named one (notes §4.6, obs 2026-09 [MF-labels]).
  if (!record && site.purged.has(id)) throw new ApiError(404, 'Not Found');
  if (!record || record.kind !== kind) throw notFound(kind, id);
  return record;
}

/** Statuses that reserve a title: current and archived pages do; trashed pages, drafts and folders do not. */
function reservesTitle(record: DocumentRecord): boolean {
  return record.status === 'current' || record.status === 'archived';
}

export function sameTitle(site: Site, a: string, b: string): boolean {
  return site.fidelity.titleCase === 'insensitive' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export function titleTaken(site: Site, kind: DocumentRecord['kind'], spaceId: string, title: string, exceptId?: string): boolean {
  return documentsTitled(site, kind, spaceId, title).some(
    (record) => record.id !== exceptId && reservesTitle(record) && sameTitle(site, current(record).title, title),
  );
}

function duplicateTitle(kind: DocumentRecord['kind'], status: 400 | 409 = 400): ApiError {
  return kind === 'page'
    ? new ApiError(status, 'A page with this title already exists: A page already exists with the same TITLE in this space')
    : new ApiError(status, 'A blog post with this title already exists: A blog post already exists with the same TITLE in this space on the same day');
}

export function validateTitle(title: string | undefined, status: string): string {
  if (title === undefined || title.trim() === '') {
    if (status === 'draft') return title ?? '';
    throw new ApiError(400, 'Title is required for content that is not a draft.');
  }
  if (title.length > MAX_TITLE) throw new ApiError(400, `Title cannot be longer than ${MAX_TITLE} characters.`);
  return title;
}

/** The storage value of a write body: `{representation, value}` or the nested `{storage: {…}}`. */
export function storageOf(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body !== 'object') throw new ApiError(400, "'body' must be an object with 'representation' and 'value'");
  const b = body as Record<string, unknown>;
  const nested = (b.storage ?? b.atlas_doc_format ?? b.wiki) as Record<string, unknown> | undefined;
  const representation = nested ? (b.storage ? 'storage' : b.atlas_doc_format ? 'atlas_doc_format' : 'wiki') : b.representation;
  const value = nested ? nested.value : b.value;
  if (representation !== 'storage') {
    throw new ApiError(400, `The emulator accepts only the 'storage' representation on write (got '${String(representation)}').`);
  }
  if (typeof value !== 'string') throw new ApiError(400, "'body.value' must be a string");
  return value;
}

/** Validates a storage body and applies what Confluence rewrites on save. */
export function saveBody(site: Site, spaceId: string, pageId: string | undefined, storage: string): string {
  try {
    return applySaveRewrites(storage, {
      macroId: () => site.uuid(),
      versionAtSave: site.fidelity.versionAtSave,
      pageVersion: (title, spaceKey) => {
        const space = spaceKey ? site.spaceByKey(spaceKey) : site.spaces.get(spaceId);
        if (!space) return undefined;
        const page = documentsTitled(site, 'page', space.id, title).find((record) => reservesTitle(record) && current(record).title === title);
        return page && current(page).number;
      },
      attachmentVersion: (filename, pageTitle, spaceKey) => {
        let containerId = pageId;
        if (pageTitle !== undefined) {
          const space = spaceKey ? site.spaceByKey(spaceKey) : site.spaces.get(spaceId);
          containerId = space && documentsTitled(site, 'page', space.id, pageTitle).find((record) => current(record).title === pageTitle)?.id;
        }
        if (containerId === undefined) return undefined;
        for (const attachment of site.attachments.values()) {
          if (attachment.containerId === containerId && attachment.title === filename && attachment.status !== 'trashed') {
            return attachment.versions.length;
          }
        }
        return undefined;
      },
    });
  } catch (error) {
    if (error instanceof XhtmlParseError) throw new ApiError(400, error.message);
    throw error;
  }
}

/** Checks that `parentId` names a current page or folder of the space; returns its id. */
export function checkParent(site: Site, spaceId: string, parentId: string, movingId?: string): string {
  const parent = site.content.get(parentId);
  if (!parent || parent.spaceId !== spaceId || (parent.kind !== 'page' && parent.kind !== 'folder') || parent.status !== 'current') {
    throw new ApiError(404, `Cannot find a parent with id [${parentId}] in this space`);
  }
  if (movingId !== undefined) {
    for (let at: string | null = parentId; at !== null; at = site.content.get(at)?.parentId ?? null) {
      if (at === movingId) throw new ApiError(400, 'A page cannot be moved under itself or one of its descendants.');
    }
  }
  return parent.id;
}

export function nextPosition(site: Site, parentId: string | null, spaceId: string): number {
  let max = -1;
  for (const record of site.content.values()) {
    if (record.spaceId === spaceId && record.parentId === parentId && record.position !== null) max = Math.max(max, record.position);
  }
  return max + 1;
}

export interface CreateInput {
  readonly kind: DocumentRecord['kind'];
  readonly body: Record<string, unknown>;
  readonly rootLevel: boolean;
}

export function createDocument(site: Site, user: User, input: CreateInput): DocumentRecord {
  const { kind, body } = input;
  const spaceId = stringField(body, 'spaceId', true);
  const space = site.spaces.get(spaceId);
  if (!space) throw new ApiError(404, `Cannot find a space with id [${spaceId}]`);
  const status = stringField(body, 'status') ?? 'current';
  if (status !== 'current' && status !== 'draft') throw new ApiError(400, `Invalid status '${status}': expected current or draft`);
  const title = validateTitle(stringField(body, 'title'), status);
  const storage = storageOf(body.body);
  let parentId: string | null = null;
  if (kind === 'page') {
    const requested = stringField(body, 'parentId');
    if (input.rootLevel && requested !== undefined) throw new ApiError(400, "'parentId' must not be given when 'root-level' is true");
    parentId = requested !== undefined ? checkParent(site, spaceId, requested) : input.rootLevel ? null : space.homepageId;
  }
  if (status === 'current' && titleTaken(site, kind, spaceId, title)) throw duplicateTitle(kind);
  const id = site.nextId();
  const now = stringField(body, 'createdAt') !== undefined && kind === 'blogpost' ? stringField(body, 'createdAt')! : site.now();
  const record: DocumentRecord = {
    kind,
    id,
    spaceId,
    status: status as ContentStatus,
    statusBeforeTrash: null,
    parentId,
    position: kind === 'page' ? nextPosition(site, parentId, spaceId) : null,
    authorId: user.accountId,
    ownerId: user.accountId,
    lastOwnerId: null,
    createdAt: now,
    subtype: body.subtype === 'live' ? 'live' : null,
    versions: [],
    labels: new Set(),
    properties: new Map(),
  };
  site.content.set(id, record);
  try {
    record.versions.push({
      number: 1,
      message: '',
      minorEdit: false,
      authorId: user.accountId,
      createdAt: now,
      title,
      body: saveBody(site, spaceId, id, storage),
      parentId,
    });
  } catch (error) {
    site.content.delete(id);
    throw error;
  }
  indexDocument(site, record);
  syncTasks(site, user, record);
  return record;
}

export function updateDocument(site: Site, user: User, record: DocumentRecord, body: Record<string, unknown>): DocumentRecord {
  const kind = record.kind;
  const bodyId = stringField(body, 'id', true);
  if (bodyId !== record.id) throw new ApiError(400, `The id in the body (${bodyId}) does not match the id in the path (${record.id})`);
  const status = stringField(body, 'status', true);
  if (status !== 'current' && status !== 'draft' && status !== 'archived') {
    throw new ApiError(400, `Invalid status '${status}': expected current or draft`);
  }
  const version = body.version as { number?: unknown; message?: unknown; minorEdit?: unknown } | undefined;
  if (typeof version !== 'object' || version === null || typeof version.number !== 'number') {
    throw new ApiError(400, "'version.number' is required");
  }
  const spaceId = stringField(body, 'spaceId');
  if (spaceId !== undefined && spaceId !== record.spaceId) throw new ApiError(400, 'Moving content to another space is not supported.');
  const latest = current(record);

  // Restoring from the trash changes only the status (spec).
  if (record.status === 'trashed' && status === 'current') {
    record.status = record.statusBeforeTrash ?? 'current';
    record.statusBeforeTrash = null;
    const parent = latest.parentId !== null && site.content.get(latest.parentId)?.status === 'current' ? latest.parentId : null;
    record.parentId = kind === 'page' ? (parent ?? site.spaces.get(record.spaceId)?.homepageId ?? null) : null;
    record.position = kind === 'page' ? nextPosition(site, record.parentId, record.spaceId) : null;
    if (titleTaken(site, kind, record.spaceId, latest.title, record.id)) {
      record.status = 'trashed';
      record.parentId = null;
      record.position = null;
      throw duplicateTitle(kind);
    }
    return record;
  }
  if (record.status === 'trashed') throw notFound(kind, record.id);
  if (record.status === 'archived') throw new ApiError(400, 'Archived content cannot be updated. Restore it from the archive first.');

  const expected = status === 'draft' || record.status === 'draft' ? 1 : latest.number + 1;
  if (version.number !== expected) {
    throw new ApiError(
      409,
      `Version must be incremented when updating a ${noun(kind)}. Current Version: [${latest.number}]. Provided version: [${version.number}]`,
    );
  }
  const title = validateTitle(stringField(body, 'title', true), status);
  if (status === 'current' && titleTaken(site, kind, record.spaceId, title, record.id)) {
    throw duplicateTitle(kind, site.fidelity.duplicateTitleOnUpdate);
  }
  let parentId = record.parentId;
  if (kind === 'page') {
    const requested = stringField(body, 'parentId');
    if (requested !== undefined && requested !== record.parentId) parentId = checkParent(site, record.spaceId, requested, record.id);
  }
  const storage = body.body === undefined ? latest.body : saveBody(site, record.spaceId, record.id, storageOf(body.body));
  const now = site.now();
  const saved = {
    number: record.status === 'draft' && status === 'current' ? 1 : expected,
    message: typeof version.message === 'string' ? version.message : '',
    minorEdit: version.minorEdit === true,
    authorId: user.accountId,
    createdAt: now,
    title,
    body: storage,
    parentId,
  };
  if (record.status === 'draft' || status === 'draft') record.versions.length = 0;
  record.versions.push(saved);
  indexDocument(site, record);
  if (parentId !== record.parentId) {
    record.parentId = parentId;
    record.position = nextPosition(site, parentId, record.spaceId);
  }
  record.status = status as ContentStatus;
  if (typeof body.ownerId === 'string' && body.ownerId !== record.ownerId) {
    record.lastOwnerId = record.ownerId;
    record.ownerId = body.ownerId;
  }
  syncTasks(site, user, record);
  return record;
}

/** DELETE: to the trash (children move up to the trashed page's parent); `purge` removes a trashed record. */
export function deleteDocument(site: Site, record: DocumentRecord, purge: boolean): void {
  if (purge) {
    if (record.status !== 'trashed') throw new ApiError(400, `Only trashed content can be purged; trash ${noun(record.kind)} ${record.id} first.`);
    site.content.delete(record.id);
    site.purged.add(record.id);
    for (const [id, attachment] of site.attachments) if (attachment.containerId === record.id) site.attachments.delete(id);
    return;
  }
  if (record.status === 'trashed') throw notFound(record.kind, record.id);
  moveToTrash(site, record);
  if (site.spaces.get(record.spaceId)?.homepageId === record.id) site.spaces.get(record.spaceId)!.homepageId = null;
}

/**
 * Puts a page, blog post or folder in the trash as Confluence does: its children move up to its
 * parent, and it keeps no parent or position of its own (GET shows `parentId: null`).
 */
export function moveToTrash(site: Site, record: ContentRecord): void {
  for (const other of site.content.values()) {
    if (other.parentId === record.id) {
      other.parentId = record.parentId;
      other.position = nextPosition(site, record.parentId, record.spaceId);
    }
  }
  record.statusBeforeTrash = record.status;
  record.status = 'trashed';
  record.parentId = null;
  record.position = null;
}
