import type { ParentRef } from '../tree/build.js';

/** A page of the tree, converted: everything the planner compares. */
export interface RenderedPage {
  readonly path: string;
  /** A page, or (config `folders: folder`) a Confluence folder for a folder without an index file: no body, labels or attachments. */
  readonly kind: 'page' | 'folder';
  readonly title: string;
  readonly parent: ParentRef;
  /** pageId from the frontmatter, if any. */
  readonly pageId: string | undefined;
  readonly labels: readonly string[];
  readonly storage: string;
  readonly storageHash: string;
  /** Attachment file name → file to upload and its digest. */
  readonly attachments: ReadonlyArray<{ readonly filename: string; readonly file: string; readonly sha256: string }>;
  /** Hash of everything that decides whether the page must be written (see fingerprint.ts). */
  readonly fingerprint: string;
  readonly notify: boolean;
}

/** What confluence-sync wrote into a version message, so its own writes are recognised. */
export interface VersionTag {
  readonly fingerprint: string;
}

/** A page of the space as the snapshot saw it. */
export interface RemotePage {
  readonly id: string;
  readonly title: string;
  readonly parentId: string | null;
  readonly status: 'current' | 'archived' | 'draft' | 'trashed' | 'historical' | 'deleted';
  readonly version: number;
  readonly versionMessage: string;
  readonly authorId: string | undefined;
  readonly modifiedAt: string | undefined;
  /** Our marker property (source path), when it was fetched for this page. */
  readonly markerPath?: string;
  /**
   * What the marker says version 1 (the create) carries, when it says it: the marker is written
   * with these once a create is complete (labels and attachments included), so a page that was
   * never updated is recognised as unchanged without the lockfile.
   */
  readonly markerFingerprint?: string;
  readonly markerStorageHash?: string;
}

/** A Confluence folder as the snapshot saw it (`GET /folders/{id}`: the API cannot list them). */
export interface RemoteFolder {
  readonly id: string;
  readonly title: string;
  readonly parentId: string | null;
  readonly status: 'current' | 'trashed' | 'archived' | 'draft' | 'historical' | 'deleted';
  /** Our marker property (source path), when the folder carries it. */
  readonly markerPath?: string;
}

export interface RemoteSnapshot {
  readonly spaceId: string;
  readonly spaceKey: string;
  /** The page the tree hangs under (config rootPage, else the space homepage). */
  readonly rootId: string;
  readonly pages: ReadonlyMap<string, RemotePage>;
  /** The folders that were looked at: those in the lockfile, and the folder parents of listed pages when a folder must be found. */
  readonly folders?: ReadonlyMap<string, RemoteFolder>;
}

/** Where a page goes: an existing page ID, or a page created earlier in the same run. */
export type ParentTarget = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'created'; readonly path: string };

/** `marker`: our marker property is (or may be) missing and is written (after a crash during a create, or a take-over). */
export type Change = 'title' | 'body' | 'parent' | 'labels' | 'attachments' | 'marker';

export interface LabelChanges {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/** Why an orphan is only forgotten: its page is gone from Confluence, or archived already (policy archive). */
export const ORPHAN_GONE = 'the page no longer exists in Confluence';
export const ORPHAN_ARCHIVED = 'the page is archived already';

export type Action =
  | {
      readonly type: 'create';
      readonly kind: 'page' | 'folder';
      readonly path: string;
      readonly title: string;
      readonly parent: ParentTarget;
      readonly labels: LabelChanges;
      readonly attachments: readonly string[];
      /**
       * A folder of ours to delete first (to the trash; its children move up, and ours are then
       * moved into the new folder): the API can neither rename nor move a folder.
       */
      readonly replaces?: string;
    }
  | {
      readonly type: 'update';
      readonly path: string;
      readonly pageId: string;
      readonly title: string;
      /** The remote version the plan was made from; the write sends this + 1. */
      readonly fromVersion: number;
      readonly parent: ParentTarget;
      readonly changes: readonly Change[];
      readonly labels: LabelChanges;
      /** Attachment file names to upload (new or changed). */
      readonly attachments: readonly string[];
      /** Whether the page's version must go up (title, body or parent changed). */
      readonly writesVersion: boolean;
      /** `--force` over a remote edit. */
      readonly forced: boolean;
    }
  | {
      readonly type: 'noop';
      readonly kind: 'page' | 'folder';
      readonly path: string;
      readonly pageId: string;
      readonly title: string;
      /** The remote version and parent, to record in the lockfile when the page was adopted. */
      readonly version: number;
      readonly parentId: string | null;
    }
  | {
      readonly type: 'conflict';
      readonly path: string;
      readonly pageId: string;
      readonly title: string;
      readonly lockedVersion: number;
      readonly remoteVersion: number;
      readonly by: string | undefined;
      readonly at: string | undefined;
    }
  | {
      readonly type: 'orphan';
      readonly kind: 'page' | 'folder';
      /** The lockfile path whose file is gone. */
      readonly path: string;
      readonly pageId: string;
      readonly title: string;
      readonly policy: 'keep' | 'archive' | 'delete';
      /** Why a delete or archive is not done, when it is not. */
      readonly blocked: string | undefined;
    };

export interface PlanProblem {
  readonly path: string;
  readonly message: string;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly spaceKey: string;
  readonly spaceId: string;
  readonly rootId: string;
  /** Parents before children; then orphans. */
  readonly actions: readonly Action[];
  /** Problems that stop the run before anything is written. */
  readonly problems: readonly PlanProblem[];
}
