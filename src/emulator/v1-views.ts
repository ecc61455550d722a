import { attachmentWebui, downloadPath } from './attachment-views.js';
import { apiAttachmentId, latestVersion } from './attachments-store.js';
import { ApiError } from './errors.js';
import type { ApiRequest, ApiResponse } from './http-types.js';
import { mediaTypeDescription } from './media-types.js';
import type { AttachmentRecord, AttachmentVersion, ContentRecord, LabelRecord, User } from './model.js';
import type { Site } from './site.js';
import { current, documentLinks } from './views.js';

/**
 * The JSON shapes of the v1 API (`/wiki/rest/api`, [V1] components: Content, ContentArray, User,
 * Version, Label, LabelArray) and its offset pagination. v1 links are context-relative (`/rest/api/…`,
 * to be joined to `<site>/wiki`), with `_links.base` and `_links.context` on collections.
 */

export const V1_CONTEXT = '/wiki';

/** v1 `User` (the spec's `User` schema, `type: known`). */
export function userView(site: Site, user: User | undefined, accountId: string): Record<string, unknown> {
  const name = user?.displayName ?? 'Unknown user';
  return {
    type: 'known',
    accountId,
    accountType: 'atlassian',
    email: user?.email ?? '',
    publicName: name,
    profilePicture: { path: '/wiki/aa-avatar/default.png', width: 48, height: 48, isDefault: true },
    displayName: name,
    isExternalCollaborator: false,
    isGuest: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${site.base}/rest/api/user?accountId=${encodeURIComponent(accountId)}`, base: site.base, context: V1_CONTEXT },
  };
}

/** v1 `Version` of an attachment version. */
export function attachmentVersionV1(site: Site, record: AttachmentRecord, version: AttachmentVersion): Record<string, unknown> {
  return {
    by: userView(site, site.users.get(version.authorId), version.authorId),
    when: version.createdAt,
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    contentTypeModified: false,
    _expandable: { collaborators: '', content: `/rest/api/content/${apiAttachmentId(record)}` },
    _links: { self: `${site.base}/rest/api/content/${apiAttachmentId(record)}/version/${version.number}` },
  };
}

/** A short v1 `Content` for a container (the `container` of an attachment, a row of `child/page`). */
export function contentSummary(site: Site, record: ContentRecord): Record<string, unknown> {
  const title = record.kind === 'folder' ? record.title : current(record).title;
  const links = record.kind === 'folder' ? { webui: `/spaces/${site.spaces.get(record.spaceId)?.key ?? ''}/folder/${record.id}` } : documentLinks(site, record);
  return {
    id: record.id,
    type: record.kind,
    status: record.status,
    title,
    macroRenderedOutput: {},
    extensions: { position: record.position ?? 'none' },
    _expandable: {
      container: `/rest/api/space/${site.spaces.get(record.spaceId)?.key ?? ''}`,
      children: `/rest/api/content/${record.id}/child`,
      history: `/rest/api/content/${record.id}/history`,
      ancestors: '',
      body: '',
      version: '',
      descendants: `/rest/api/content/${record.id}/descendant`,
      space: `/rest/api/space/${site.spaces.get(record.spaceId)?.key ?? ''}`,
    },
    _links: { ...links, self: `${site.base}/rest/api/content/${record.id}` },
  };
}

/**
 * v1 `Content` of an attachment. `mediaType`, `fileSize` and `comment` sit under `extensions`, with
 * `mediaTypeDescription`, `fileId` and `collectionName: "contentId-<pageId>"` (obs 2026-08-07,
 * [MF-attachments]); `_links.download` is relative to `<site>/wiki`.
 */
export function attachmentContent(site: Site, record: AttachmentRecord, version: AttachmentVersion = latestVersion(record)): Record<string, unknown> {
  const id = apiAttachmentId(record);
  const container = site.content.get(record.containerId);
  const space = container ? site.spaces.get(container.spaceId) : undefined;
  return {
    id,
    type: 'attachment',
    status: record.status,
    title: record.title,
    ...(container ? { container: contentSummary(site, container) } : {}),
    version: attachmentVersionV1(site, record, version),
    macroRenderedOutput: {},
    metadata: { comment: version.comment, mediaType: version.mediaType, _expandable: { currentuser: '', properties: '', frontend: '', labels: '' } },
    extensions: {
      mediaType: version.mediaType,
      fileSize: version.data.length,
      comment: version.comment,
      mediaTypeDescription: mediaTypeDescription(version.mediaType),
      fileId: record.fileId,
      collectionName: `contentId-${record.containerId}`,
    },
    _expandable: {
      childTypes: '',
      operations: '',
      schedulePublishDate: '',
      children: `/rest/api/content/${id}/child`,
      restrictions: `/rest/api/content/${id}/restriction/byOperation`,
      history: `/rest/api/content/${id}/history`,
      ancestors: '',
      body: '',
      descendants: `/rest/api/content/${id}/descendant`,
      space: space ? `/rest/api/space/${space.key}` : '',
    },
    _links: {
      webui: attachmentWebui(site, record),
      download: downloadPath(record, version),
      self: `${site.base}/rest/api/content/${id}`,
    },
  };
}

/** v1 `Label`: `label` repeats the name. */
export function labelV1(label: LabelRecord): Record<string, unknown> {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name };
}

/** A Spring 400 for a query parameter that is not an `int` (obs 2026-09-22, brekkylab/backlot#322). */
function notAnInt(value: string): ApiError {
  return new ApiError(400, 'Bad Request', {
    v1Message: `org.springframework.web.method.annotation.MethodArgumentTypeMismatchException: Failed to convert value of type 'java.lang.String' to required type 'int'; nested exception is java.lang.NumberFormatException: For input string: "${value}"`,
  });
}

export function intParam(req: ApiRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Math.abs(Number(raw)) > 2_147_483_647) throw notAnInt(raw);
  return Number(raw);
}

/**
 * v1 offset pagination (`start`, `limit`): `{results, start, limit, size, _links{base, context, self,
 * next?, prev?}}`. `next` and `prev` are context-relative (`/rest/api/…?next=true&limit=1&start=1`);
 * `next` is absent on the last page (obs 2026-08-07, [MF-api]). `limit` is echoed, not capped, on the
 * `content/{id}` child listings (obs 2026-09-22, brekkylab/backlot#322). A negative value is a 400.
 */
export function offsetList<T>(req: ApiRequest, items: readonly T[], options: { defaultLimit: number; view: (item: T) => unknown }): ApiResponse {
  const start = intParam(req, 'start', 0);
  const limit = intParam(req, 'limit', options.defaultLimit);
  if (start < 0 || limit < 0) throw new ApiError(400, `'${start < 0 ? 'start' : 'limit'}' must not be negative`);
  const page = items.slice(start, start + limit);
  const path = `/rest/api${req.path}`;
  const keep = [...req.query].filter(([key]) => !['start', 'limit', 'next', 'prev'].includes(key));
  const link = (flagName: 'next' | 'prev', at: number) => {
    const query = new URLSearchParams([[flagName, 'true'], ...keep, ['limit', String(limit)], ['start', String(at)]]);
    return `${path}?${query.toString()}`;
  };
  const links: Record<string, string> = { base: req.site.base, context: V1_CONTEXT, self: `${req.site.base}${path}` };
  if (start + limit < items.length) links.next = link('next', start + limit);
  if (start > 0) links.prev = link('prev', Math.max(0, start - limit));
  return { status: 200, body: { results: page.map(options.view), start, limit, size: page.length, _links: links } };
}
