import { mergeText } from './merge.js';

/**
 * The pull planner (pure): what happens to each page's file, from the remote version, the
 * lockfile's record of the last sync, the file here and, when fetched, the page as a file (remote)
 * and as it was last synced (base). The rules are in docs/pull.md; each has a unit test.
 */

/** The last sync of a page, as the lockfile records it. */
export interface Recorded {
  readonly path: string;
  readonly version: number;
}

/** The page's file here now. `changed`: it differs from the last sync as push sees it (its fingerprint). */
export interface LocalFile {
  readonly path: string;
  readonly text: string;
  readonly changed: boolean;
}

/** What decides whether a page's body must be fetched. */
export interface FetchInput {
  readonly remoteVersion: number;
  /** Where the layout puts the page's file. */
  readonly path: string;
  readonly recorded: Recorded | undefined;
  /** Where the file is now, if it exists. */
  readonly localPath: string | undefined;
  /** The file links to a page whose file moves or goes away in this pull, so its links change. */
  readonly relinked: boolean;
}

/**
 * The page's body is fetched when Confluence has a version the last sync did not see, when its
 * file moves (its links and parent are written relative to the new place), or when it links to a
 * file that moves or goes away.
 */
export function needsBody(input: FetchInput): boolean {
  if (!input.recorded || input.recorded.version !== input.remoteVersion) return true;
  if ((input.localPath ?? input.recorded.path) !== input.path) return true;
  return input.relinked;
}

/**
 * The version of the last sync is fetched (to merge against) only for a file changed here whose
 * page changed in Confluence too; when the version is the same, the fetched body is the base.
 */
export function needsBase(input: FetchInput & { readonly localChanged: boolean }): 'none' | 'same' | 'fetch' {
  if (!input.recorded || input.localPath === undefined || !input.localChanged || !needsBody(input)) return 'none';
  return input.recorded.version === input.remoteVersion ? 'same' : 'fetch';
}

export interface PageInput {
  readonly pageId: string;
  readonly title: string;
  readonly remoteVersion: number;
  readonly path: string;
  readonly recorded: Recorded | undefined;
  readonly local: LocalFile | undefined;
  /** The page as its file would be now; undefined when the body was not fetched (nothing to do). */
  readonly remoteText: string | undefined;
  /** The page as its file was at the last sync, when fetched and converted. */
  readonly baseText: string | undefined;
}

/**
 * How a file is written: `new` (a page not pulled before), `update` (changed in Confluence),
 * `move` (only its place changed), `merge` (changed on both sides, merged cleanly), `force` (a
 * local change dropped under --force), `restore` (the file was deleted here, --force), `record`
 * (the file is already what Confluence has: only the lockfile is updated, and the file moved if
 * its place changed).
 */
export type WriteKind = 'new' | 'update' | 'move' | 'merge' | 'force' | 'restore' | 'record';

export type PageAction =
  | { readonly type: 'unchanged'; readonly pageId: string; readonly title: string; readonly path: string }
  /** A change made here (an edit, a deleted file) that the pull leaves for the next push. */
  | { readonly type: 'local'; readonly pageId: string; readonly title: string; readonly path: string; readonly why: string }
  | {
      readonly type: 'write';
      readonly kind: WriteKind;
      readonly pageId: string;
      readonly title: string;
      readonly path: string;
      /** The file's current path, when it moves. */
      readonly from: string | undefined;
      /** What the file holds after the pull (for a merge, not what Confluence has). */
      readonly text: string;
      /** The page as Confluence has it, as a file: what the lockfile records. */
      readonly remoteText: string;
      readonly fromVersion: number | undefined;
      readonly toVersion: number;
    }
  | {
      readonly type: 'conflict';
      readonly pageId: string;
      readonly title: string;
      /** The local file, which is left as it is. */
      readonly path: string;
      /** Where Confluence's side is written (`name.remote.md`), if there is one to write. */
      readonly remotePath: string | undefined;
      readonly remoteText: string | undefined;
      readonly why: string;
      readonly fromVersion: number | undefined;
      readonly toVersion: number | undefined;
    }
  /** The page is gone from the pulled tree (deleted, or moved out of it): its file is removed. */
  | { readonly type: 'delete'; readonly pageId: string; readonly title: string; readonly path: string; readonly why: string }
  /** Gone from Confluence and from here: only the lockfile forgets it. */
  | { readonly type: 'forget'; readonly pageId: string; readonly title: string; readonly path: string };

/** `a/b.md` → `a/b.remote.md`: Confluence's side of a conflict, beside the file (push leaves it out). */
export function remotePathOf(path: string): string {
  if (path.endsWith('/')) return `${path}index.remote.md`;
  return path.replace(/(\.md)?$/i, '.remote.md');
}

/** Decides what happens to one page's file. */
export function decidePage(input: PageInput, options: { readonly force: boolean }): PageAction {
  const { pageId, title, path, recorded, local, remoteText } = input;
  if (remoteText === undefined) return { type: 'unchanged', pageId, title, path: local?.path ?? recorded?.path ?? path };
  const from = local && local.path !== path ? local.path : undefined;
  const write = (kind: WriteKind, text: string): PageAction => ({ type: 'write', kind, pageId, title, path, from, text, remoteText, fromVersion: recorded?.version, toVersion: input.remoteVersion });
  const conflict = (why: string, remote: boolean): PageAction => ({
    type: 'conflict',
    pageId,
    title,
    path: local?.path ?? recorded?.path ?? path,
    remotePath: remote ? remotePathOf(local?.path ?? path) : undefined,
    remoteText: remote ? remoteText : undefined,
    why,
    fromVersion: recorded?.version,
    toVersion: input.remoteVersion,
  });
  const remoteChanged = !recorded || recorded.version !== input.remoteVersion;

  if (!local) {
    if (!recorded) return write('new', remoteText);
    if (!remoteChanged) return { type: 'local', pageId, title, path: recorded.path, why: 'the file was deleted here (the next push handles it as an orphan)' };
    if (options.force) return write('restore', remoteText);
    return conflict(`the file was deleted here and the page changed in Confluence (v${recorded.version} → v${input.remoteVersion})`, true);
  }
  if (local.text === remoteText) return write(from !== undefined ? 'move' : 'record', remoteText);
  if (!recorded) {
    if (options.force) return write('force', remoteText);
    return conflict('the file differs from Confluence and the lockfile has no record of the last sync to tell which side changed', true);
  }
  // Unchanged in Confluence, yet converted again: its place or its links changed.
  const kind: WriteKind = remoteChanged || from === undefined ? 'update' : 'move';
  if (!local.changed) return write(kind, remoteText);
  if (options.force) return write('force', remoteText);
  if (input.baseText !== undefined) {
    const merged = mergeText(input.baseText, local.text, remoteText);
    if (merged.clean) return merged.text === remoteText ? write(kind, remoteText) : write('merge', merged.text);
    return conflict(`changed here and in Confluence (v${recorded.version} → v${input.remoteVersion}); ${merged.conflicts} part${merged.conflicts === 1 ? '' : 's'} changed on both sides`, true);
  }
  return conflict(`changed here and in Confluence (v${recorded.version} → v${input.remoteVersion}); the version of the last sync cannot be read to merge`, true);
}

export interface RemovedInput {
  readonly pageId: string;
  readonly title: string;
  /** The lockfile's path. */
  readonly path: string;
  readonly local: LocalFile | undefined;
  readonly why: string;
}

/** A page of the lockfile that is no longer in the pulled tree. */
export function decideRemoved(input: RemovedInput, options: { readonly force: boolean }): PageAction {
  const { pageId, title, why } = input;
  if (!input.local) return { type: 'forget', pageId, title, path: input.path };
  if (input.local.changed && !options.force) {
    return { type: 'conflict', pageId, title, path: input.local.path, remotePath: undefined, remoteText: undefined, why: `${why}, and the file was changed here: kept (delete it, or run pull --force)`, fromVersion: undefined, toVersion: undefined };
  }
  return { type: 'delete', pageId, title, path: input.local.path, why };
}
