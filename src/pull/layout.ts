import { posix } from 'node:path';
import { nameKey, slugify, uniqueName } from './slug.js';
import type { RecordedPlace, RemoteDoc, SkippedPage } from './types.js';

export interface LayoutInput {
  /** The page the tree hangs under (config rootPage, else the space homepage); it has no file. */
  readonly rootId: string;
  /** Whether the root is the space homepage (then the other top-level pages of the space are named as skipped). */
  readonly rootIsHomepage: boolean;
  /** Every page of the space the listing returned (current and archived). */
  readonly pages: readonly RemoteDoc[];
  /** Per page id: where its file was at the last sync, with the title and parent it had then. */
  readonly recorded: ReadonlyMap<string, RecordedPlace>;
  /**
   * Folder (posix, '' for the docs root) → names already used there by files and folders that are
   * not pulled pages (local-only files): new pages get other names.
   */
  readonly occupied: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface Layout {
  /** Page id → its file's path under the docs root (`a/b.md`, `a/b/index.md`, or `a/` for a folder page kept as such); parents first. */
  readonly paths: ReadonlyMap<string, string>;
  readonly skipped: readonly SkippedPage[];
}

const INDEX_FILE = /(^|\/)(index\.md|README\.md|readme\.md)$/;

/** Whether the path is a folder's page (its index file, or a folder page without a file). */
export function isFolderPath(path: string): boolean {
  return path.endsWith('/') || INDEX_FILE.test(path);
}

/** The folder that holds the children of the page at `path`. */
export function childrenFolder(path: string): string {
  if (path.endsWith('/')) return path.slice(0, -1);
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** The folder that holds the page at `path` itself (an index file's folder is its page: the folder above). */
export function placeFolder(path: string): string {
  const own = isFolderPath(path) ? childrenFolder(path) : posix.dirname(path) === '.' ? '' : posix.dirname(path);
  if (!isFolderPath(path)) return own;
  const up = posix.dirname(own);
  return up === '.' ? '' : up;
}

/** The name a page's file has in its folder: `b` for `a/b.md`, `a/b/index.md` and `a/b/`. */
export function nameOf(path: string): string {
  if (isFolderPath(path)) return posix.basename(childrenFolder(path));
  return posix.basename(path).replace(/\.md$/i, '');
}

const byId = (a: RemoteDoc, b: RemoteDoc) => (a.id.length - b.id.length) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Lays the pages below the root out as files (pure). A page with children is `name/index.md`, a
 * leaf `name.md`, in the folder of its parent; the root's children are at the top of the docs root.
 *
 * Names are stable: a page keeps the path it had at the last sync while its title, its parent and
 * its parent's path did not change (also when that path is not where a new page would go, e.g. a
 * file with a `parent` field). A page whose title is unchanged keeps its name when it moves. Other
 * pages get the slug of their title, made unique in the folder (`-2`, `-3`, … in page-id order, so
 * the oldest page keeps the plain name); names of local files that are not pulled pages are never
 * taken. Pages the tree cannot hold are skipped, each with the reason.
 */
export function layoutPages(input: LayoutInput): Layout {
  const byParent = new Map<string, RemoteDoc[]>();
  const known = new Map(input.pages.map((p) => [p.id, p]));
  for (const page of input.pages) {
    if (page.parentId === null) continue;
    const list = byParent.get(page.parentId) ?? [];
    list.push(page);
    byParent.set(page.parentId, list);
  }
  for (const list of byParent.values()) list.sort(byId);
  const live = (p: RemoteDoc) => p.status === 'current';
  const kids = (id: string) => (byParent.get(id) ?? []).filter(live);

  // Breadth first from the root: the pages in scope, parents first.
  const order: RemoteDoc[] = [];
  const skipped: SkippedPage[] = [];
  const inScope = new Set<string>([input.rootId]);
  for (let level = [input.rootId]; level.length > 0; ) {
    const next: string[] = [];
    for (const parentId of level) {
      for (const child of byParent.get(parentId) ?? []) {
        if (child.status === 'archived') {
          skipped.push({ pageId: child.id, title: child.title, reason: 'archived in Confluence: archived pages (and the pages under them) are not pulled' });
          continue;
        }
        if (!live(child)) continue;
        inScope.add(child.id);
        order.push(child);
        next.push(child.id);
      }
    }
    level = next;
  }
  for (const page of input.pages) {
    if (!live(page) || inScope.has(page.id)) continue;
    if (page.parentId === null) {
      if (input.rootIsHomepage) {
        skipped.push({ pageId: page.id, title: page.title, reason: 'at the top level of the space beside the homepage, which is the root of the tree: pull it with --root-page ' + page.id + ' into another docs folder' });
      }
    } else if (!known.has(page.parentId)) {
      skipped.push({ pageId: page.id, title: page.title, reason: `its parent ${page.parentId} is not a page (a Confluence folder or other content pull does not read)` });
    }
  }

  const names = new Map<string, Set<string>>();
  const namesIn = (folder: string) => {
    let set = names.get(folder);
    if (!set) {
      set = new Set([...(input.occupied.get(folder) ?? [])].map(nameKey));
      names.set(folder, set);
    }
    return set;
  };
  const paths = new Map<string, string>();

  // First the pages that stay where they are, so that their names are taken before new ones are chosen.
  const kept = new Set<string>();
  for (const page of order) {
    const recorded = input.recorded.get(page.id);
    if (!recorded) continue;
    const parentKept = page.parentId === input.rootId || kept.has(page.parentId!);
    const fits = kids(page.id).length === 0 || isFolderPath(recorded.path);
    if (recorded.title === page.title && recorded.parentId === page.parentId && parentKept && fits) {
      kept.add(page.id);
      paths.set(page.id, recorded.path);
      namesIn(placeFolder(recorded.path)).add(nameKey(nameOf(recorded.path)));
    }
  }
  for (const page of order) {
    if (kept.has(page.id)) continue;
    const parentPath = page.parentId === input.rootId ? undefined : paths.get(page.parentId!);
    const folder = parentPath === undefined ? '' : childrenFolder(parentPath);
    const recorded = input.recorded.get(page.id);
    const wanted = recorded && recorded.title === page.title && nameOf(recorded.path) !== '' ? nameOf(recorded.path) : slugify(page.title, page.id);
    const name = uniqueName(wanted, namesIn(folder));
    namesIn(folder).add(nameKey(name));
    const prefix = folder === '' ? '' : `${folder}/`;
    paths.set(page.id, kids(page.id).length > 0 ? `${prefix}${name}/index.md` : `${prefix}${name}.md`);
  }
  // Map insertion order is parents first for kept pages but not across both passes: rebuild it.
  return { paths: new Map(order.map((p) => [p.id, paths.get(p.id)!])), skipped };
}
