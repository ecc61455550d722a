import type { LocalPage } from '../tree/build.js';
import { titleOf } from '../tree/build.js';
import { parseSource } from '../tree/read.js';
import { guessStorageAnchors } from './guess-anchors.js';
import type { CacheEntry } from './render-cache.js';
import { anchorsOf, convertPage, type ConvertedPage, type PageSource, type TreeFacts } from './render-resolve.js';
import { cachedResult, pageSource, sourceKeyOf } from './render.js';
import type { StorageStore } from './storage-store.js';

/**
 * A pull renders each file it pulls (Markdown → storage, as push will) right after converting it,
 * while the other pages are still being fetched, instead of rendering all of them once everything
 * is fetched: the conversions overlap the requests, and the render before writing finds them in the
 * conversion cache (render.ts `RenderRounds`), so it converts only the files whose answers were
 * wrong. What these conversions were told is only what a pull knows before it has every file:
 *
 * - the tree's titles: the pulled pages at their new paths, and the files it leaves as they are;
 * - the assets: those on disk, and each page's own attachments (not downloaded yet);
 * - heading anchors guessed from each pulled page's storage ({@link guessStorageAnchors}), the real
 *   ones of the files it leaves.
 *
 * Nothing depends on those being right: a cached conversion counts only when its source is the
 * file's Markdown and every question it asked gets the same answer from the whole tree (the
 * render's second round converts the others again), so the files, the lockfile and the cache are
 * the same as without it (test/sync/pull-ahead.test.ts).
 */

/** An ahead render of a pulled file: its conversion, and the source key the conversion cache files it under. */
export interface AheadRender {
  readonly source: string;
  readonly conversion: ConvertedPage;
}

/**
 * What push converts of a pulled file's text (with the page's own attachments `assets` counted as
 * present), and the source key the conversion cache files it under; `undefined` when the text is
 * not a page push reads.
 */
export function aheadSource(path: string, text: string, assets: readonly string[]): { readonly key: string; readonly page: PageSource } | undefined {
  const parsed = parseSource(path, text);
  if (!('file' in parsed)) return undefined;
  const page: Pick<LocalPage, 'path' | 'body' | 'toc'> = { path, body: titleOf(parsed.file).body, toc: parsed.file.frontmatter.toc };
  return { key: sourceKeyOf(page), page: { ...pageSource(page), ...(assets.length > 0 ? { assets } : {}) } };
}

/** Renders a pulled file's text as push will, with `facts` ({@link aheadSource}; on this thread). */
export function renderAhead(facts: TreeFacts, path: string, text: string, assets: readonly string[]): AheadRender | undefined {
  const source = aheadSource(path, text, assets);
  return source && { source: source.key, conversion: convertPage(facts, source.page) };
}

/** The conversion cache's entry of an ahead render (its body goes to `store`). */
export function aheadEntry(render: AheadRender, store: StorageStore): CacheEntry {
  return { source: render.source, queries: render.conversion.queries, result: cachedResult(render.conversion, store) };
}

export interface AheadTree {
  /** Files the pull leaves where they are: path → title, and the headings of their last conversion (if cached). */
  readonly kept: ReadonlyMap<string, { readonly title: string; readonly headings?: ReadonlyArray<{ readonly slug: string; readonly anchor: string }> }>;
  /** Pages the pull converts: the file each goes to, its title, and its storage body. */
  readonly pulled: Iterable<{ readonly path: string; readonly title: string; readonly storage: string }>;
  /** Non-Markdown files on disk. */
  readonly assets: ReadonlySet<string>;
}

/** What the ahead renders are told of the tree the pull will leave. */
export function aheadFacts(tree: AheadTree): TreeFacts {
  const titles = new Map<string, string>();
  const anchors = new Map<string, ReadonlyMap<string, string>>();
  for (const [path, { title, headings }] of tree.kept) {
    titles.set(path, title);
    if (headings) anchors.set(path, anchorsOf(headings));
  }
  for (const { path, title, storage } of tree.pulled) {
    titles.set(path, title);
    anchors.set(path, guessStorageAnchors(storage));
  }
  return { titles, assets: tree.assets, anchors };
}
