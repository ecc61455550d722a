import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ToStorageResult } from '../convert/index.js';
import { RENDER_VERSION, sha256 } from '../plan/fingerprint.js';
import { writeFileAtomic } from '../tree/write-page-id.js';

/**
 * The conversion cache: what converting each file gave last time, and every question the
 * conversion asked the sync engine (which page a link goes to, which attachment name a file gets)
 * with the answer it got. A file is not converted again while its source, the converter's render
 * version and its options are the same and every recorded question gets the same answer now: the
 * conversion is a pure function of exactly these (docs/push.md, "The conversion cache").
 */

/** A question the converter asked, and the answer it got (JSON, `null` for none). */
export type Query = readonly ['link', string, string | null, string | null] | readonly ['asset', string, string | null];

export interface CacheEntry {
  /** sha256 of the render version, the options and the Markdown body. */
  readonly source: string;
  readonly queries: readonly Query[];
  readonly result: ToStorageResult;
}

export interface RenderCache {
  readonly version: 1;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

export const emptyRenderCache = (): RenderCache => ({ version: 1, entries: {} });

export function sourceKey(body: string, options: unknown): string {
  return sha256(JSON.stringify([RENDER_VERSION, options, body]));
}

const querySchema = z.union([z.tuple([z.literal('link'), z.string(), z.string().nullable(), z.string().nullable()]), z.tuple([z.literal('asset'), z.string(), z.string().nullable()])]);
const cacheSchema = z.object({
  version: z.literal(1),
  entries: z.record(
    z.string(),
    z.object({
      source: z.string(),
      queries: z.array(querySchema),
      // The result is what the converter returned; it is only ever read back by the same render version.
      result: z.custom<ToStorageResult>((value) => typeof value === 'object' && value !== null && typeof (value as { storage?: unknown }).storage === 'string'),
    }),
  ),
});

/**
 * The cache at `file`. A cache that is missing, unreadable, of another format or corrupt is an
 * empty one: it only ever saves work, so it never stops a run.
 */
export async function readRenderCache(file: string): Promise<RenderCache> {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? (parsed.data as RenderCache) : emptyRenderCache();
  } catch {
    return emptyRenderCache();
  }
}

/** Writes the cache atomically (a crash leaves the old one or the new one). */
export async function writeRenderCache(file: string, cache: RenderCache): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  // The links a conversion found are not kept: the sync engine does not read them (a sixth of the file).
  const entries = Object.fromEntries(Object.entries(cache.entries).map(([path, entry]) => [path, { ...entry, result: { ...entry.result, links: [] } }]));
  await writeFileAtomic(file, JSON.stringify({ ...cache, entries }));
}
