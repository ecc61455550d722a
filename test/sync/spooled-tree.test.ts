import { afterEach, describe, expect, it } from 'vitest';
import { guessAnchors } from '../../src/sync/guess-anchors.js';
import { RenderRounds } from '../../src/sync/render.js';
import { treeOf as pulledTreeOf } from '../../src/sync/pull-local.js';
import { spooledSource, spooledTree } from '../../src/sync/spooled-tree.js';
import { TextSpool } from '../../src/sync/text-spool.js';
import { buildTree, type LocalTree } from '../../src/tree/build.js';
import { parseSource, type SourceFile } from '../../src/tree/read.js';
import { heapAfterGc, MB } from './heap.js';
import { treeOf } from './tree-of.js';

/**
 * A push's tree keeps each file's Markdown in a temporary file (sync/spooled-tree.ts), read back
 * when a conversion needs it. The heap tests measure what a full collection frees (no timing).
 */
const spools: TextSpool[] = [];
afterEach(() => {
  for (const spool of spools.splice(0)) spool.close();
});
const openSpool = (): TextSpool => {
  const spool = TextSpool.open();
  spools.push(spool);
  return spool;
};

/** The tree as plain data, each body read once. */
const plain = (tree: LocalTree) => tree.pages.map((page) => ({ ...page, body: page.body }));

/** Titles from the frontmatter, a first heading and a file name; folder pages; a `parent` field. */
const files = {
  'index.md': '---\ntitle: Home of the documentation\nlabels: [start, docs]\n---\n\nWelcome.\n',
  'guide/install.md': '# Installation guide\n\nGrüße, 日本語 and 😀 in the text.\r\nA CRLF line.\r\n',
  'guide/empty.md': '---\ntitle: An empty page\n---\n',
  'guide/untitled.md': 'No title here: the file name gives it.\n',
  'ops/deep/page.md': '---\ntitle: Deep page\nnotify: true\ntoc: true\n---\n\n## A heading\n\nText.\n',
  'ops/linked.md': '---\ntitle: Linked page\nparent: ../guide/install.md\n---\n\nUnder the installation guide.\n',
};

describe('spooledTree', () => {
  it('gives the same pages, each body read back exactly, whether the spool is on disk or in memory', () => {
    const tree = treeOf(files);
    const onDisk = openSpool();
    expect(onDisk.onDisk).toBe(true);
    const spooled = spooledTree(tree, onDisk);
    // Every page, folder pages (guide/, ops/, ops/deep/) included, with the same fields in the same order.
    expect(spooled.pages.map((p) => p.path)).toEqual(tree.pages.map((p) => p.path));
    expect(plain(spooled)).toEqual(plain(tree));
    expect(onDisk.size).toBe(tree.pages.length);
    expect(spooled.pages.find((p) => p.path === 'guide/install.md')!.body).toBe('Grüße, 日本語 and 😀 in the text.\r\nA CRLF line.\r\n');
    expect(spooled.pages.find((p) => p.path === 'guide/empty.md')!.body).toBe('');
    // Read as often as wanted.
    const install = spooled.pages.find((p) => p.path === 'guide/install.md')!;
    expect(install.body).toBe(install.body);
  });

  it('says which page it cannot read once the spool is closed', () => {
    const spool = openSpool();
    const spooled = spooledTree(treeOf(files), spool);
    spool.close();
    expect(() => spooled.pages.find((p) => p.path === 'guide/install.md')!.body).toThrow('the Markdown of guide/install.md is no longer in the spool (it was closed)');
    // The other fields stay.
    expect(spooled.pages.find((p) => p.path === 'guide/install.md')!.title).toBe('Installation guide');
  });

  it('keeps none of the files read in the heap: not through the bodies, nor through the titles and labels', () => {
    // 8 files of 400,000 characters (one byte each: é is Latin-1), 3.2 MB, titled by their first
    // heading (cut from the file's text) or by the frontmatter.
    let files: Record<string, string> | undefined = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `page-${i}.md`,
        i % 2 === 0
          ? `---\ntitle: A title long enough to be a slice ${i}\nlabels: [a-label-long-enough-${i}]\n---\n\n${'é'.repeat(400_000)}\n`
          : `# A heading long enough to be a slice ${i}\n\n${'é'.repeat(400_000)}\n`,
      ]),
    );
    let tree: LocalTree | undefined = treeOf(files);
    files = undefined;
    const spooled = spooledTree(tree, openSpool());
    const withTree = heapAfterGc();
    tree = undefined;
    // 3.2 MB, less the text of the file parsed last, which V8 keeps as the last string a regular
    // expression matched (RegExp.input). A title cut from the text as a view would keep it all.
    expect(withTree - heapAfterGc()).toBeGreaterThan(2.4 * MB);
    expect(spooled.pages[0]!.title).toBe('A title long enough to be a slice 0');
    expect(spooled.pages[0]!.labels).toEqual(['a-label-long-enough-0']);
    expect(spooled.pages[1]!.title).toBe('A heading long enough to be a slice 1');
    expect(spooled.pages[0]!.body).toBe(`\n${'é'.repeat(400_000)}\n`);
  });

  it('lets a render hold no body, through the anchors it guesses nor otherwise', () => {
    // Headings long enough for their guessed anchors to be slices of the body read from the spool.
    const body = (i: number) => `## A heading long enough to be cut ${i}\n\n## Another heading long enough ${i}\n\n${'é'.repeat(400_000)}\n`;
    const spooled = spooledTree(treeOf(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`page-${i}.md`, body(i)]))), openSpool());
    const before = heapAfterGc();
    const rounds = new RenderRounds({ tree: spooled, assets: new Set(), digest: () => '', notice: () => '', notifyByDefault: false });
    // Each body was read (to key the cache and guess its anchors), and none is kept.
    expect(heapAfterGc() - before).toBeLessThan(0.5 * MB);
    expect(rounds.misses).toHaveLength(8);
    expect(rounds.facts.guessed!.get('page-3.md')).toEqual(guessAnchors(body(3)));
    expect([...rounds.facts.guessed!.get('page-3.md')!.keys()]).toEqual(['a-heading-long-enough-to-be-cut-3', 'another-heading-long-enough-3']);
  });
});

/**
 * A pull builds its trees from texts kept in its spool, one at a time (sync/pull.ts): each file's
 * body goes into a spool as it is parsed (`spooledSource`), and the tree's pages read their bodies
 * back from there (tree/build.ts), so that the tree never holds every text at once.
 */
describe('spooledSource, and trees built from spooled sources', () => {  const parsed = (path: string, text: string): SourceFile => {
    const result = parseSource(path, text);
    if (!('file' in result)) throw new Error(`bad fixture ${path}`);
    return result.file;
  };

  it('gives the same source, its body read back from the spool each time', () => {
    const spool = openSpool();
    for (const [path, text] of Object.entries(files)) {
      const file = parsed(path, text);
      const source = spooledSource(file, spool);
      expect({ ...source, body: source.body }).toEqual(file);
      expect(Object.getOwnPropertyDescriptor(source, 'body')!.get).toBeDefined();
    }
    expect(spool.size).toBe(Object.keys(files).length);
  });

  it('builds the same tree as the texts themselves give, with the bodies read on demand where they are the source\'s own', () => {
    const spool = openSpool();
    const spooled = pulledTreeOf(Object.entries(files), spool);
    const inMemory = pulledTreeOf(new Map(Object.entries(files)));
    expect(plain(spooled)).toEqual(plain(inMemory));
    expect(plain(spooled)).toEqual(plain(treeOf(files)));
    const page = (path: string) => spooled.pages.find((p) => p.path === path)!;
    const readOnDemand = (path: string) => Object.getOwnPropertyDescriptor(page(path), 'body')!.get !== undefined;
    // A title from the frontmatter or the file name: the page's body is the source's, read on demand.
    expect(readOnDemand('index.md')).toBe(true);
    expect(readOnDemand('guide/untitled.md')).toBe(true);
    expect(page('ops/linked.md').parent).toEqual({ kind: 'path', path: 'guide/install.md' });
    // A title from the first heading: the body is what is left of it, a string of its own.
    expect(readOnDemand('guide/install.md')).toBe(false);
    expect(page('guide/install.md').body).toBe('Grüße, 日本語 and 😀 in the text.\r\nA CRLF line.\r\n');
    // Folder pages have no source.
    expect(page('guide/').body).toBe('');
    spool.close();
    expect(() => page('index.md').body).toThrow('the Markdown of index.md is no longer in the spool (it was closed)');
  });

  it('reads a body to build the tree only where the title may come from it', () => {
    const reads: string[] = [];
    const counted = Object.entries(files).map(([path, text]) => {
      const { body, ...fields } = parsed(path, text);
      return Object.defineProperty({ ...fields }, 'body', { get: () => (reads.push(path), body), enumerable: true }) as SourceFile;
    });
    buildTree(counted);
    // A first heading, or none and the file name: the files without a title in their frontmatter.
    expect(reads.sort()).toEqual(['guide/install.md', 'guide/untitled.md']);
  });

  it('builds a tree from sources that are plain data as before: the bodies held', () => {
    const tree = buildTree(Object.entries(files).map(([path, text]) => parsed(path, text))).tree;
    expect(tree.pages.every((p) => Object.getOwnPropertyDescriptor(p, 'body')!.get === undefined)).toBe(true);
  });

  it('never holds the texts it is given one at a time, nor keeps them in the tree', () => {
    // 8 files of 400,000 characters, two bytes each (é and 日: not Latin-1), 6.4 MB; the frontmatter's
    // strings are long enough to be views into the text.
    const text = (i: number) => `---\ntitle: A title long enough to be a slice ${i}\nlabels: [a-label-long-enough-${i}]\n---\n\n${'é日'.repeat(200_000)}\n`;
    const given = function* (): Generator<[string, string]> {
      for (let i = 0; i < 8; i++) yield [`page-${i}.md`, text(i)];
    };
    const before = heapAfterGc();
    const held = pulledTreeOf(given());
    const inMemory = heapAfterGc() - before;
    const spooled = pulledTreeOf(given(), openSpool());
    const onDisk = heapAfterGc() - before - inMemory;
    expect(inMemory).toBeGreaterThan(6 * MB);
    // Less the text of the file parsed last, which V8 keeps as the last string a regular expression matched.
    expect(onDisk).toBeLessThan(1.2 * MB);
    expect(spooled.pages.map((p) => p.title)).toEqual(held.pages.map((p) => p.title));
    expect(spooled.pages[3]!.labels).toEqual(['a-label-long-enough-3']);
    expect(spooled.pages[3]!.body).toBe(`\n${'é日'.repeat(200_000)}\n`);
  });
});
