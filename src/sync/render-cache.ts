import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DiskStorageStore } from './storage-store.js';
import type { ToStorageResult } from '../convert/index.js';
import { RENDER_VERSION, sha256 } from '../plan/fingerprint.js';

/**
 * The conversion cache: what converting each file gave last time, and every question the
 * conversion asked the sync engine (which page a link goes to, which attachment name a file gets)
 * with the answer it got. A file is not converted again while its source, the converter's render
 * version and its options are the same and every recorded question gets the same answer now: the
 * conversion is a pure function of exactly these (docs/push.md, "The conversion cache").
 */

/** A question the converter asked, and the answer it got (JSON, `null` for none). */
export type Query = readonly ['link', string, string | null, string | null] | readonly ['asset', string, string | null];

/** What a conversion gave, with its storage kept by hash (storage-store.ts) and without its links (the sync engine does not read them). */
export interface CachedResult {
  readonly storageHash: string;
  readonly attachments: ToStorageResult['attachments'];
  readonly headings: ToStorageResult['headings'];
  readonly warnings: ToStorageResult['warnings'];
}

export interface CacheEntry {
  /** sha256 of the render version, the options and the Markdown body. */
  readonly source: string;
  readonly queries: readonly Query[];
  readonly result: CachedResult;
}

export interface RenderCache {
  readonly version: 2;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

export const emptyRenderCache = (): RenderCache => ({ version: 2, entries: {} });

export function sourceKey(body: string, options: unknown): string {
  return sha256(JSON.stringify([RENDER_VERSION, options, body]));
}

/** Whether `value` has the cache's shape: checked in place, since a copy of a cache of thousands of pages would double its memory. */
function isRenderCache(value: unknown): value is RenderCache {
  if (typeof value !== 'object' || value === null) return false;
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  if (version !== 2 || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false;
  for (const entry of Object.values(entries as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) return false;
    const { source, queries, result } = entry as { source?: unknown; queries?: unknown; result?: unknown };
    if (typeof source !== 'string' || !Array.isArray(queries) || !queries.every(isQuery)) return false;
    if (typeof result !== 'object' || result === null) return false;
    const { storageHash, attachments, headings, warnings } = result as Record<string, unknown>;
    if (typeof storageHash !== 'string' || !Array.isArray(attachments) || !Array.isArray(headings) || !Array.isArray(warnings)) return false;
  }
  return true;
}

function isQuery(query: unknown): query is Query {
  if (!Array.isArray(query)) return false;
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  if (query[0] === 'link') return query.length === 4 && typeof query[1] === 'string' && nullableString(query[2]) && nullableString(query[3]);
  return query[0] === 'asset' && query.length === 3 && typeof query[1] === 'string' && nullableString(query[2]);
}

/**
 * The cache at `file`. A cache that is missing, unreadable, of another format or corrupt is an
 * empty one: it only ever saves work, so it never stops a run.
 */
export async function readRenderCache(file: string): Promise<RenderCache> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isRenderCache(parsed) ? parsed : emptyRenderCache();
  } catch {
    return emptyRenderCache();
  }
}

/** Whether `next` differs from `previous`: an entry converted again, added or dropped (entries kept are the same objects). */
export function renderCacheChanged(previous: RenderCache | undefined, next: RenderCache): boolean {
  if (!previous) return true;
  const before = previous.entries;
  let count = 0;
  for (const path in next.entries) {
    if (before[path] !== next.entries[path]) return true;
    count += 1;
  }
  return count !== Object.keys(before).length;
}

/** The store of the bodies the cache at `file` refers to: the folder beside it, `NAME.storage/`. */
export function storageStoreOf(file: string): DiskStorageStore {
  return new DiskStorageStore(join(dirname(file), `${basename(file, '.json')}.storage`));
}

/**
 * Writes the cache atomically (a crash leaves the old one or the new one), entry by entry (the
 * cache of thousands of pages is MBs of JSON, never held as one string), then removes from
 * `store` the bodies no entry refers to any more.
 */
export async function writeRenderCache(file: string, cache: RenderCache, store?: DiskStorageStore): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let chunk = `{"version":${cache.version},"entries":{`;
    let first = true;
    for (const [path, entry] of Object.entries(cache.entries)) {
      chunk += `${first ? '' : ','}${JSON.stringify(path)}:${JSON.stringify(entry)}`;
      first = false;
      if (chunk.length >= 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    await handle.write(`${chunk}}}`);
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  store?.prune(new Set(Object.values(cache.entries).map((entry) => entry.result.storageHash)));
}
