/**
 * The emulator's records. They hold what Confluence stores; the JSON shapes the API returns
 * (PageSingle, PageBulk, …, as in the OpenAPI description) are built from them in `views.ts`.
 */

export interface User {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
}

export type SpaceType = 'global' | 'personal' | 'collaboration' | 'knowledge_base';

export interface SpaceRecord {
  readonly id: string;
  readonly key: string;
  name: string;
  readonly type: SpaceType;
  status: 'current' | 'archived';
  readonly authorId: string;
  readonly createdAt: string;
  homepageId: string | null;
  description: string;
  readonly properties: Map<string, PropertyRecord>;
}

/** One saved version of a page or blog post: what it looked like after that save. */
export interface ContentVersion {
  readonly number: number;
  readonly message: string;
  readonly minorEdit: boolean;
  readonly authorId: string;
  readonly createdAt: string;
  readonly title: string;
  readonly body: string;
  readonly parentId: string | null;
}

/** `deleted` is never stored: a purged record is removed. */
export type ContentStatus = 'current' | 'draft' | 'archived' | 'trashed' | 'historical';

export type ContentKind = 'page' | 'blogpost' | 'folder' | 'whiteboard' | 'database' | 'embed';

/** Pages and blog posts: versioned, with a storage body. */
export interface DocumentRecord {
  readonly kind: 'page' | 'blogpost';
  readonly id: string;
  readonly spaceId: string;
  status: ContentStatus;
  /** The status a trashed record goes back to when restored. */
  statusBeforeTrash: ContentStatus | null;
  parentId: string | null;
  position: number | null;
  readonly authorId: string;
  ownerId: string;
  lastOwnerId: string | null;
  readonly createdAt: string;
  subtype: 'live' | null;
  /** Oldest first; the last one is the current version. */
  readonly versions: ContentVersion[];
  readonly labels: Set<string>;
  readonly properties: Map<string, PropertyRecord>;
}

/** Folders (and the other non-page hierarchy nodes): no body, no versions beyond 1. */
export interface FolderRecord {
  readonly kind: 'folder';
  readonly id: string;
  readonly spaceId: string;
  status: ContentStatus;
  statusBeforeTrash: ContentStatus | null;
  title: string;
  parentId: string | null;
  position: number | null;
  readonly authorId: string;
  ownerId: string;
  readonly createdAt: string;
  readonly properties: Map<string, PropertyRecord>;
}

export type ContentRecord = DocumentRecord | FolderRecord;

export interface PropertyRecord {
  readonly id: string;
  readonly key: string;
  value: unknown;
  version: { number: number; message: string; minorEdit: boolean; authorId: string; createdAt: string };
  /** When and by whom the property was created (space properties show them). */
  readonly createdAt?: string;
  readonly createdBy?: string;
}

export interface LabelRecord {
  readonly id: string;
  readonly name: string;
  readonly prefix: 'global' | 'my' | 'team' | 'system';
}

export interface AttachmentVersion {
  readonly number: number;
  readonly createdAt: string;
  readonly authorId: string;
  readonly message: string;
  readonly minorEdit: boolean;
  readonly data: Buffer;
  readonly mediaType: string;
  readonly comment: string;
}

export interface AttachmentRecord {
  readonly id: string;
  /** The page, blog post or custom content the file is attached to. */
  readonly containerId: string;
  status: 'current' | 'archived' | 'trashed';
  title: string;
  readonly fileId: string;
  readonly createdAt: string;
  readonly versions: AttachmentVersion[];
  readonly labels: Set<string>;
}

export interface CommentVersion {
  readonly number: number;
  readonly message: string;
  readonly authorId: string;
  readonly createdAt: string;
  readonly body: string;
}

export interface CommentRecord {
  readonly id: string;
  readonly kind: 'footer' | 'inline';
  readonly containerId: string;
  readonly parentCommentId: string | null;
  status: 'current' | 'trashed';
  readonly versions: CommentVersion[];
  /** Inline comments only: the text the comment is anchored to. */
  readonly textSelection: string | null;
  /** Inline comments only (null on footer comments): the marker ref and the resolution state. */
  readonly inlineMarkerRef?: string | null;
  resolutionStatus?: 'open' | 'reopened' | 'resolved' | 'dangling' | null;
  resolutionLastModifierId?: string | null;
  resolutionLastModifiedAt?: string | null;
  readonly properties?: Map<string, PropertyRecord>;
}

export interface TaskRecord {
  readonly id: string;
  readonly localId: string;
  readonly spaceId: string;
  readonly containerId: string;
  status: 'complete' | 'incomplete';
  body: string;
  readonly createdAt: string;
  updatedAt: string;
  readonly createdBy: string;
  completedAt: string | null;
  /** Derived from the task body: the first mentioned user and the first date (see tasks-store.ts). */
  assignedTo?: string | null;
  dueAt?: string | null;
  completedBy?: string | null;
}

export interface CustomContentRecord {
  readonly id: string;
  readonly type: string;
  readonly spaceId: string;
  readonly containerId: string | null;
  status: 'current' | 'draft' | 'trashed';
  title: string;
  readonly versions: ContentVersion[];
  readonly createdAt: string;
  readonly authorId: string;
  readonly labels?: Set<string>;
  readonly properties?: Map<string, PropertyRecord>;
}
