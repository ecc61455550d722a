import type { ConversionWarning } from '../convert/index.js';
import { folderFingerprint, pageFingerprint, sha256 } from '../plan/fingerprint.js';
import type { RenderedPage } from '../plan/types.js';
import type { LocalPage, LocalTree } from '../tree/build.js';
import { sourceKey, type CacheEntry, type CachedResult, type Query, type RenderCache } from './render-cache.js';
import { guessAnchors } from './guess-anchors.js';
import { MemoryStorageStore, type StorageStore } from './storage-store.js';
import { anchorsOf, answersHold, convertPage, type ConvertedPage, type PageSource, type TreeFacts } from './render-resolve.js';

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
  /**
   * Where converted bodies are kept (with the cache on disk, the store beside it: render-cache.ts
   * `storageStoreOf`); without it, in memory. An entry of `cache` whose body the store does not
   * have is converted again.
   */
  readonly store?: StorageStore;
}

export interface RenderResult {
  /** The rendered pages; a page's `storage` is read from the store when it is used. */
  readonly pages: RenderedPage[];
  readonly warnings: ConversionWarning[];
  /** The conversion cache for the next run: an entry per converted or reused file. */
  readonly cache: RenderCache;
  /** How many conversions ran (files whose cached conversion could not be reused, some twice). */
  readonly converted: number;
  /** Where the bodies of `pages` and `cache` are. */
  readonly store: StorageStore;
}

const optionsOf = (page: Pick<LocalPage, 'toc'>) => ({ toc: page.toc === true });

/** Path of every page → its title: what link resolution needs of the tree. */
export const titlesOf = (tree: LocalTree): Map<string, string> => new Map(tree.pages.map((p) => [p.path, p.title]));

/** The conversion cache's source key of a page (render version, options, Markdown). */
export const sourceKeyOf = (page: Pick<LocalPage, 'body' | 'toc'>): string => sourceKey(page.body, optionsOf(page));

/** What the converter gets for a page: its path, Markdown body and options. */
export const pageSource = (page: Pick<LocalPage, 'path' | 'body' | 'toc'>): PageSource => ({ path: page.path, body: page.body, options: optionsOf(page) });

/** What the conversion cache keeps of a conversion: its body goes to `store`, by hash. */
export function cachedResult(conversion: ConvertedPage, store: StorageStore): CachedResult {
  const { storage, attachments, headings, warnings } = conversion.result;
  return { storageHash: store.put(storage), attachments, headings, warnings };
}

/**
 * The conversions of one render, in two rounds; renderTree runs them on this thread,
 * render-parallel.ts on worker threads, with the same result.
 *
 * Cached entries of unchanged sources give their headings before anything is converted. Round 1
 * converts the files whose cache entry cannot be used (their Markdown or options changed, or there
 * is none). A conversion whose link asked for a heading anchor of a file not converted yet did not
 * get the right answer: once round 1 is over every anchor is known, and round 2 converts those
 * again, with the cached files whose recorded answers no longer hold (a linked page's title or
 * anchor, an attachment). A cached file is thus converted again only when an answer it got changed,
 * and since a conversion is a pure function of its source, options and answers, the result does not
 * depend on the order of the conversions.
 */
export class RenderRounds {
  readonly files: readonly LocalPage[];
  /** Files whose cache entry cannot be used, in tree order: round 1. */
  readonly misses: readonly LocalPage[];
  /** What the resolvers know; anchors are added as conversions are recorded. */
  readonly facts: TreeFacts;
  readonly store: StorageStore;
  #converted = 0;
  readonly #fresh = new Map<string, CacheEntry>();
  readonly #conversions = new Map<string, { readonly result: CachedResult; readonly queries: readonly Query[]; readonly early: readonly string[] }>();
  readonly #anchors = new Map<string, ReadonlyMap<string, string>>();
  /** Guessed anchors of the files not converted yet (a file's are dropped once it is). */
  readonly #guessed = new Map<string, ReadonlyMap<string, string>>();
  readonly #isFile: ReadonlySet<string>;

  constructor(readonly input: RenderInput) {
    const previous = input.cache?.entries ?? {};
    this.store = input.store ?? new MemoryStorageStore();
    this.files = input.tree.pages.filter((page) => page.kind === 'file');
    this.#isFile = new Set(this.files.map((page) => page.path));
    const misses: LocalPage[] = [];
    for (const page of this.files) {
      const entry = previous[page.path];
      if (entry && entry.source === sourceKeyOf(page) && this.store.has(entry.result.storageHash)) {
        this.#fresh.set(page.path, entry);
        this.#anchors.set(page.path, anchorsOf(entry.result.headings));
      } else misses.push(page);
    }
    this.misses = misses;
    // Links to pages not converted yet are answered from a guess at their anchors, checked in secondRound.
    for (const page of misses) this.#guessed.set(page.path, guessAnchors(page.body));
    this.facts = { titles: titlesOf(input.tree), assets: input.assets, anchors: this.#anchors, guessed: this.#guessed };
  }

  /** A conversion of `page` (made with {@link facts} as they were, or a copy of them): its body goes to the store. */
  record(page: LocalPage, conversion: ConvertedPage): void {
    this.#converted += 1;
    const result = cachedResult(conversion, this.store);
    this.#conversions.set(page.path, { result, queries: conversion.queries, early: conversion.early });
    this.#anchors.set(page.path, anchorsOf(result.headings));
    this.#guessed.delete(page.path);
  }

  /**
   * After round 1: the files to convert again, in tree order: those that asked for anchors of a file
   * not converted yet and were answered otherwise than the real anchors answer (the guess was wrong),
   * and cached files whose recorded answers changed.
   */
  secondRound(): LocalPage[] {
    return this.files.filter((page) => {
      const conversion = this.#conversions.get(page.path);
      if (conversion) return conversion.early.some((linked) => this.#isFile.has(linked)) && !answersHold(this.facts, page.path, conversion.queries);
      return !answersHold(this.facts, page.path, this.#fresh.get(page.path)!.queries);
    });
  }

  finish(): RenderResult {
    const entries: Record<string, CacheEntry> = {};
    const results = new Map<string, CachedResult>();
    for (const page of this.files) {
      const conversion = this.#conversions.get(page.path);
      const entry: CacheEntry = conversion ? { source: sourceKeyOf(page), queries: conversion.queries, result: conversion.result } : this.#fresh.get(page.path)!;
      entries[page.path] = entry;
      results.set(page.path, entry.result);
    }
    return { ...assemble(this.input, results, this.store), cache: { version: 2, entries }, converted: this.#converted, store: this.store };
  }
}

/**
 * Converts every page of the tree (pure apart from the injected digests): links between files become
 * page links by title, with `#fragments` mapped to the anchors Confluence generates for the target's
 * headings; local files become attachments of the page that uses them. A file whose entry in
 * `input.cache` still holds (render-cache.ts) is not converted again (see {@link RenderRounds}).
 * render-parallel.ts gives the same result with the conversions spread over worker threads.
 */
export function renderTree(input: RenderInput): RenderResult {
  const rounds = new RenderRounds(input);
  // Each conversion of round 1 knows the anchors of the files converted before it.
  for (const page of rounds.misses) rounds.record(page, convertPage(rounds.facts, pageSource(page)));
  for (const page of rounds.secondRound()) rounds.record(page, convertPage(rounds.facts, pageSource(page)));
  return rounds.finish();
}

/**
 * The rendered pages (notice, attachments, fingerprints) and warnings, from each file's conversion.
 * A file's body stays in `store` until the page's `storage` is read (to write or diff the page).
 */
export function assemble(input: RenderInput, results: ReadonlyMap<string, CachedResult>, store: StorageStore): { pages: RenderedPage[]; warnings: ConversionWarning[] } {
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
    const notice = input.notice(page);
    let hash: string | undefined;
    let storageHash = sha256(notice);
    const attachments: Array<RenderedPage['attachments'][number]> = [];
    if (page.kind === 'file') {
      const result = results.get(page.path)!;
      for (const w of result.warnings) warnings.push({ ...w, line: w.line + page.bodyLine - 1 });
      hash = result.storageHash;
      storageHash = notice === '' ? hash : sha256(notice + store.get(hash));
      // A missing file stays a broken reference with its warning (an error under --strict); only files that exist are uploaded.
      for (const a of result.attachments) if (input.assets.has(a.path)) attachments.push({ filename: a.filename, file: a.path, sha256: input.digest(a.path) });
    }
    pages.push(
      lazyPage(
        {
          path: page.path,
          kind: 'page',
          title: page.title,
          parent: page.parent,
          pageId: page.pageId,
          labels: page.labels,
          storageHash,
          attachments,
          fingerprint: pageFingerprint({ storageHash, title: page.title, parentKey, labels: page.labels, attachments }),
          notify: page.notify ?? input.notifyByDefault,
        },
        store,
        notice,
        hash,
      ),
    );
  }
  return { pages, warnings };
}

/**
 * A rendered page whose `storage` is the notice and the body `hash` names in `store`, read when it
 * is used. A function of its own, so that the getter keeps only these alive (not the tree and its
 * Markdown, which a closure made in `assemble` would hold through its scope).
 */
function lazyPage(fields: Omit<RenderedPage, 'storage'>, store: StorageStore, notice: string, hash: string | undefined): RenderedPage {
  return {
    ...fields,
    get storage() {
      return hash === undefined ? notice : notice + store.get(hash);
    },
  };
}
