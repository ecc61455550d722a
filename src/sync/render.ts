import { posix } from 'node:path';
import { markdownToStorage, type ConversionWarning, type LinkTarget, type PageReference } from '../convert/index.js';
import { folderFingerprint, pageFingerprint, sha256 } from '../plan/fingerprint.js';
import type { RenderedPage } from '../plan/types.js';
import type { LocalPage, LocalTree } from '../tree/build.js';

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
  /** What a folder without an index file becomes (config `folders`, default `page`). */
  readonly folders?: 'page' | 'folder';
}

export interface RenderResult {
  readonly pages: RenderedPage[];
  readonly warnings: ConversionWarning[];
}

/** `guide/` or `guide` (a folder) → its page; `a.md` → its page. */
function pageAt(byPath: ReadonlyMap<string, LocalPage>, path: string): LocalPage | undefined {
  const clean = path.replace(/\/+$/, '');
  return byPath.get(clean) ?? byPath.get(`${clean}/`) ?? byPath.get(`${clean}/index.md`) ?? byPath.get(`${clean}/README.md`) ?? byPath.get(`${clean}/readme.md`);
}

/**
 * Converts every page of the tree (pure apart from the injected digests): links between files become
 * page links by title, with `#fragments` mapped to the anchors Confluence generates for the target's
 * headings; local files become attachments of the page that uses them.
 */
export function renderTree(input: RenderInput): RenderResult {
  const byPath = new Map(input.tree.pages.map((p) => [p.path, p]));
  const warnings: ConversionWarning[] = [];
  // Headings of each page (slug → Confluence anchor), filled as pages are converted. Pages with links
  // to anchors of pages converted later are converted a second time, once everything is known.
  const anchors = new Map<string, Map<string, string>>();
  const needsSecondPass = new Set<string>();

  const convert = (page: LocalPage) => {
    const used = new Map<string, string>();
    const resolveLink = (target: LinkTarget): PageReference | undefined => {
      const linked = pageAt(byPath, target.path);
      if (!linked) return undefined;
      if (target.anchor === undefined) return { title: linked.title };
      const known = anchors.get(linked.path);
      if (!known && linked !== page) needsSecondPass.add(page.path);
      return { title: linked.title, anchor: known?.get(target.anchor.toLowerCase()) };
    };
    const resolveAttachment = (path: string): string | undefined => {
      if (!input.assets.has(path)) return undefined;
      const existing = used.get(path);
      if (existing) return existing;
      let name = posix.basename(path);
      const taken = new Set(used.values());
      if (taken.has(name)) name = `${posix.dirname(path).replace(/[^A-Za-z0-9._-]+/g, '_')}_${name}`;
      used.set(path, name);
      return name;
    };
    const result = markdownToStorage(page.body, { file: page.path, resolveLink, resolveAttachment, options: { toc: page.toc === true } });
    anchors.set(page.path, new Map(result.headings.map((h) => [h.slug.toLowerCase(), h.anchor])));
    return result;
  };

  const results = new Map(input.tree.pages.map((page) => [page.path, page.kind === 'file' ? convert(page) : undefined]));
  for (const path of needsSecondPass) {
    const page = byPath.get(path)!;
    results.set(path, convert(page));
  }

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
