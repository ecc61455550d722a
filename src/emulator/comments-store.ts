import { containerField, containerOf, publicContainerId, requireContainer, type Container, type ContainerKind } from './containers.js';
import { saveBody, storageOf } from './documents.js';
import { ApiError } from './errors.js';
import type { CommentRecord, CommentVersion, User } from './model.js';
import { stringField } from './params.js';
import type { Site } from './site.js';
import { parseStorage, type XmlNode } from './storage/xml-tree.js';
import { bodyView, type BodyFormat } from './views.js';

/**
 * Footer and inline comments (spec `CreateFooterCommentModel`, `CreateInlineCommentModel`, …;
 * notes §4.12). The rules the emulator applies:
 * - a new comment names exactly one place: `pageId`, `blogPostId`, `parentCommentId` (a reply, which
 *   shares its parent's container), and for footer comments also `attachmentId` or `customContentId`;
 * - the body is storage, validated and rewritten on save like a page body, and must not be empty;
 * - a comment starts at version 1; an update must send exactly current + 1 (409 otherwise, worded
 *   as the page rule);
 * - DELETE is permanent (spec) and takes the replies with it;
 * - inline comments carry `inlineCommentProperties.textSelection`, which must occur in the page's
 *   text (at least `textSelectionMatchIndex + 1` times); they start `open`, `resolved: true` resolves
 *   them and `resolved: false` reopens them. The page body is not changed (no marker is inserted).
 */

export type CommentKind = CommentRecord['kind'];

const placeFields: Readonly<Record<CommentKind, readonly ContainerKind[]>> = {
  footer: ['page', 'blogpost', 'attachment', 'customContent'],
  inline: ['page', 'blogpost'],
};

export function commentNotFound(id: string): ApiError {
  return new ApiError(404, `Cannot find a comment with id [${id}]`);
}

export function findComment(site: Site, kind: CommentKind, id: string): CommentRecord {
  const comment = site.comments.get(id);
  if (!comment || comment.kind !== kind) throw commentNotFound(id);
  return comment;
}

export function latest(comment: CommentRecord): CommentVersion {
  return comment.versions[comment.versions.length - 1]!;
}

function commentBody(site: Site, spaceId: string, body: unknown): string {
  if (body === undefined || body === null) throw new ApiError(400, "'body' is required");
  const storage = storageOf(body);
  if (storage.trim() === '') throw new ApiError(400, 'A comment body cannot be empty.');
  return saveBody(site, spaceId, undefined, storage);
}

/** The text a reader sees in a storage body (for finding an inline comment's selection). */
export function plainText(storage: string): string {
  const text = (nodes: readonly XmlNode[]): string =>
    nodes.map((n) => (n.type === 'text' || n.type === 'cdata' ? n.value : n.type === 'element' ? text(n.children) : '')).join('');
  try {
    return text(parseStorage(storage));
  } catch {
    return storage;
  }
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

function checkSelection(site: Site, container: Container, properties: unknown): string {
  const props = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<string, unknown>;
  const selection = props.textSelection;
  if (typeof selection !== 'string' || selection === '') throw new ApiError(400, "'inlineCommentProperties.textSelection' is required for an inline comment");
  const index = props.textSelectionMatchIndex ?? 0;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw new ApiError(400, "'inlineCommentProperties.textSelectionMatchIndex' must be a non-negative integer");
  const record = site.content.get(container.id);
  const storage = record && record.kind !== 'folder' ? record.versions[record.versions.length - 1]!.body : '';
  if (occurrences(plainText(storage), selection) <= index) {
    throw new ApiError(400, `The text selection '${selection}' was not found in the content (match index ${index}).`);
  }
  return selection;
}

/** Creates a footer or inline comment from a create body. */
export function createComment(site: Site, user: User, kind: CommentKind, body: Record<string, unknown>): CommentRecord {
  const given: Array<[string, string]> = [];
  for (const field of ['pageId', 'blogPostId', 'parentCommentId', 'attachmentId', 'customContentId']) {
    const value = stringField(body, field);
    if (value !== undefined) given.push([field, value]);
  }
  const allowed = ['parentCommentId', ...placeFields[kind].map((k) => containerField[k])];
  const names = allowed.join(', ');
  if (given.length === 0) throw new ApiError(400, `One of ${names} is required`);
  if (given.length > 1) throw new ApiError(400, `Only one of ${names} may be given`);
  const [field, id] = given[0]!;
  if (!allowed.includes(field)) throw new ApiError(400, `'${field}' is not supported for ${kind} comments`);

  let container: Container;
  let parent: CommentRecord | null = null;
  if (field === 'parentCommentId') {
    parent = findComment(site, kind, id);
    const found = containerOf(site, parent.containerId);
    if (!found) throw commentNotFound(id);
    container = found;
  } else {
    const containerKind = placeFields[kind].find((k) => containerField[k] === field)!;
    container = requireContainer(site, containerKind, id);
  }
  const storage = commentBody(site, container.spaceId, body.body);
  const textSelection = kind === 'inline' && parent === null ? checkSelection(site, container, body.inlineCommentProperties) : null;
  const now = site.now();
  const comment: CommentRecord = {
    id: site.nextId(),
    kind,
    containerId: container.id,
    parentCommentId: parent?.id ?? null,
    status: 'current',
    versions: [{ number: 1, message: '', authorId: user.accountId, createdAt: now, body: storage }],
    textSelection,
    properties: new Map(),
    ...(kind === 'inline'
      ? { inlineMarkerRef: parent === null ? site.uuid() : null, resolutionStatus: 'open' as const, resolutionLastModifierId: null, resolutionLastModifiedAt: null }
      : {}),
  };
  site.comments.set(comment.id, comment);
  return comment;
}

/**
 * Updates a comment: `{version: {number, message?}, body}` saves a new version; on inline comments
 * `resolved` (true / false) resolves or reopens, alone or with a body.
 */
export function updateComment(site: Site, user: User, comment: CommentRecord, body: Record<string, unknown>): CommentRecord {
  const resolved = body.resolved;
  if (resolved !== undefined && (comment.kind !== 'inline' || typeof resolved !== 'boolean')) {
    throw new ApiError(400, comment.kind === 'inline' ? "'resolved' must be true or false" : "'resolved' applies to inline comments only");
  }
  if (resolved !== undefined && comment.parentCommentId !== null) throw new ApiError(400, 'A reply cannot be resolved; resolve the comment it answers.');
  const hasBody = body.body !== undefined;
  if (!hasBody && resolved === undefined) throw new ApiError(400, "'body' is required");

  let next: CommentVersion | undefined;
  if (hasBody) {
    const version = body.version as { number?: unknown; message?: unknown } | undefined;
    if (typeof version !== 'object' || version === null || typeof version.number !== 'number') throw new ApiError(400, "'version.number' is required");
    const current = latest(comment);
    if (version.number !== current.number + 1) {
      throw new ApiError(
        409,
        `Version must be incremented when updating a comment. Current Version: [${current.number}]. Provided version: [${version.number}]`,
      );
    }
    const container = containerOf(site, comment.containerId);
    next = {
      number: version.number,
      message: typeof version.message === 'string' ? version.message : '',
      authorId: user.accountId,
      createdAt: site.now(),
      body: commentBody(site, container?.spaceId ?? '', body.body),
    };
  }
  if (next) comment.versions.push(next);
  if (typeof resolved === 'boolean') {
    const was = comment.resolutionStatus ?? 'open';
    const status = resolved ? 'resolved' : was === 'resolved' ? 'reopened' : was;
    if (status !== was) {
      comment.resolutionStatus = status;
      comment.resolutionLastModifierId = user.accountId;
      comment.resolutionLastModifiedAt = site.now();
    }
  }
  return comment;
}

/** Permanent deletion, replies included (spec: "a permanent deletion and cannot be reverted"). */
export function deleteComment(site: Site, comment: CommentRecord): void {
  for (const reply of [...site.comments.values()]) if (reply.parentCommentId === comment.id) deleteComment(site, reply);
  site.comments.delete(comment.id);
}

export function commentTitle(site: Site, comment: CommentRecord): string {
  return `Re: ${containerOf(site, comment.containerId)?.title ?? ''}`;
}

export interface CommentViewOptions {
  readonly format?: BodyFormat;
  readonly version?: CommentVersion;
  /** Which container fields to show: all that apply (single GET, create), or none (children lists). */
  readonly containerFields?: boolean;
  readonly single?: boolean;
}

/** `FooterCommentModel` / `InlineCommentModel` and their list-row variants. */
export function commentView(site: Site, comment: CommentRecord, options: CommentViewOptions = {}): Record<string, unknown> {
  const version = options.version ?? latest(comment);
  const container = containerOf(site, comment.containerId);
  const view: Record<string, unknown> = { id: comment.id, status: options.version && options.version !== latest(comment) ? 'historical' : comment.status, title: commentTitle(site, comment) };
  if (options.containerFields !== false && container) view[containerField[container.kind]] = publicContainerId(container);
  if (comment.parentCommentId !== null) view.parentCommentId = comment.parentCommentId;
  view.version = { createdAt: version.createdAt, message: version.message, number: version.number, minorEdit: false, authorId: version.authorId };
  view.body = bodyView(site, version.body, options.format);
  if (comment.kind === 'inline') {
    view.resolutionStatus = comment.resolutionStatus ?? 'open';
    // The schema's strings are not nullable: fields without a value are left out.
    if (options.single && comment.resolutionLastModifierId) view.resolutionLastModifierId = comment.resolutionLastModifierId;
    if (options.single && comment.resolutionLastModifiedAt) view.resolutionLastModifiedAt = comment.resolutionLastModifiedAt;
    view.properties = {
      ...(comment.inlineMarkerRef ? { inlineMarkerRef: comment.inlineMarkerRef } : {}),
      ...(comment.textSelection !== null ? { inlineOriginalSelection: comment.textSelection } : {}),
    };
  }
  const webui = container ? `${container.webui}?focusedCommentId=${comment.id}` : '';
  view._links = { webui, ...(options.single ? { base: site.base } : {}) };
  return view;
}
