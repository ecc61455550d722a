import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** Whether `value` has the cache's shape: checked in place, since a copy of a cache of thousands of pages would double its memory. */
function isRenderCache(value: unknown): value is RenderCache {
  if (typeof value !== 'object' || value === null) return false;
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  if (version !== 1 || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false;
  for (const entry of Object.values(entries as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) return false;
    const { source, queries, result } = entry as { source?: unknown; queries?: unknown; result?: unknown };
    if (typeof source !== 'string' || !Array.isArray(queries) || !queries.every(isQuery)) return false;
    if (typeof result !== 'object' || result === null) return false;
    const { storage, attachments, headings, warnings } = result as Record<string, unknown>;
    if (typeof storage !== 'string' || !Array.isArray(attachments) || !Array.isArray(headings) || !Array.isArray(warnings)) return false;
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

/** Writes the cache atomically (a crash leaves the old one or the new one). */
export async function writeRenderCache(file: string, cache: RenderCache): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  // The links a conversion found are not kept: the sync engine does not read them (a sixth of the file).
  const entries = Object.fromEntries(Object.entries(cache.entries).map(([path, entry]) => [path, { ...entry, result: { ...entry.result, links: [] } }]));
  await writeFileAtomic(file, JSON.stringify({ ...cache, entries }));
}
