import { z } from 'zod';
import { blogPostEntrySchema, lockEntrySchema, type Lockfile } from './schema.js';

/**
 * One change to the lockfile, as push and pull record them after each success. Every change sets
 * or removes whole records, so applying a sequence of changes twice gives what applying it once
 * gives: a journal replayed onto a lockfile that already holds it changes nothing.
 */
export const lockChangeSchema = z.discriminatedUnion('op', [
  /** Where the lockfile's pages live. */
  z.object({ op: z.literal('header'), site: z.string().optional(), space: z.string().optional(), spaceId: z.string().optional() }).strict(),
  /** A create is about to be sent: a page of this title found later is ours (and at version 1 holds `storageHash`). */
  z.object({ op: z.literal('pending'), path: z.string(), title: z.string(), storageHash: z.string().optional() }).strict(),
  /** The page of `path`: replaces its record, the records of other paths with the same page id, and its pending create. */
  z.object({ op: z.literal('page'), path: z.string(), entry: lockEntrySchema }).strict(),
  /** Forgets the records of a page id (only at `path` when given). */
  z.object({ op: z.literal('forget'), pageId: z.string(), path: z.string().optional() }).strict(),
  /** The blog post of `path`: replaces its record and the records of other paths with the same blog post id. */
  z.object({ op: z.literal('blogpost'), path: z.string(), entry: blogPostEntrySchema }).strict(),
  /** Forgets the records of a blog post id. */
  z.object({ op: z.literal('forget-blogpost'), blogPostId: z.string() }).strict(),
]);

export type LockChange = z.infer<typeof lockChangeSchema>;

/**
 * A lockfile that changes in place, with its records indexed by page and blog post id: the
 * writer's copy changes with each of thousands of records, and looking a page's paths up by
 * scanning every record (or copying the page map) per change would make a push quadratic in its pages.
 */
export class LockState {
  private readonly pagePaths = new Map<string, Set<string>>();
  private readonly postPaths = new Map<string, Set<string>>();

  constructor(readonly lock: Lockfile) {
    for (const [path, entry] of Object.entries(lock.pages)) add(this.pagePaths, entry.pageId, path);
    for (const [path, entry] of Object.entries(lock.blogposts ?? {})) add(this.postPaths, entry.blogPostId, path);
  }

  apply(change: LockChange): void {
    const { lock } = this;
    switch (change.op) {
      case 'header':
        if (change.site !== undefined) lock.site = change.site;
        if (change.space !== undefined) lock.space = change.space;
        if (change.spaceId !== undefined) lock.spaceId = change.spaceId;
        return;
      case 'pending':
        lock.pendingCreates[change.path] = change.storageHash === undefined ? { title: change.title } : { title: change.title, storageHash: change.storageHash };
        return;
      case 'page':
        set(lock.pages, this.pagePaths, change.path, change.entry, (e) => e.pageId);
        delete lock.pendingCreates[change.path];
        return;
      case 'forget':
        for (const path of [...(this.pagePaths.get(change.pageId) ?? [])]) if (change.path === undefined || path === change.path) remove(lock.pages, this.pagePaths, path, change.pageId);
        return;
      case 'blogpost':
        set((lock.blogposts ??= {}), this.postPaths, change.path, change.entry, (e) => e.blogPostId);
        return;
      case 'forget-blogpost':
        if (lock.blogposts) for (const path of [...(this.postPaths.get(change.blogPostId) ?? [])]) remove(lock.blogposts, this.postPaths, path, change.blogPostId);
        return;
    }
  }
}

/** Records `entry` at `path`: it replaces what `path` held and the records of the entry's id elsewhere. */
function set<E>(records: Record<string, E>, paths: Map<string, Set<string>>, path: string, entry: E, idOf: (entry: E) => string): void {
  const id = idOf(entry);
  const previous = records[path];
  if (previous !== undefined) paths.get(idOf(previous))?.delete(path);
  for (const other of [...(paths.get(id) ?? [])]) if (other !== path) remove(records, paths, other, id);
  records[path] = entry;
  add(paths, id, path);
}

function remove<E>(records: Record<string, E>, paths: Map<string, Set<string>>, path: string, id: string): void {
  delete records[path];
  const of = paths.get(id);
  of?.delete(path);
  if (of?.size === 0) paths.delete(id);
}

function add(paths: Map<string, Set<string>>, id: string, path: string): void {
  let of = paths.get(id);
  if (!of) paths.set(id, (of = new Set()));
  of.add(path);
}
