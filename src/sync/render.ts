import type { ConversionWarning, ToStorageResult } from '../convert/index.js';
import { folderFingerprint, pageFingerprint, sha256 } from '../plan/fingerprint.js';
import type { RenderedPage } from '../plan/types.js';
import type { LocalPage, LocalTree } from '../tree/build.js';
import { sourceKey, type CacheEntry, type RenderCache } from './render-cache.js';
import { anchorsOf, answersHold, convertPage, type PageSource, type TreeFacts } from './render-resolve.js';

/** What rendering needs from outside: the files present, their digests, the notice. */
export interface RenderInput {
  readonly tree: LocalTree;
  /** Every non-Markdown file under the docs root (posix, relative), for images and linked files. */
  readonly assets: ReadonlySet<string>;
  /** sha256 of an asset's bytes. */
  readonly digest: (path: string) => string;
  /** Storage to put at the top of a page (the notice), or '' for none. */
  readonly notice: (page: LocalPage) => string;
  /** Whether updates notify watchers when the page's frontmatter does not say (config `notify`). */
  readonly notifyByDefault: boolean;
  /** The conversion cache of the last run (render-cache.ts); without it, every file is converted. */
  readonly cache?: RenderCache;
  /** What a folder without an index file becomes (config `folders`, default `page`). */
  readonly folders?: 'page' | 'folder';
}

export interface RenderResult {
  readonly pages: RenderedPage[];
  readonly warnings: ConversionWarning[];
  /** The conversion cache for the next run: an entry per converted or reused file. */
  readonly cache: RenderCache;
  /** How many conversions ran (files whose cached conversion could not be reused, some twice). */
  readonly converted: number;
}

const optionsOf = (page: LocalPage) => ({ toc: page.toc === true });

/** Path of every page → its title: what link resolution needs of the tree. */
export const titlesOf = (tree: LocalTree): Map<string, string> => new Map(tree.pages.map((p) => [p.path, p.title]));

/** The conversion cache's source key of a page (render version, options, Markdown). */
export const sourceKeyOf = (page: LocalPage): string => sourceKey(page.body, optionsOf(page));

/** What the converter gets for a page: its path, Markdown body and options. */
export const pageSource = (page: LocalPage): PageSource => ({ path: page.path, body: page.body, options: optionsOf(page) });

/**
 * Converts every page of the tree (pure apart from the injected digests): links between files become
 * page links by title, with `#fragments` mapped to the anchors Confluence generates for the target's
 * headings; local files become attachments of the page that uses them. A file whose entry in
 * `input.cache` still holds (render-cache.ts) is not converted again. render-parallel.ts gives the
 * same result with the conversions spread over worker threads.
 */
export function renderTree(input: RenderInput): RenderResult {
  const byPath = new Map(input.tree.pages.map((p) => [p.path, p]));
  const previous = input.cache?.entries ?? {};
  const entries: Record<string, CacheEntry> = {};
  let converted = 0;
  // Headings of each page (slug → Confluence anchor), filled as pages are converted. Pages with links
  // to anchors of pages converted later are converted a second time, once everything is known.
  const anchors = new Map<string, Map<string, string>>();
  const facts: TreeFacts = { titles: titlesOf(input.tree), assets: input.assets, anchors };
  const needsSecondPass = new Set<string>();

  const convert = (page: LocalPage): ToStorageResult => {
    const source = pageSource(page);
    const { result, queries, early } = convertPage(facts, source);
    if (early.length > 0) needsSecondPass.add(page.path);
    converted++;
    entries[page.path] = { source: sourceKey(page.body, source.options), queries, result };
    anchors.set(page.path, anchorsOf(result.headings));
    return result;
  };

  /** Whether every question of a cached conversion gets the same answer now. */
  const stillHolds = (page: LocalPage, entry: CacheEntry): boolean => answersHold(facts, page.path, entry.queries);

  const files = input.tree.pages.filter((page) => page.kind === 'file');
  // Cached entries of unchanged sources give their headings before anything is converted.
  const fresh = new Map<string, CacheEntry>();
  for (const page of files) {
    const entry = previous[page.path];
    if (entry && entry.source === sourceKeyOf(page)) {
      fresh.set(page.path, entry);
      anchors.set(page.path, anchorsOf(entry.result.headings));
    }
  }
  const results = new Map<string, ToStorageResult>();
  const reused = new Set<string>();
  for (const page of files) {
    const entry = fresh.get(page.path);
    if (entry && stillHolds(page, entry)) {
      results.set(page.path, entry.result);
      entries[page.path] = entry;
      reused.add(page.path);
    } else results.set(page.path, convert(page));
  }
  // Everything is known now: convert again what asked about anchors too early, and what a changed
  // page's headings invalidate.
  for (const path of needsSecondPass) results.set(path, convert(byPath.get(path)!));
  for (const path of reused) {
    const page = byPath.get(path)!;
    if (!stillHolds(page, entries[path]!)) results.set(path, convert(page));
  }
  return { ...assemble(input, results), cache: { version: 1, entries }, converted };
}

/** The rendered pages (notice, attachments, fingerprints) and warnings, from each file's conversion. */
export function assemble(input: RenderInput, results: ReadonlyMap<string, ToStorageResult>): { pages: RenderedPage[]; warnings: ConversionWarning[] } {
  const warnings: ConversionWarning[] = [];
  const pages: RenderedPage[] = [];
  for (const page of input.tree.pages) {
    const parentKey = page.parent.kind === 'path' ? `path:${page.parent.path}` : page.parent.kind === 'page' ? `id:${page.parent.pageId}` : 'root';
    if (page.kind === 'folder' && input.folders === 'folder') {
      // A Confluence folder: a title and a place, nothing else.
      pages.push({
        path: page.path,
        kind: 'folder',
        title: page.title,
        parent: page.parent,
        pageId: undefined,
        labels: [],
        storage: '',
        storageHash: sha256(''),
        attachments: [],
        fingerprint: folderFingerprint(page.title, parentKey),
        notify: false,
      });
      continue;
    }
    let storage = '';
    let attachments: RenderedPage['attachments'] = [];
    if (page.kind === 'file') {
      const result = results.get(page.path)!;
      for (const w of result.warnings) warnings.push({ ...w, line: w.line + page.bodyLine - 1 });
      storage = input.notice(page) + result.storage;
      // A missing file stays a broken reference with its warning (an error under --strict); only files that exist are uploaded.
      attachments = result.attachments.filter((a) => input.assets.has(a.path)).map((a) => ({ filename: a.filename, file: a.path, sha256: input.digest(a.path) }));
    } else storage = input.notice(page);
    const storageHash = sha256(storage);
    pages.push({
      path: page.path,
      kind: 'page',
      title: page.title,
      parent: page.parent,
      pageId: page.pageId,
      labels: page.labels,
      storage,
      storageHash,
      attachments,
      fingerprint: pageFingerprint({ storageHash, title: page.title, parentKey, labels: page.labels, attachments }),
      notify: page.notify ?? input.notifyByDefault,
    });
  }
  return { pages, warnings };
}
