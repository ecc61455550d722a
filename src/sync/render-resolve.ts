import { posix } from 'node:path';
import { markdownToStorage, type LinkTarget, type PageReference, type ToStorageOptions, type ToStorageResult } from '../convert/index.js';
import type { Query } from './render-cache.js';
import { detached } from './detached.js';

/**
 * What the resolvers of a conversion know about the tree, as plain data: the same answers on the
 * main thread (sync/render.ts) and in a conversion worker (sync/convert-worker.ts), which gets it
 * as JSON.
 */
export interface TreeFacts {
  /** Path of every page (`guide/install.md` for a file, `guide/` for a folder page) → its title. */
  readonly titles: ReadonlyMap<string, string>;
  /** Every non-Markdown file under the docs root (posix, relative). */
  readonly assets: ReadonlySet<string>;
  /** Path of a converted page → its headings: GitHub slug (lower case) → Confluence anchor. */
  readonly anchors: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /**
   * Path of a page not converted yet → its anchors as guessed from its Markdown (guess-anchors.ts):
   * what a link to it is answered with meanwhile (still reported as `early`, so the answer is
   * checked once the real anchors are known).
   */
  readonly guessed?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** `guide/` or `guide` (a folder) → the path of its page; `a.md` → its own path. */
export function pageAt(titles: ReadonlyMap<string, string>, path: string): string | undefined {
  const clean = path.replace(/\/+$/, '');
  for (const candidate of [clean, `${clean}/`, `${clean}/index.md`, `${clean}/README.md`, `${clean}/readme.md`]) {
    if (titles.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The resolvers of one conversion of the page at `path`, recording each question and its answer in
 * `queries` (the conversion cache's record). `early` is told the path of a linked page whose
 * heading anchors are not known yet when the link asks for one, the page itself included (the
 * conversion must be done again once they are, or its answer would depend on the order in which
 * pages are converted, and the next run would convert it again). `ownAssets` are files counted as
 * present besides `facts.assets` (a pulled page's attachments, not downloaded yet).
 */
export function conversionResolvers(
  facts: TreeFacts,
  path: string,
  queries: Query[],
  early?: (linked: string) => void,
  ownAssets?: ReadonlySet<string>,
): { resolveLink: (target: LinkTarget) => PageReference | undefined; resolveAttachment: (file: string) => string | undefined } {
  const used = new Map<string, string>();
  const resolveLink = (target: LinkTarget): PageReference | undefined => {
    const answer = ((): PageReference | undefined => {
      const linked = pageAt(facts.titles, target.path);
      if (linked === undefined) return undefined;
      const title = facts.titles.get(linked)!;
      if (target.anchor === undefined) return { title };
      const known = facts.anchors.get(linked);
      // Its own page too: a link to `this-file.md#heading` needs the page's own anchors.
      if (!known) early?.(linked);
      return { title, anchor: (known ?? facts.guessed?.get(linked))?.get(target.anchor.toLowerCase()) };
    })();
    queries.push(['link', target.path, target.anchor ?? null, answer === undefined ? null : JSON.stringify(answer)]);
    return answer;
  };
  const resolveAttachment = (file: string): string | undefined => {
    const answer = ((): string | undefined => {
      if (!facts.assets.has(file) && !ownAssets?.has(file)) return undefined;
      const existing = used.get(file);
      if (existing) return existing;
      let name = posix.basename(file);
      const taken = new Set(used.values());
      if (taken.has(name)) name = `${posix.dirname(file).replace(/[^A-Za-z0-9._-]+/g, '_')}_${name}`;
      used.set(file, name);
      return name;
    })();
    queries.push(['asset', file, answer ?? null]);
    return answer;
  };
  return { resolveLink, resolveAttachment };
}

/** A conversion's headings as {@link TreeFacts.anchors} holds them. */
export function anchorsOf(headings: ReadonlyArray<{ readonly slug: string; readonly anchor: string }>): Map<string, string> {
  return new Map(headings.map((h) => [h.slug.toLowerCase(), h.anchor]));
}

/**
 * Replays the questions of a conversion (a cached one, or one answered from guesses): whether every
 * one gets the same answer now from what is known (guesses left out).
 */
export function answersHold(facts: TreeFacts, path: string, queries: readonly Query[]): boolean {
  const asked: Query[] = [];
  const { resolveLink, resolveAttachment } = conversionResolvers({ titles: facts.titles, assets: facts.assets, anchors: facts.anchors }, path, asked);
  for (const query of queries) {
    if (query[0] === 'link') resolveLink({ path: query[1], ...(query[2] === null ? {} : { anchor: query[2] }) } as LinkTarget);
    else resolveAttachment(query[1]);
  }
  return JSON.stringify(asked) === JSON.stringify(queries);
}

/** One page to convert: what {@link convertPage} needs besides the facts. */
export interface PageSource {
  readonly path: string;
  readonly body: string;
  readonly options: ToStorageOptions;
  /**
   * Files of this page's own that count as present besides the tree's assets: the attachments a
   * pull downloads for it, when it renders the page before they are on disk (sync/pull-ahead.ts).
   */
  readonly assets?: readonly string[];
}

/** A conversion with the questions it asked (the cache's record) and the pages it asked about too early. */
export interface ConvertedPage {
  readonly result: ToStorageResult;
  readonly queries: Query[];
  /** Linked pages whose heading anchors a link asked for while they were not known (see {@link conversionResolvers}). */
  readonly early: string[];
}

/** Converts one page with resolvers over `facts`: the same on the main thread and in a worker. */
export function convertPage(facts: TreeFacts, page: PageSource): ConvertedPage {
  const queries: Query[] = [];
  const early: string[] = [];
  const resolvers = conversionResolvers(facts, page.path, queries, (linked) => early.push(linked), page.assets && new Set(page.assets));
  const result = markdownToStorage(page.body, { file: page.path, ...resolvers, options: page.options });
  // Kept long after (the conversion cache), so cut loose from the page's Markdown.
  return detached({ result, queries, early });
}
