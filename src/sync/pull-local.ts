import fg from 'fast-glob';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { ConversionWarning } from '../convert/index.js';
import { sha256 } from '../plan/fingerprint.js';
import type { RenderedPage } from '../plan/types.js';
import { buildTree, type LocalPage, type LocalTree } from '../tree/build.js';
import { parseSource, type SourceFile } from '../tree/read.js';
import { scanTree } from '../tree/scan.js';
import type { RenderCache } from './render-cache.js';
import type { StorageStore } from './storage-store.js';
import { renderTreeParallel } from './render-parallel.js';
import { spooledSource } from './spooled-tree.js';
import type { TextSpool } from './text-spool.js';

/** The docs tree on disk, as far as a pull needs it. */
export interface LocalState {
  /** The Markdown files push reads (include/exclude), path → text. */
  readonly files: ReadonlyMap<string, string>;
  /** Page id → the file whose frontmatter names it (files push leaves out, `confluence: false`, are not counted). */
  readonly byPageId: ReadonlyMap<string, string>;
  /** Blog post id → the file whose frontmatter names it (`blogPostId`). */
  readonly byBlogPostId: ReadonlyMap<string, string>;
  /** Every other file (attachments, images), as push sees them. */
  readonly assets: ReadonlySet<string>;
  /** Every folder that holds a file (posix, without the trailing `/`). */
  readonly folders: ReadonlySet<string>;
  /** Every file of the tree, Markdown or not (to tell whether a path is free). */
  readonly all: ReadonlySet<string>;
}

function parse(path: string, text: string): SourceFile | undefined {
  const parsed = parseSource(path, text);
  return 'file' in parsed ? parsed.file : undefined;
}

/** Reads the docs tree (an absent docs root is an empty tree). */
export async function readLocal(docsRoot: string, config: Pick<Config, 'include' | 'exclude'>): Promise<LocalState> {
  let present = false;
  try {
    present = statSync(docsRoot).isDirectory();
  } catch {
    present = false;
  }
  const empty = new Map<string, string>();
  if (!present) return { files: empty, byPageId: new Map(), byBlogPostId: new Map(), assets: new Set(), folders: new Set(), all: new Set() };
  const all = (await fg(['**/*'], { cwd: docsRoot, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, dot: false, followSymbolicLinks: false })).map(String).sort();
  const markdown = await scanTree(docsRoot, config);
  const files = new Map<string, string>();
  await Promise.all(markdown.map(async (path) => files.set(path, await readFile(resolve(docsRoot, path), 'utf8'))));
  const byPageId = new Map<string, string>();
  const byBlogPostId = new Map<string, string>();
  for (const path of [...files.keys()].sort()) {
    const file = parse(path, files.get(path)!);
    if (!file) continue;
    const blogPostId = (file.frontmatter as Record<string, unknown>).blogPostId;
    if (typeof blogPostId === 'string' && /^\d+$/.test(blogPostId) && !byBlogPostId.has(blogPostId)) byBlogPostId.set(blogPostId, path);
    if (file.frontmatter.confluence === false || file.frontmatter.pageId === undefined) continue;
    if (!byPageId.has(file.frontmatter.pageId)) byPageId.set(file.frontmatter.pageId, path);
  }
  const folders = new Set<string>();
  for (const path of all) for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) folders.add(dir);
  const assets = new Set(all.filter((p) => !/\.md$/i.test(p)));
  return { files, byPageId, byBlogPostId, assets, folders, all: new Set(all) };
}

/** What rendering a tree needs besides the Markdown texts. */
export interface RenderContext {
  readonly assets: ReadonlySet<string>;
  readonly digest: (path: string) => string;
  readonly notice: (page: LocalPage) => string;
  readonly notifyByDefault: boolean;
  /** Config `folders`, as push passes it. */
  readonly folders?: 'page' | 'folder';
  /** The conversion cache (sync/render-cache.ts): unchanged files are not converted again. */
  readonly cache?: RenderCache;
  /** Where the cache's bodies are (render-cache.ts `storageStoreOf`). */
  readonly store?: StorageStore;
  /** Threads that convert, this one included (config `threads`; render-parallel.ts). */
  readonly threads?: number;
  /** Where the tree's bodies wait while it renders, instead of the heap ({@link treeOf}); open until the render ends. */
  readonly spool?: TextSpool;
}

export interface RenderedFiles {
  /** (Its bodies are read from the context's spool, if one was given: while it is open.) */
  readonly tree: LocalTree;
  /** Path → the page push would publish from it. */
  readonly pages: ReadonlyMap<string, RenderedPage>;
  readonly warnings: readonly ConversionWarning[];
  /** The conversion cache after this render (for the next render, and for push). */
  readonly cache: RenderCache;
  /** How many conversions ran (files not taken from the cache, some twice: render.ts `RenderResult`). */
  readonly converted: number;
}

/**
 * The pages of a set of Markdown texts (path → text) as push sees them (the tree only, no
 * conversion). With a `spool`, each file's body goes into it as soon as the file is parsed, and
 * the pages read their bodies back from it (spooled-tree.ts `spooledSource`): given texts read one
 * at a time (a pull's come from its own spool), no moment holds them all.
 */
export function treeOf(files: Iterable<readonly [string, string]>, spool?: TextSpool): LocalTree {
  const sources: SourceFile[] = [];
  for (const [path, text] of files) {
    const file = parse(path, text);
    if (file) sources.push(spool ? spooledSource(file, spool) : file);
  }
  return buildTree(sources).tree;
}

/**
 * Renders Markdown texts exactly as push does (buildTree + renderTreeParallel, the conversion pool
 * push uses: the same storage, storage hash and fingerprint), so that what a pull records is what
 * the next push compares with.
 */
export async function renderFiles(files: Iterable<readonly [string, string]>, context: RenderContext): Promise<RenderedFiles> {
  const tree = treeOf(files, context.spool);
  const rendered = await renderTreeParallel({ tree, assets: context.assets, digest: context.digest, notice: context.notice, notifyByDefault: context.notifyByDefault, ...(context.folders !== undefined ? { folders: context.folders } : {}), ...(context.cache ? { cache: context.cache } : {}), ...(context.store ? { store: context.store } : {}) }, undefined, { threads: context.threads });
  return { tree, pages: new Map(rendered.pages.map((p) => [p.path, p])), warnings: rendered.warnings, cache: rendered.cache, converted: rendered.converted };
}

/** sha256 of files under the docs root, read once each. */
export function diskDigests(docsRoot: string): (path: string) => string {
  const cache = new Map<string, string>();
  return (path) => {
    let digest = cache.get(path);
    if (digest === undefined) {
      try {
        digest = sha256(readFileSync(resolve(docsRoot, path)));
      } catch {
        digest = '';
      }
      cache.set(path, digest);
    }
    return digest;
  };
}
