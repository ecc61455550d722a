import { posix } from 'node:path';
import type { TreeProblem } from './errors.js';
import { keyLine, type SourceFile } from './read.js';

/** Where a page hangs: under another page of the tree, under a page ID outside it, or under the root. */
export type ParentRef = { readonly kind: 'path'; readonly path: string } | { readonly kind: 'page'; readonly pageId: string } | { readonly kind: 'root' };

/** A page the tree publishes: a Markdown file, or a folder without an index file. */
export interface LocalPage {
  /** `guide/install.md` for a file; `guide/` for a folder page. */
  readonly path: string;
  readonly kind: 'file' | 'folder';
  readonly title: string;
  readonly parent: ParentRef;
  readonly pageId: string | undefined;
  readonly labels: readonly string[];
  /** The Markdown body to convert (without frontmatter, and without the H1 that gave the title). */
  readonly body: string;
  /** 1-based line in the file where `body` starts (for warnings). */
  readonly bodyLine: number;
  /** 1-based line of the `# H1` that gave the title, when it did. */
  readonly titleLine?: number;
  readonly notify: boolean | undefined;
  readonly toc: boolean | undefined;
}

export interface LocalTree {
  /** Parents before children; siblings by path. */
  readonly pages: readonly LocalPage[];
}

export interface BuildOptions {
  /** Compare titles as Confluence does (case-insensitively, the default). */
  readonly titleCase?: 'insensitive' | 'sensitive';
}

const INDEX_NAMES = ['index.md', 'README.md', 'readme.md'];

/** The folder's index file among the given paths, if any (index.md first). */
function indexOf(folder: string, paths: ReadonlySet<string>): string | undefined {
  for (const name of INDEX_NAMES) {
    const candidate = folder === '' ? name : `${folder}/${name}`;
    if (paths.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The title from frontmatter, else a leading `# H1` (then removed from the body), else the file
 * name. Where the body is the file's whole body, it is the file's, read when used (a body read on
 * demand is not read for a title from the frontmatter).
 */
export function titleOf(file: SourceFile): { readonly title: string; readonly body: string; readonly bodyLine: number; readonly titleLine?: number } {
  if (file.frontmatter.title) return { title: file.frontmatter.title, get body() { return file.body; }, bodyLine: file.bodyLine };
  const lines = file.body.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const h1 = first === -1 ? null : /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*\r?$/.exec(lines[first]!);
  if (h1) {
    const rest = lines.slice(first + 1);
    while (rest.length > 0 && rest[0]!.trim() === '') rest.shift();
    const removed = lines.length - rest.length;
    return { title: h1[1]!.trim(), body: rest.join('\n'), bodyLine: file.bodyLine + removed, titleLine: file.bodyLine + first };
  }
  const base = posix.basename(file.path).replace(/\.md$/i, '');
  const name = INDEX_NAMES.includes(posix.basename(file.path)) ? posix.basename(posix.dirname(file.path)) || 'Home' : base;
  return { title: name, get body() { return file.body; }, bodyLine: file.bodyLine };
}

/** Whether the source's body is read each time it is used (a getter: sync/spooled-tree.ts `spooledSource`). */
function readOnDemand(file: SourceFile): boolean {
  return Object.getOwnPropertyDescriptor(file, 'body')?.get !== undefined;
}

/** The page with the body of `file`, read on demand as the source's is (its body is the source's whole body). */
function withBodyOf(fields: Omit<LocalPage, 'body'>, file: SourceFile): LocalPage {
  return Object.defineProperty({ ...fields }, 'body', { get: () => file.body, enumerable: true }) as LocalPage;
}

/**
 * Builds the page hierarchy of the docs tree (pure). Every problem is collected, so a user sees
 * them all at once: unknown parents, cycles, one page ID claimed twice, one title used twice.
 */
export function buildTree(files: readonly SourceFile[], options: BuildOptions = {}): { tree: LocalTree; problems: TreeProblem[] } {
  const problems: TreeProblem[] = [];
  const published = files.filter((f) => f.frontmatter.confluence !== false);
  const paths = new Set(published.map((f) => f.path));
  const pages = new Map<string, LocalPage>();

  /** The page a folder's contents hang under: its index file, a folder page, or the root. */
  const folderParent = (folder: string): ParentRef => {
    if (folder === '.' || folder === '') {
      const index = indexOf('', paths);
      return index ? { kind: 'path', path: index } : { kind: 'root' };
    }
    const index = indexOf(folder, paths);
    return { kind: 'path', path: index ?? `${folder}/` };
  };
  const defaultParent = (path: string): ParentRef => {
    const dir = posix.dirname(path);
    const isIndex = indexOf(dir === '.' ? '' : dir, paths) === path;
    if (isIndex) {
      if (dir === '.') return { kind: 'root' };
      return folderParent(posix.dirname(dir));
    }
    return folderParent(dir === '.' ? '' : dir);
  };

  for (const file of published) {
    const titled = titleOf(file);
    const { title, bodyLine, titleLine } = titled;
    let parent = defaultParent(file.path);
    const explicit = file.frontmatter.parent;
    if (explicit !== undefined) {
      if (/^\d+$/.test(explicit)) parent = { kind: 'page', pageId: explicit };
      else {
        const target = posix.normalize(posix.join(posix.dirname(file.path), explicit));
        if (!paths.has(target)) {
          problems.push({ file: file.path, line: keyLine(file, 'parent'), message: `parent '${explicit}' is not a published Markdown file of the tree (resolved to ${target}); give a path relative to this file, or a page ID` });
        } else if (target === file.path) {
          problems.push({ file: file.path, line: keyLine(file, 'parent'), message: 'a page cannot be its own parent' });
        } else parent = { kind: 'path', path: target };
      }
    }
    const fields = {
      path: file.path,
      kind: 'file' as const,
      title,
      parent,
      pageId: file.frontmatter.pageId,
      labels: [...new Set((file.frontmatter.labels ?? []).map((l) => l.trim()).filter(Boolean))],
      bodyLine,
      ...(titleLine !== undefined ? { titleLine } : {}),
      notify: file.frontmatter.notify,
      toc: file.frontmatter.toc,
    };
    pages.set(file.path, titleLine === undefined && readOnDemand(file) ? withBodyOf(fields, file) : { ...fields, body: titled.body });
  }

  // Folder pages for folders that hold published files but no index file.
  const addFolder = (folder: string): void => {
    if (folder === '' || folder === '.' || pages.has(`${folder}/`) || indexOf(folder, paths)) return;
    pages.set(`${folder}/`, {
      path: `${folder}/`,
      kind: 'folder',
      title: posix.basename(folder),
      parent: folderParent(posix.dirname(folder)),
      pageId: undefined,
      labels: [],
      body: '',
      bodyLine: 1,
      notify: undefined,
      toc: undefined,
    });
    addFolder(posix.dirname(folder));
  };
  for (const page of [...pages.values()]) {
    if (page.parent.kind === 'path' && page.parent.path.endsWith('/')) addFolder(page.parent.path.slice(0, -1));
  }

  checkUnique(pages, problems, files, options);
  const ordered = orderParentsFirst(pages, problems, files);
  return { tree: { pages: ordered }, problems };
}

function checkUnique(pages: Map<string, LocalPage>, problems: TreeProblem[], files: readonly SourceFile[], options: BuildOptions): void {
  const byFile = new Map(files.map((f) => [f.path, f]));
  const norm = (t: string) => (options.titleCase === 'sensitive' ? t : t.toLowerCase());
  const titles = new Map<string, string>();
  const ids = new Map<string, string>();
  // Pages already published (pageId in the frontmatter) first, so the error names the newcomer.
  const published = (page: LocalPage) => (page.pageId !== undefined ? 0 : 1);
  for (const page of [...pages.values()].sort((a, b) => published(a) - published(b) || (a.path < b.path ? -1 : 1))) {
    const other = titles.get(norm(page.title));
    if (other !== undefined) {
      const file = byFile.get(page.path);
      problems.push({
        file: page.path,
        line: page.titleLine ?? (file ? keyLine(file, 'title') : undefined),
        message: `the title "${page.title}" is also the title of ${other}; Confluence needs unique titles in a space: set a different title in the frontmatter${page.kind === 'folder' ? ' (or add an index.md with a title to this folder)' : ''}`,
      });
    } else titles.set(norm(page.title), page.path);
    if (page.pageId !== undefined) {
      const claimed = ids.get(page.pageId);
      if (claimed !== undefined) {
        const file = byFile.get(page.path);
        problems.push({ file: page.path, line: file ? keyLine(file, 'pageId') : undefined, message: `pageId ${page.pageId} is also claimed by ${claimed}: remove the pageId of the copy` });
      } else ids.set(page.pageId, page.path);
    }
  }
}

/** Parents first, then by path; reports cycles made by explicit `parent` fields. */
function orderParentsFirst(pages: Map<string, LocalPage>, problems: TreeProblem[], files: readonly SourceFile[]): LocalPage[] {
  const byFile = new Map(files.map((f) => [f.path, f]));
  const ordered: LocalPage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (page: LocalPage, chain: string[]): void => {
    const s = state.get(page.path);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(page.path)), page.path];
      const file = byFile.get(page.path);
      problems.push({ file: page.path, line: file ? keyLine(file, 'parent') : undefined, message: `parent fields form a cycle: ${cycle.join(' → ')}; remove one of these parent fields` });
      return;
    }
    state.set(page.path, 'visiting');
    if (page.parent.kind === 'path') {
      const parent = pages.get(page.parent.path);
      if (parent) visit(parent, [...chain, page.path]);
    }
    state.set(page.path, 'done');
    ordered.push(page);
  };
  for (const page of [...pages.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) visit(page, []);
  return ordered;
}
