import type { Lockfile } from '../lockfile/schema.js';
import { ORPHAN_GONE, type Action, type ParentTarget, type PlanProblem, type RemoteFolder, type RemoteSnapshot, type RenderedPage } from './types.js';

/**
 * Planning for Confluence folders (config `folders: folder`). The API can create, read and delete a
 * folder, and give it a content property, but neither list, rename nor move one: a folder is found
 * through the lockfile, our marker, or its title among the folders the snapshot looked at; one whose
 * title or parent is no longer what the tree says is replaced (deleted, then created again).
 */
export interface FolderIdentity {
  readonly page: RenderedPage;
  readonly remote: RemoteFolder | undefined;
}

const current = (f: RemoteFolder | undefined): f is RemoteFolder => f?.status === 'current';

/** Which remote folder a folder of the tree is, or the problem that stops the run. */
export function folderIdentity(page: RenderedPage, remote: RemoteSnapshot, lock: Lockfile, norm: (title: string) => string): FolderIdentity | PlanProblem {
  const folders = [...(remote.folders?.values() ?? [])].filter(current);
  const entry = lock.pages[page.path];
  if (entry?.kind === 'folder') {
    const recorded = remote.folders?.get(entry.pageId);
    // Gone (trashed in Confluence): made again.
    return { page, remote: current(recorded) ? recorded : undefined };
  }
  const byMarker = folders.find((f) => f.markerPath === page.path);
  if (byMarker) return { page, remote: byMarker };
  const byTitle = folders.find((f) => norm(f.title) === norm(page.title));
  if (!byTitle) return { page, remote: undefined };
  const pending = lock.pendingCreates[page.path];
  if (byTitle.markerPath !== undefined || (pending !== undefined && norm(pending.title) === norm(byTitle.title))) return { page, remote: byTitle };
  return {
    path: page.path,
    message: `a folder titled "${byTitle.title}" (id ${byTitle.id}) already exists in the space and is not managed by confluence-sync (folder titles are unique in a space): rename or delete that folder in Confluence, or add an index.md to publish this folder as a page`,
  };
}

/** Create, keep, or replace (when its title or parent changed) one folder. */
export function planFolder(identity: FolderIdentity, parent: ParentTarget): Extract<Action, { type: 'create' | 'noop' }> {
  const { page, remote: r } = identity;
  const create = { type: 'create', kind: 'folder', path: page.path, title: page.title, parent, labels: { add: [], remove: [] }, attachments: [] } as const;
  if (!r) return create;
  if (r.title === page.title && parent.kind === 'id' && r.parentId === parent.id) {
    return { type: 'noop', kind: 'folder', path: page.path, pageId: r.id, title: page.title, version: 1, parentId: r.parentId };
  }
  return { ...create, replaces: r.id };
}

/** Titles of the pages and folders directly under `id` that confluence-sync does not manage. */
export function foreignChildren(id: string, remote: RemoteSnapshot, managed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const p of remote.pages.values()) if ((p.status === 'current' || p.status === 'archived') && p.parentId === id && !managed.has(p.id)) out.push(p.title);
  for (const f of remote.folders?.values() ?? []) if (current(f) && f.parentId === id && !managed.has(f.id)) out.push(f.title);
  return out;
}

/**
 * A folder of ours whose folder is gone from the tree. Folders cannot be archived and hold no content,
 * so both `archive` and `delete` delete it (to the trash; anything left under it moves up), unless
 * something we do not manage is in it; `keep` keeps it.
 */
export function folderOrphan(
  path: string,
  id: string,
  title: string,
  folder: RemoteFolder | undefined,
  remote: RemoteSnapshot,
  managed: ReadonlySet<string>,
  options: { readonly orphans: 'keep' | 'archive' | 'delete' },
): Extract<Action, { type: 'orphan' }> {
  let blocked: string | undefined;
  if (!current(folder)) blocked = ORPHAN_GONE;
  else if (options.orphans !== 'keep') {
    const foreign = foreignChildren(id, remote, managed);
    if (foreign.length > 0) blocked = `it holds pages or folders not managed by confluence-sync (${foreign.map((t) => `"${t}"`).join(', ')})`;
  }
  return { type: 'orphan', kind: 'folder', path, pageId: id, title, policy: options.orphans === 'keep' ? 'keep' : 'delete', blocked };
}
