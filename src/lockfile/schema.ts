import { z } from 'zod';

const attachmentsSchema = z.record(z.string(), z.object({ sha256: z.string(), id: z.string().optional(), version: z.number().int().positive().optional() })).default({});

/**
 * A blog post `pull --include-blogposts` wrote under `blog/` (one-way: push leaves blog posts out).
 * `fileHash` is the sha256 of the file as pulled, so an edit made here is never overwritten silently.
 */
export const blogPostEntrySchema = z
  .object({
    blogPostId: z.string().regex(/^\d+$/),
    title: z.string(),
    version: z.number().int().positive(),
    fileHash: z.string(),
    attachments: attachmentsSchema,
  })
  .strict();

/**
 * `confluence-sync.lock.json` (format version 1), meant to be committed. Per source path: the page it
 * is published as, and what we last wrote there. Keys are sorted when written, so diffs stay small.
 */
export const lockEntrySchema = z
  .object({
    /** Set for a Confluence folder (config `folders: folder`); its version is always 1 and it has no body. */
    kind: z.literal('folder').optional(),
    pageId: z.string().regex(/^\d+$/),
    title: z.string(),
    parentId: z.string().nullable(),
    /** The page version our last write produced. */
    version: z.number().int().positive(),
    /** sha256 of the storage we last wrote. */
    storageHash: z.string(),
    /** Everything that decides whether the page must be written again (see plan/fingerprint.ts). */
    fingerprint: z.string(),
    labels: z.array(z.string()).default([]),
    /** Attachment file name → sha256 of the bytes we uploaded (or pulled), the attachment id and (pull) its version. */
    attachments: attachmentsSchema,
  })
  .strict();

export const lockfileSchema = z
  .object({
    lockfileVersion: z.literal(1),
    site: z.string().optional(),
    space: z.string().optional(),
    spaceId: z.string().optional(),
    pages: z.record(z.string(), lockEntrySchema).default({}),
    /**
     * Creates that were started but whose outcome is not recorded yet (written before the request):
     * after a crash, a page of this title is known to be ours, so a rerun adopts it instead of
     * failing on the duplicate title or creating a second page; and as long as that page is still
     * at version 1, its body is known to be the storage of `storageHash`.
     */
    pendingCreates: z.record(z.string(), z.object({ title: z.string(), storageHash: z.string().optional() }).strict()).default({}),
    /** Blog posts pulled into `blog/` (path → entry); absent until a pull includes blog posts. */
    blogposts: z.record(z.string(), blogPostEntrySchema).optional(),
  })
  .strict();

export type LockEntry = z.infer<typeof lockEntrySchema>;
export type BlogPostEntry = z.infer<typeof blogPostEntrySchema>;
export type Lockfile = z.infer<typeof lockfileSchema>;

export const emptyLockfile = (): Lockfile => ({ lockfileVersion: 1, pages: {}, pendingCreates: {} });
