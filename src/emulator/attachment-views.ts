import { apiAttachmentId, latestVersion, numericAttachmentId } from './attachments-store.js';
import { mediaTypeDescription } from './media-types.js';
import type { AttachmentRecord, AttachmentVersion } from './model.js';
import type { Site } from './site.js';
import { documentLinks } from './views.js';

/**
 * Links and the v2 JSON shapes of attachments (`AttachmentBulk`, `AttachmentSingle`,
 * `AttachmentVersion` in the v2 spec). Links are relative to `_links.base` (`<site>/wiki`).
 */

/** `/download/attachments/{pageId}/{name}?version=N&modificationDate=<ms>&cacheVersion=1&api=v2` (obs, §4.10). */
export function downloadPath(record: AttachmentRecord, version: AttachmentVersion = latestVersion(record)): string {
  const modified = Date.parse(version.createdAt);
  return `/download/attachments/${record.containerId}/${encodeURIComponent(record.title)}?version=${version.number}&modificationDate=${modified}&cacheVersion=1&api=v2`;
}

/** The container's web UI link with the attachment preview: `…?preview=%2F{pageId}%2F{attId}%2F{name}`. */
export function attachmentWebui(site: Site, record: AttachmentRecord): string {
  const container = site.content.get(record.containerId);
  const preview = encodeURIComponent(`/${record.containerId}/${numericAttachmentId(record.id)}/${record.title}`);
  if (!container || container.kind === 'folder') return `/pages/viewpageattachments.action?pageId=${record.containerId}&preview=${preview}`;
  return `${documentLinks(site, container).webui}?preview=${preview}`;
}

export function attachmentVersionView(version: AttachmentVersion): Record<string, unknown> {
  return {
    createdAt: version.createdAt,
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    authorId: version.authorId,
  };
}

export interface AttachmentViewOptions {
  /** A past version to show instead of the latest. */
  readonly version?: AttachmentVersion;
  readonly includeVersion?: boolean;
  /** `include-*` blocks and the like, placed before `_links`. */
  readonly extra?: Record<string, unknown>;
  /** Single-entity responses carry `_links.base`. */
  readonly single?: boolean;
}

/** AttachmentBulk / AttachmentSingle. */
export function attachmentView(site: Site, record: AttachmentRecord, options: AttachmentViewOptions = {}): Record<string, unknown> {
  const version = options.version ?? latestVersion(record);
  const container = site.content.get(record.containerId);
  const containerField = container?.kind === 'blogpost' ? 'blogPostId' : site.customContent.has(record.containerId) ? 'customContentId' : 'pageId';
  const webui = attachmentWebui(site, record);
  const download = downloadPath(record, version);
  const view: Record<string, unknown> = {
    id: apiAttachmentId(record),
    status: record.status,
    title: record.title,
    createdAt: record.createdAt,
    [containerField]: record.containerId,
    mediaType: version.mediaType,
    mediaTypeDescription: mediaTypeDescription(version.mediaType),
    comment: version.comment,
    fileId: record.fileId,
    fileSize: version.data.length,
    webuiLink: webui,
    downloadLink: download,
  };
  if (options.includeVersion !== false) view.version = attachmentVersionView(version);
  Object.assign(view, options.extra);
  view._links = { webui, download, ...(options.single ? { base: site.base } : {}) };
  return view;
}
