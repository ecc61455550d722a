/** The parts of the v2/v1 response models (OpenAPI components) the product reads. */

export interface Version {
  readonly number: number;
  readonly message?: string;
  readonly minorEdit?: boolean;
  readonly authorId?: string;
  readonly createdAt?: string;
}

export type ContentStatus = 'current' | 'draft' | 'archived' | 'historical' | 'trashed' | 'deleted';

export interface Page {
  readonly id: string;
  readonly status: ContentStatus;
  readonly title: string;
  readonly spaceId: string;
  readonly parentId: string | null;
  readonly parentType?: string | null;
  readonly position?: number | null;
  readonly authorId?: string;
  readonly createdAt?: string;
  readonly version?: Version;
  readonly body?: { readonly storage?: { readonly value: string; readonly representation: 'storage' } };
  readonly labels?: { readonly results: readonly Label[] };
  readonly _links?: { readonly webui?: string; readonly base?: string; readonly tinyui?: string };
}

/** v2 `FolderSingle`, with the properties block when asked for (`include-properties`). */
export interface Folder {
  readonly id: string;
  readonly type?: string;
  readonly status: ContentStatus;
  readonly title: string;
  readonly spaceId?: string;
  readonly parentId: string | null;
  readonly parentType?: string | null;
  readonly position?: number | null;
  readonly createdAt?: string;
  readonly properties?: { readonly results: readonly ContentProperty[] };
  readonly _links?: { readonly webui?: string; readonly base?: string };
}

/** A blog post (`BlogPostBulk`/`BlogPostSingle`): dated by `createdAt`, no parent. */
export interface BlogPost {
  readonly id: string;
  readonly status: ContentStatus;
  readonly title: string;
  readonly spaceId: string;
  readonly authorId?: string;
  readonly createdAt?: string;
  readonly version?: Version;
  readonly body?: { readonly storage?: { readonly value: string; readonly representation: 'storage' } };
}

export interface Space {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly homepageId: string | null;
  readonly _links?: { readonly webui?: string; readonly base?: string };
}

export interface Label {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
}

export interface Attachment {
  readonly id: string;
  readonly status: string;
  readonly title: string;
  readonly pageId?: string;
  readonly mediaType: string;
  readonly fileSize: number;
  readonly comment?: string;
  readonly fileId?: string;
  readonly downloadLink?: string;
  readonly version?: Version;
}

export interface ContentProperty {
  readonly id: string;
  readonly key: string;
  readonly value: unknown;
  readonly version: Version;
}

/** v1 `GET /user/current`. */
export interface CurrentUser {
  readonly accountId: string;
  readonly accountType?: string;
  readonly email?: string;
  readonly displayName?: string;
  readonly publicName?: string;
}

export interface PageWrite {
  readonly spaceId: string;
  readonly title: string;
  /** Storage-format XHTML. */
  readonly body: string;
  readonly parentId?: string;
  readonly status?: 'current' | 'draft';
}
