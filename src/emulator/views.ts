import type { ContentVersion, DocumentRecord, FolderRecord, LabelRecord, PropertyRecord, SpaceRecord } from './model.js';
import type { Site } from './site.js';
import { renderView, storageToAdf } from './storage/representations.js';

/** The JSON shapes of the v2 API (OpenAPI components), built from the stored records. */

export type BodyFormat = 'storage' | 'atlas_doc_format' | 'view' | 'export_view' | 'anonymous_export_view' | 'styled_view' | 'editor';

export function versionView(version: ContentVersion): unknown {
  return {
    createdAt: version.createdAt,
    message: version.message,
    number: version.number,
    minorEdit: version.minorEdit,
    authorId: version.authorId,
  };
}

export function current(record: DocumentRecord): ContentVersion {
  return record.versions[record.versions.length - 1]!;
}

export function titleOf(site: Site, id: string | null): string | undefined {
  if (id === null) return undefined;
  const record = site.content.get(id);
  if (!record) return undefined;
  return record.kind === 'folder' ? record.title : current(record).title;
}

export function bodyView(site: Site, storage: string, format: BodyFormat | undefined): Record<string, unknown> {
  switch (format) {
    case undefined:
      return {};
    case 'storage':
    case 'editor':
      return { [format]: { representation: format, value: storage } };
    case 'atlas_doc_format':
      return { atlas_doc_format: { representation: 'atlas_doc_format', value: storageToAdf(storage) } };
    default:
      return { [format]: { representation: format, value: renderView(storage, site) } };
  }
}

function slug(title: string): string {
  return encodeURIComponent(title.replace(/\s+/g, '+')).replace(/%2B/g, '+');
}

function tinyui(id: string): string {
  return `/x/${Buffer.from(Number(id).toString(16), 'hex').toString('base64url') || 'AA'}`;
}

export function documentLinks(site: Site, record: DocumentRecord, version: ContentVersion = current(record)): Record<string, string> {
  const space = site.spaces.get(record.spaceId);
  const key = space?.key ?? '';
  if (record.kind === 'blogpost') {
    const [y, m, d] = record.createdAt.slice(0, 10).split('-');
    return {
      webui: `/spaces/${key}/blog/${y}/${m}/${d}/${record.id}/${slug(version.title)}`,
      editui: `/pages/resumedraft.action?draftId=${record.id}`,
      tinyui: tinyui(record.id),
    };
  }
  const webui = space?.homepageId === record.id ? `/spaces/${key}/overview` : `/spaces/${key}/pages/${record.id}/${slug(version.title)}`;
  return {
    webui,
    editui: `/pages/resumedraft.action?draftId=${record.id}`,
    edituiv2: `/spaces/${key}/pages/edit-v2/${record.id}`,
    tinyui: tinyui(record.id),
  };
}

export function parentType(site: Site, parentId: string | null): string | null {
  if (parentId === null) return null;
  return site.content.get(parentId)?.kind ?? 'page';
}

export interface DocumentViewOptions {
  readonly format?: BodyFormat;
  /** A past version to show instead of the current one. */
  readonly version?: ContentVersion;
  readonly single: boolean;
  readonly includeVersion?: boolean;
  readonly extra?: Record<string, unknown>;
}

/** PageSingle / PageBulk / BlogPostSingle / BlogPostBulk. */
export function documentView(site: Site, record: DocumentRecord, options: DocumentViewOptions): Record<string, unknown> {
  const version = options.version ?? current(record);
  const view: Record<string, unknown> = {
    id: record.id,
    status: options.version && options.version !== current(record) ? 'historical' : record.status,
    title: version.title,
    spaceId: record.spaceId,
  };
  if (record.kind === 'page') {
    view.parentId = record.parentId;
    view.parentType = parentType(site, record.parentId);
    view.position = record.position;
  }
  view.authorId = record.authorId;
  if (record.kind === 'page') {
    view.ownerId = record.ownerId;
    view.lastOwnerId = record.lastOwnerId;
    if (!options.single) view.subtype = record.subtype;
  }
  view.createdAt = record.createdAt;
  if (options.includeVersion !== false) view.version = versionView(version);
  view.body = bodyView(site, version.body, options.format);
  Object.assign(view, options.extra);
  view._links = { ...documentLinks(site, record, version), ...(options.single ? { base: site.base } : {}) };
  return view;
}

export function folderView(site: Site, record: FolderRecord): Record<string, unknown> {
  const space = site.spaces.get(record.spaceId);
  return {
    id: record.id,
    type: 'folder',
    status: record.status,
    title: record.title,
    parentId: record.parentId,
    parentType: parentType(site, record.parentId),
    position: record.position,
    authorId: record.authorId,
    ownerId: record.ownerId,
    createdAt: record.createdAt,
    spaceId: record.spaceId,
    version: { createdAt: record.createdAt, message: '', number: 1, minorEdit: false, authorId: record.authorId },
    _links: { webui: `/spaces/${space?.key ?? ''}/folder/${record.id}`, base: site.base },
  };
}

export function spaceView(site: Site, space: SpaceRecord, options: { descriptionFormat?: 'plain' | 'view'; single?: boolean } = {}): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    description: options.descriptionFormat
      ? { [options.descriptionFormat]: { representation: options.descriptionFormat, value: space.description } }
      : null,
    icon: null,
    currentActiveAlias: space.key,
    _links: { webui: `/spaces/${space.key}`, ...(options.single ? { base: site.base } : {}) },
  };
  return view;
}

export function labelView(label: LabelRecord): unknown {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

export function propertyView(property: PropertyRecord): unknown {
  return { id: property.id, key: property.key, value: property.value, version: property.version };
}

/**
 * DetailedVersion (`GET …/versions/{n}`) of one entry of a version history (oldest first). The spec
 * declares prevVersion/nextVersion as integers, so they are absent (not null) at either end.
 */
export function detailedVersionView(
  versions: ReadonlyArray<{ readonly number: number; readonly authorId: string; readonly message: string; readonly createdAt: string; readonly minorEdit: boolean }>,
  index: number,
): Record<string, unknown> {
  const version = versions[index]!;
  return {
    number: version.number,
    authorId: version.authorId,
    message: version.message,
    createdAt: version.createdAt,
    minorEdit: version.minorEdit,
    contentTypeModified: false,
    collaborators: [version.authorId],
    ...(index > 0 ? { prevVersion: versions[index - 1]!.number } : {}),
    ...(index < versions.length - 1 ? { nextVersion: versions[index + 1]!.number } : {}),
  };
}
