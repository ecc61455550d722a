import type { LockEntry, Lockfile } from '../lockfile/schema.js';
import { folderIdentity, folderOrphan, foreignChildren, planFolder, type FolderIdentity } from './folders.js';
import { ORPHAN_ARCHIVED, ORPHAN_GONE, type Action, type Change, type ParentTarget, type Plan, type PlanProblem, type RemoteFolder, type RemotePage, type RemoteSnapshot, type RenderedPage } from './types.js';
import { sameFingerprint, taggedFingerprint } from './version-tag.js';

export interface PushPlanOptions {
  readonly orphans: 'keep' | 'archive' | 'delete';
  /** Overwrite pages edited in Confluence since our last write. */
  readonly force: boolean;
  /** The run covers only some files: orphans are not looked for. */
  readonly partial: boolean;
  /** Compare titles as Confluence does. */
  readonly titleCase?: 'insensitive' | 'sensitive';
}

interface Identity {
  readonly page: RenderedPage;
  readonly remote: RemotePage | undefined;
  /** The lockfile entry that describes what we last wrote to `remote`, if any. */
  readonly entry: LockEntry | undefined;
  /** Adopted through a frontmatter pageId: the user asked to take the page over. */
  readonly explicit: boolean;
  /** Known to be created by us (pending create, or our marker), so an unedited version 1 is ours. */
  readonly createdByUs?: boolean;
  /** Found through a create the lockfile holds as pending (a crash between the request and its record). */
  readonly pending?: { readonly title: string; readonly storageHash?: string };
}

const live = (r: RemotePage | undefined): r is RemotePage => r !== undefined && (r.status === 'current' || r.status === 'archived');

/**
 * Plans a push (pure): which pages to create, update, move, leave alone, refuse as conflicts, and
 * what to do with orphans. See docs/push.md for the rules; each has a unit test.
 */
export function planPush(pages: readonly RenderedPage[], remote: RemoteSnapshot, lock: Lockfile, options: PushPlanOptions): Plan {
  const problems: PlanProblem[] = [];
  const norm = (t: string) => (options.titleCase === 'sensitive' ? t : t.toLowerCase());
  const localPaths = new Set(pages.map((p) => p.path));
  const lockByPageId = new Map(Object.entries(lock.pages).map(([path, entry]) => [entry.pageId, { path, entry }]));
  const remoteByTitle = new Map<string, RemotePage>();
  for (const r of remote.pages.values()) if (live(r)) remoteByTitle.set(norm(r.title), r);
  // The first live page whose marker names a path (a lookup per page without an id or record).
  const remoteByMarker = new Map<string, RemotePage>();
  for (const r of remote.pages.values()) if (live(r) && r.markerPath !== undefined && !remoteByMarker.has(r.markerPath)) remoteByMarker.set(r.markerPath, r);

  const claimed = new Map<string, string>();
  const identities: Identity[] = [];
  const adoptedFrom = new Set<string>();

  const folderIdentities = new Map<string, FolderIdentity>();
  for (const page of pages) {
    if (page.kind === 'folder') {
      const found = folderIdentity(page, remote, lock, norm);
      if ('message' in found) {
        problems.push(found);
        continue;
      }
      if (found.remote) {
        const other = claimed.get(found.remote.id);
        if (other !== undefined) {
          problems.push({ path: page.path, message: `resolves to folder ${found.remote.id}, which ${other} is published as already` });
          continue;
        }
        claimed.set(found.remote.id, page.path);
      }
      folderIdentities.set(page.path, found);
      continue;
    }
    const lockEntry = lock.pages[page.path];
    // A folder's entry under this path (the config switched from folders to pages) is not this page's.
    const entry = lockEntry?.kind === 'folder' ? undefined : lockEntry;
    let identity: Identity | undefined;
    if (page.pageId !== undefined) {
      const r = remote.pages.get(page.pageId);
      const lockedHere = entry?.pageId === page.pageId ? entry : lockByPageId.get(page.pageId)?.entry;
      // Ours when the lockfile knows it (under any path), or it carries our marker or tag; otherwise
      // the pageId asks us to take the page over.
      const marked = r?.markerPath !== undefined;
      const ours = lockedHere !== undefined || marked || (r !== undefined && taggedFingerprint(r.versionMessage) !== undefined);
      identity = { page, remote: live(r) ? r : undefined, entry: live(r) ? lockedHere : undefined, explicit: !ours, createdByUs: marked };
    } else if (entry !== undefined) {
      const r = remote.pages.get(entry.pageId);
      identity = { page, remote: live(r) ? r : undefined, entry: live(r) ? entry : undefined, explicit: false };
    } else {
      const byMarker = remoteByMarker.get(page.path);
      const byTitle = remoteByTitle.get(norm(page.title));
      const candidate = byMarker ?? byTitle;
      if (candidate) {
        const previous = lockByPageId.get(candidate.id);
        const movedFile = previous !== undefined && !localPaths.has(previous.path);
        const pending = lock.pendingCreates[page.path];
        const createdByUs = pending !== undefined && norm(pending.title) === norm(candidate.title);
        const ours = byMarker !== undefined || movedFile || createdByUs || (candidate.markerPath !== undefined && !localPaths.has(candidate.markerPath)) || taggedFingerprint(candidate.versionMessage) !== undefined;
        if (ours) {
          if (previous) adoptedFrom.add(previous.path);
          identity = {
            page,
            remote: candidate,
            entry: previous?.entry,
            explicit: false,
            createdByUs: createdByUs || byMarker !== undefined || candidate.markerPath !== undefined,
            pending: createdByUs ? pending : undefined,
          };
        } else {
          problems.push({
            path: page.path,
            message: `a page titled "${candidate.title}" (id ${candidate.id}) already exists in space ${remote.spaceKey} and is not managed by confluence-sync: set "pageId: ${candidate.id}" in the frontmatter to take it over, or choose another title`,
          });
          continue;
        }
      } else identity = { page, remote: undefined, entry: undefined, explicit: false };
    }
    if (identity.remote) {
      const other = claimed.get(identity.remote.id);
      if (other !== undefined) {
        problems.push({ path: page.path, message: `resolves to page ${identity.remote.id}, which ${other} is published as already: remove the pageId from one of them` });
        continue;
      }
      claimed.set(identity.remote.id, page.path);
    }
    identities.push(identity);
  }

  const byPath = new Map(identities.map((i) => [i.page.path, i]));
  // Where the children of each page or folder go, as decided (a replaced folder is a new one).
  const targets = new Map<string, ParentTarget>();
  const parentTarget = (page: RenderedPage): ParentTarget | undefined => {
    switch (page.parent.kind) {
      case 'root':
        return { kind: 'id', id: remote.rootId };
      case 'page':
        if (!live(remote.pages.get(page.parent.pageId))) {
          problems.push({ path: page.path, message: `parent page ${page.parent.pageId} is not a current page of space ${remote.spaceKey}: fix the parent field` });
          return undefined;
        }
        return { kind: 'id', id: page.parent.pageId };
      case 'path': {
        const decided = targets.get(page.parent.path);
        if (decided) return decided;
        const parent = byPath.get(page.parent.path);
        if (!parent) return undefined; // its own problem is reported already
        return parent.remote ? { kind: 'id', id: parent.remote.id } : { kind: 'created', path: parent.page.path };
      }
    }
  };

  const actions: Action[] = [];
  const pageIdentities = new Map(identities.map((i) => [i.page.path, i]));
  for (const page of pages) {
    const folder = folderIdentities.get(page.path);
    if (folder) {
      const parent = parentTarget(page);
      if (!parent) continue;
      const action = planFolder(folder, parent);
      targets.set(page.path, action.type === 'create' ? { kind: 'created', path: page.path } : { kind: 'id', id: action.pageId });
      actions.push(action);
      continue;
    }
    const identity = pageIdentities.get(page.path);
    if (!identity) continue;
    const { remote: r, entry } = identity;
    const parent = parentTarget(page);
    if (!parent) continue;
    targets.set(page.path, r ? { kind: 'id', id: r.id } : { kind: 'created', path: page.path });
    const lockedLabels = entry?.labels ?? [];
    const labels = {
      add: page.labels.filter((l) => !lockedLabels.map((x) => x.toLowerCase()).includes(l.toLowerCase())),
      remove: lockedLabels.filter((l) => !page.labels.map((x) => x.toLowerCase()).includes(l.toLowerCase())),
    };
    const changedAttachments = page.attachments.filter((a) => entry?.attachments[a.filename]?.sha256 !== a.sha256).map((a) => a.filename);
    if (!r) {
      actions.push({ type: 'create', kind: 'page', path: page.path, title: page.title, parent, labels: { add: page.labels, remove: [] }, attachments: page.attachments.map((a) => a.filename) });
      continue;
    }
    const tagged = taggedFingerprint(r.versionMessage);
    const lockedVersion = entry?.pageId === r.id ? entry.version : undefined;
    // Who wrote the current version: us (as recorded, or as tagged in its message), or someone else.
    const oursAsRecorded = lockedVersion !== undefined && r.version === lockedVersion;
    const atCreate = r.version === 1;
    const oursAsTagged = tagged !== undefined || (identity.createdByUs === true && atCreate);
    // A recorded write whose labels and attachments were not finished has an empty fingerprint.
    const unfinished = oursAsRecorded && entry!.fingerprint === '';
    // What the current version carries, as far as we know: the lockfile's record, else the tag of
    // our update, else (still at the create) the marker or the pending create.
    const lastFingerprint = oursAsRecorded && !unfinished ? entry!.fingerprint : (tagged ?? (atCreate ? r.markerFingerprint : undefined));
    const knownStorageHash = oursAsRecorded
      ? entry!.storageHash
      : atCreate && identity.createdByUs === true
        ? (r.markerStorageHash ?? identity.pending?.storageHash)
        : undefined;
    // Our marker may be missing: after a crash during our create, or on a page taken over.
    const needsMarker = r.markerPath === undefined && (unfinished || identity.pending !== undefined || (identity.explicit && !oursAsRecorded && tagged === undefined));
    const editedRemotely = !oursAsRecorded && !oursAsTagged && !identity.explicit;
    if (editedRemotely && !options.force) {
      actions.push({ type: 'conflict', path: page.path, pageId: r.id, title: page.title, lockedVersion: lockedVersion ?? 0, remoteVersion: r.version, by: r.authorId, at: r.modifiedAt });
      continue;
    }
    const desiredParent = parent.kind === 'id' ? parent.id : undefined;
    const moved = desiredParent === undefined || r.parentId !== desiredParent;
    const renamed = r.title !== page.title;
    const unchanged = sameFingerprint(page.fingerprint, lastFingerprint);
    if (unchanged && !moved && !renamed && !needsMarker) {
      actions.push({ type: 'noop', kind: 'page', path: page.path, pageId: r.id, title: page.title, version: r.version, parentId: r.parentId });
      continue;
    }
    const changes: Change[] = [];
    if (renamed) changes.push('title');
    if (moved) changes.push('parent');
    // The body is known unchanged only from a record of what we wrote to this version.
    if (!unchanged && knownStorageHash !== page.storageHash) changes.push('body');
    if (!unchanged && (labels.add.length > 0 || labels.remove.length > 0)) changes.push('labels');
    if (!unchanged && changedAttachments.length > 0) changes.push('attachments');
    if (needsMarker) changes.push('marker');
    if (changes.length === 0) {
      // Only the fingerprint moved (e.g. a renderer upgrade that renders this page the same): nothing to send.
      actions.push({ type: 'noop', kind: 'page', path: page.path, pageId: r.id, title: page.title, version: r.version, parentId: r.parentId });
      continue;
    }
    const writesVersion = changes.includes('title') || changes.includes('body') || changes.includes('parent');
    actions.push({
      type: 'update',
      path: page.path,
      pageId: r.id,
      title: page.title,
      fromVersion: r.version,
      parent,
      changes,
      labels: changes.includes('labels') ? labels : { add: [], remove: [] },
      attachments: changes.includes('attachments') ? changedAttachments : [],
      writesVersion,
      forced: editedRemotely,
    });
  }

  if (!options.partial) actions.push(...planOrphans(lock, new Map(pages.map((p) => [p.path, p.kind])), adoptedFrom, claimed, remote, options));
  return { formatVersion: 1, spaceKey: remote.spaceKey, spaceId: remote.spaceId, rootId: remote.rootId, actions, problems };
}

function planOrphans(
  lock: Lockfile,
  localKinds: ReadonlyMap<string, 'page' | 'folder'>,
  adoptedFrom: ReadonlySet<string>,
  claimed: ReadonlyMap<string, string>,
  remote: RemoteSnapshot,
  options: PushPlanOptions,
): Action[] {
  const managed = new Set(Object.values(lock.pages).map((e) => e.pageId));
  const folders = remote.folders ?? new Map<string, RemoteFolder>();
  const parentOf = (id: string): string | null | undefined => remote.pages.get(id)?.parentId ?? folders.get(id)?.parentId;
  const orphans: Action[] = [];
  // Children before their parents: deepest in the remote hierarchy first, then by path (descending).
  const limit = remote.pages.size + folders.size;
  const depth = (id: string): number => {
    let d = 0;
    for (let parent = parentOf(id); parent && d < limit; parent = parentOf(parent)) d++;
    return d;
  };
  const entries = Object.entries(lock.pages).map(([path, entry]) => ({ path, entry, depth: depth(entry.pageId) }));
  entries.sort((a, b) => b.depth - a.depth || (a.path < b.path ? 1 : -1));
  for (const { path, entry } of entries) {
    const kind = entry.kind ?? 'page';
    if (localKinds.get(path) === kind || adoptedFrom.has(path) || claimed.has(entry.pageId)) continue;
    if (kind === 'folder') {
      orphans.push(folderOrphan(path, entry.pageId, entry.title, folders.get(entry.pageId), remote, managed, options));
      continue;
    }
    const r = remote.pages.get(entry.pageId);
    let blocked: string | undefined;
    if (!live(r)) blocked = ORPHAN_GONE;
    else if (options.orphans === 'archive' && r.status === 'archived') blocked = ORPHAN_ARCHIVED;
    else if (options.orphans !== 'keep') {
      const foreign = foreignChildren(r.id, remote, managed);
      if (foreign.length > 0) blocked = `it has child pages not managed by confluence-sync (${foreign.map((c) => `"${c}"`).join(', ')})`;
      else if (r.version !== entry.version && taggedFingerprint(r.versionMessage) === undefined) blocked = 'it was edited in Confluence since it was published';
    }
    orphans.push({ type: 'orphan', kind: 'page', path, pageId: entry.pageId, title: entry.title, policy: options.orphans, blocked });
  }
  return orphans;
}
