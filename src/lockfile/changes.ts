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
 * Applies `change` to `lock` in place: the writer's own copy changes with each of thousands of
 * records, and a copy of the page map per record would make a push quadratic in its pages.
 */
export function applyLockChange(lock: Lockfile, change: LockChange): void {
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
      for (const key of pathsOf(lock.pages, change.entry.pageId, (e) => e.pageId)) if (key !== change.path) delete lock.pages[key];
      lock.pages[change.path] = change.entry;
      delete lock.pendingCreates[change.path];
      return;
    case 'forget':
      for (const key of pathsOf(lock.pages, change.pageId, (e) => e.pageId)) if (change.path === undefined || key === change.path) delete lock.pages[key];
      return;
    case 'blogpost': {
      const posts = (lock.blogposts ??= {});
      for (const key of pathsOf(posts, change.entry.blogPostId, (e) => e.blogPostId)) if (key !== change.path) delete posts[key];
      posts[change.path] = change.entry;
      return;
    }
    case 'forget-blogpost':
      if (lock.blogposts) for (const key of pathsOf(lock.blogposts, change.blogPostId, (e) => e.blogPostId)) delete lock.blogposts[key];
      return;
  }
}

function pathsOf<E>(records: Readonly<Record<string, E>>, id: string, idOf: (entry: E) => string): string[] {
  const paths: string[] = [];
  for (const key in records) if (idOf(records[key]!) === id) paths.push(key);
  return paths;
}
