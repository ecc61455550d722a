import { ApiError } from './errors.js';
import { mediaTypeOf } from './media-types.js';
import type { AttachmentRecord, AttachmentVersion, DocumentRecord, User } from './model.js';
import type { Site } from './site.js';

/**
 * Attachments as Confluence stores them (docs/confluence-api-notes.md §4.10): files on a page or blog
 * post, unique by file name among the container's live attachments, versioned on their own (an upload
 * never bumps the page version), trashed and purged like pages.
 *
 * Record ids are stored as the numeric part; the API shows them with the `att` prefix.
 */

/** What one uploaded file part carries. */
export interface Upload {
  readonly filename: string;
  readonly data: Buffer;
  /** The part's declared `Content-Type`, if any. */
  readonly declaredType: string | undefined;
  readonly comment: string;
  readonly minorEdit: boolean;
}

/** `123` or `att123` → `123`. */
export function numericAttachmentId(id: string): string {
  return id.replace(/^att/, '');
}

/** The id as the API shows it: `att123`. */
export function apiAttachmentId(record: AttachmentRecord): string {
  return `att${numericAttachmentId(record.id)}`;
}

export function findAttachment(site: Site, id: string): AttachmentRecord | undefined {
  const n = numericAttachmentId(id);
  return site.attachments.get(n) ?? site.attachments.get(`att${n}`);
}

export function latestVersion(record: AttachmentRecord): AttachmentVersion {
  return record.versions[record.versions.length - 1]!;
}

/** The page or blog post with this id (any status), or undefined. */
export function findContainer(site: Site, id: string): DocumentRecord | undefined {
  const record = site.content.get(id);
  return record && (record.kind === 'page' || record.kind === 'blogpost') ? record : undefined;
}

/** The container's attachments, any status, oldest first. */
export function attachmentsOn(site: Site, containerId: string): AttachmentRecord[] {
  return [...site.attachments.values()]
    .filter((a) => a.containerId === containerId)
    .sort((a, b) => Number(numericAttachmentId(a.id)) - Number(numericAttachmentId(b.id)));
}

/** The container's live (not trashed) attachment with exactly this file name. */
export function attachmentNamed(site: Site, containerId: string, filename: string): AttachmentRecord | undefined {
  return attachmentsOn(site, containerId).find((a) => a.status !== 'trashed' && a.title === filename);
}

/**
 * File names are stored byte-identically (spaces, NFC or NFD non-ASCII: no normalization); `/` is
 * illegal ([MF-attachments]). An empty name cannot be stored either.
 */
export function checkFileName(filename: string): void {
  if (filename.trim() === '') throw new ApiError(400, 'The attachment file name cannot be empty.');
  if (filename.includes('/')) throw new ApiError(400, `The attachment file name '${filename}' contains the illegal character '/'.`);
}

/** Refuses a file larger than the site's attachment limit (413 by default; the v1 spec documents 404). */
export function checkFileSize(site: Site, upload: Upload): void {
  const max = site.fidelity.maxAttachmentBytes;
  if (upload.data.length > max) {
    const status = site.fidelity.attachmentTooLargeStatus;
    throw new ApiError(status, `The attachment '${upload.filename}' exceeds the maximum configured attachment size of ${max} bytes.`, {
      v1Message: `The attachment '${upload.filename}' exceeds the maximum configured attachment size of ${max} bytes.`,
    });
  }
}

function newVersion(site: Site, user: User, number: number, upload: Upload): AttachmentVersion {
  return {
    number,
    createdAt: site.now(),
    authorId: user.accountId,
    message: upload.comment,
    minorEdit: upload.minorEdit,
    data: Buffer.from(upload.data),
    mediaType: mediaTypeOf(upload.filename, upload.declaredType),
    comment: upload.comment,
  };
}

/** A new attachment (version 1) on the container. The caller has checked name, size and uniqueness. */
export function createAttachment(site: Site, user: User, container: DocumentRecord, upload: Upload): AttachmentRecord {
  const version = newVersion(site, user, 1, upload);
  const record: AttachmentRecord = {
    id: site.nextId(),
    containerId: container.id,
    status: 'current',
    title: upload.filename,
    fileId: site.uuid(),
    createdAt: version.createdAt,
    versions: [version],
    labels: new Set(),
  };
  site.attachments.set(record.id, record);
  return record;
}

/** New bytes for an attachment: version + 1. Its file name stays as it is. */
export function addAttachmentVersion(site: Site, user: User, record: AttachmentRecord, upload: Upload): AttachmentVersion {
  const version = newVersion(site, user, latestVersion(record).number + 1, upload);
  record.versions.push(version);
  return version;
}

/** DELETE: a live attachment goes to the trash; `purge` removes a trashed one for good. */
export function deleteAttachment(site: Site, record: AttachmentRecord, purge: boolean): void {
  if (purge) {
    if (record.status !== 'trashed') {
      throw new ApiError(400, `Only trashed attachments can be purged; trash attachment ${apiAttachmentId(record)} first.`);
    }
    site.attachments.delete(record.id);
    return;
  }
  if (record.status === 'trashed') throw attachmentNotFound(apiAttachmentId(record));
  record.status = 'trashed';
}

export function attachmentNotFound(id: string): ApiError {
  return new ApiError(404, `Cannot find an attachment with id [${id.startsWith('att') ? id : `att${id}`}]`);
}
