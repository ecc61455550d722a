import { afterEach, describe, expect, it } from 'vitest';
import { guessAnchors } from '../../src/sync/guess-anchors.js';
import { RenderRounds } from '../../src/sync/render.js';
import { spooledTree } from '../../src/sync/spooled-tree.js';
import { TextSpool } from '../../src/sync/text-spool.js';
import type { LocalTree } from '../../src/tree/build.js';
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

describe('spooledTree', () => {
  const files = {
    'index.md': '---\ntitle: Home of the documentation\nlabels: [start, docs]\n---\n\nWelcome.\n',
    'guide/install.md': '# Installation guide\n\nGrüße, 日本語 and 😀 in the text.\r\nA CRLF line.\r\n',
    'guide/empty.md': '---\ntitle: An empty page\n---\n',
    'ops/deep/page.md': '---\ntitle: Deep page\nnotify: true\ntoc: true\n---\n\n## A heading\n\nText.\n',
  };

  it('gives the same pages, each body read back exactly, whether the spool is on disk or in memory', () => {
    const tree = treeOf(files);
    const onDisk = openSpool();
    expect(onDisk.onDisk).toBe(true);
    const spooled = spooledTree(tree, onDisk);
    // Every page, folder pages (ops/, ops/deep/) included, with the same fields in the same order.
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
