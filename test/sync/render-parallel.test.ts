import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/emulator/random.js';
import { ConvertPool } from '../../src/sync/convert-pool.js';
import type { RenderCache } from '../../src/sync/render-cache.js';
import { MemoryStorageStore } from '../../src/sync/storage-store.js';
import { renderTreeParallel } from '../../src/sync/render-parallel.js';
import { anchorsOf, convertPage } from '../../src/sync/render-resolve.js';
import { pageSource, renderTree, titlesOf, type RenderInput, type RenderResult } from '../../src/sync/render.js';
import { spooledTree } from '../../src/sync/spooled-tree.js';
import { TextSpool } from '../../src/sync/text-spool.js';
import { treeOf } from './tree-of.js';

/**
 * The parallel render (conversions on worker threads, resolvers rebuilt from data in the workers)
 * gives exactly what the sequential render gives: pages, warnings and conversion cache, from
 * scratch and with a cache, on a generated tree with links between pages, heading anchors that
 * are converted before or after the pages linking to them, folders, and present and missing images.
 */
type Files = Record<string, string>;

const WORDS = ['setup', 'install', 'overview', 'api', 'limits', 'tokens', 'errors', 'faq', 'deploy', 'metrics'];

/** About `count` pages in folders (some without an index file), each with headings and links. */
function generateTree(count: number, seed = 42): { files: Files; assets: string[] } {
  const generator = new Random(seed);
  const rand = () => generator.next();
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const folders = ['', 'guide/', 'guide/advanced/', 'ops/', 'reference/', 'empty/nested/'];
  const paths = Array.from({ length: count }, (_, i) => (i === 0 ? 'index.md' : i === 1 ? 'guide/index.md' : `${pick(folders)}page-${i}.md`));
  const headingsOf = paths.map((_, i) => Array.from({ length: 2 + (i % 4) }, (_, j) => `${pick(WORDS)} ${j === 0 ? 'intro' : pick(WORDS)}`));
  const slug = (text: string) => text.toLowerCase().replace(/ /g, '-');
  const relative = (from: string, to: string) => `${'../'.repeat(from.split('/').length - 1)}${to}`;
  const files: Files = {};
  paths.forEach((path, i) => {
    const lines: string[] = [];
    if (i % 5 === 0) lines.push('---', `title: Page ${i} (${pick(WORDS)})`, ...(i % 10 === 0 ? ['toc: true'] : []), '---', '');
    else lines.push(`# Page ${i}`, '');
    for (const [j, heading] of headingsOf[i]!.entries()) {
      lines.push(`## ${heading}`, '');
      const target = Math.floor(rand() * count);
      const anchor = rand() < 0.8 ? slug(pick(headingsOf[target]!)) : 'no-such-heading';
      lines.push(`See [${heading}](${relative(path, paths[target]!)}#${anchor}) and [the page](${relative(path, paths[target]!)}).`);
      if (j === 0) lines.push(`Back to [the top](#${slug(headingsOf[i]![0]!)}) (not [here](#gone)), [a folder](${relative(path, 'empty/nested')}#x), [nowhere](${relative(path, 'missing.md')}).`);
      if (rand() < 0.3) lines.push('', `![shot ${j}](${relative(path, `img/${pick(WORDS)}.png`)})`);
      if (rand() < 0.2) lines.push('', '| a | b |', '|---|---|', `| ${pick(WORDS)} | [x](${relative(path, paths[target]!)}#${slug(headingsOf[target]![0]!)}) |`);
      lines.push('');
    }
    files[path] = lines.join('\n');
  });
  // Half of the images exist (one under two names: two attachments with the same base name).
  return { files, assets: ['img/setup.png', 'img/api.png', 'img/errors.png', 'img/deploy.png', 'img/metrics.png', 'guide/img/setup.png'] };
}

/** Bodies of every render of this file (content-addressed, so sharing them changes no result). */
const store = new MemoryStorageStore();

function inputOf(files: Files, assets: readonly string[], cache?: RenderCache): RenderInput {
  return { tree: treeOf(files), assets: new Set(assets), digest: (p) => `digest-of-${p}`, notice: (page) => (page.path.startsWith('ops/') ? '<p>notice</p>' : ''), notifyByDefault: false, store, ...(cache ? { cache } : {}) };
}

/**
 * What every file converts to when every anchor of the tree is known beforehand (the order of the
 * conversions, and the guesses made meanwhile, cannot show): the render's bodies and answers must be these.
 */
function expectComplete(input: RenderInput, result: RenderResult): void {
  const files = input.tree.pages.filter((page) => page.kind === 'file');
  const anchors = new Map(files.map((page) => [page.path, anchorsOf(result.cache.entries[page.path]!.result.headings)]));
  const facts = { titles: titlesOf(input.tree), assets: input.assets, anchors };
  for (const page of files) {
    const complete = convertPage(facts, pageSource(page));
    const entry = result.cache.entries[page.path]!;
    expect(entry.queries, page.path).toEqual(complete.queries);
    expect(result.store.get(entry.result.storageHash), page.path).toBe(complete.result.storage);
  }
}

const same = (parallel: RenderResult, sequential: RenderResult) => {
  expect(parallel.pages).toEqual(sequential.pages);
  expect(parallel.warnings).toEqual(sequential.warnings);
  expect(Object.keys(parallel.cache.entries)).toEqual(Object.keys(sequential.cache.entries));
  expect(parallel.cache).toEqual(sequential.cache);
  // As it is written to disk, too.
  expect(JSON.stringify(parallel.cache)).toBe(JSON.stringify(sequential.cache));
};

describe('renderTreeParallel', () => {
  const pool = new ConvertPool({ threads: 2 });
  afterAll(() => pool.close());
  // 130 pages: round 1 runs in two waves.
  const { files, assets } = generateTree(130);

  it('gives what renderTree gives from scratch, converting on the workers', async () => {
    const sequential = renderTree(inputOf(files, assets));
    const before = pool.completed;
    const parallel = await renderTreeParallel(inputOf(files, assets), pool);
    same(parallel, sequential);
    // On the workers (this thread helps only until a worker has answered, so how many each does
    // depends on the machine's load; at least the first answer is a worker's).
    expect(pool.completed - before).toBeGreaterThan(0);
    // Every file once, and again those whose links to anchors of files not converted yet were
    // answered from a guess that the real anchors did not confirm (none in this tree).
    expect(parallel.converted).toBeGreaterThanOrEqual(130);
    expectComplete(inputOf(files, assets), sequential);
    expect(sequential.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['anchor-not-found', 'link-unresolved', 'attachment-unresolved']));
    expect(sequential.pages.some((p) => p.storage.includes('ac:anchor='))).toBe(true);
  });

  it('gives what renderTree gives with a warm cache: nothing converted when nothing changed', async () => {
    const cache = renderTree(inputOf(files, assets)).cache;
    const before = pool.completed;
    const parallel = await renderTreeParallel(inputOf(files, assets, cache), pool);
    expect(parallel.converted).toBe(0);
    expect(pool.completed).toBe(before);
    same(parallel, renderTree(inputOf(files, assets, cache)));
  });

  it('gives what renderTree gives with a cache after edits: bodies, headings that others link to, titles, images', async () => {
    const cache = renderTree(inputOf(files, assets)).cache;
    const edited: Files = { ...files };
    const paths = Object.keys(files);
    // 40 bodies, a heading renamed on 10 pages, a title on 5 (on the pool: a threshold below them).
    paths.slice(10, 50).forEach((path) => (edited[path] = `${edited[path]}\nEdited.\n`));
    paths.slice(50, 60).forEach((path) => (edited[path] = edited[path]!.replace(/^## (\w+) intro$/m, '## $1 introduction')));
    paths.slice(61, 66).forEach((path, i) => (edited[path] = edited[path]!.replace(/^# Page (\d+)$/m, `# Renamed ${i}`)));
    const moreAssets = [...assets, 'img/limits.png'];
    const before = pool.completed;
    const parallel = await renderTreeParallel(inputOf(edited, moreAssets, cache), pool, { minConversions: 40 });
    expect(pool.completed - before).toBeGreaterThan(0);
    expect(parallel.converted).toBeGreaterThan(55);
    same(parallel, renderTree(inputOf(edited, moreAssets, cache)));
    same(parallel, renderTree(inputOf(edited, moreAssets)));
  });

  it('gives what renderTree gives on a tree whose Markdown waits in a spool (push)', async () => {
    const spool = TextSpool.open();
    try {
      const input = inputOf(files, assets);
      const parallel = await renderTreeParallel({ ...input, tree: spooledTree(input.tree, spool) }, pool);
      same(parallel, renderTree(inputOf(files, assets)));
    } finally {
      spool.close();
    }
  });

  it('converts on this thread below the threshold, with the same result', async () => {
    const cache = renderTree(inputOf(files, assets)).cache;
    const edited = { ...files, 'index.md': `${files['index.md']}\nEdited.\n` };
    const before = pool.completed;
    const parallel = await renderTreeParallel(inputOf(edited, assets, cache), pool);
    expect(pool.completed).toBe(before);
    same(parallel, renderTree(inputOf(edited, assets, cache)));
  });

  it('answers a link to a heading of its own page by path as a link from another page, whatever the order', () => {
    const own = { 'a.md': '# A\n\n## Install on Linux\n\nSee [here](a.md#install-on-linux).\n', 'b.md': '# B\n\nSee [there](a.md#install-on-linux).\n' };
    const first = renderTree(inputOf(own, []));
    const anchor = /ac:anchor="([^"]+)"/;
    const [a, b] = ['a.md', 'b.md'].map((path) => anchor.exec(first.pages.find((p) => p.path === path)!.storage)?.[1]);
    expect(a).toBe(b);
    expect(a).not.toBe('install-on-linux');
    expect(renderTree(inputOf(own, [], first.cache)).converted).toBe(0);
  });

  it('converts again a page whose link was answered from a wrong guess at a later page\'s anchors', async () => {
    // The guess reads `&amp;` as written; the heading's text (and so its slug) has `&`.
    const own: Files = {
      'a.md': '# A\n\nSee [fish](b.md#fish--chips) and [setup](b.md#setup).\n',
      'b.md': '# B\n\n## Fish &amp; Chips\n\n## Setup\n',
    };
    const sequential = renderTree(inputOf(own, []));
    expect(sequential.converted).toBe(3);
    expect(sequential.warnings).toEqual([]);
    expectComplete(inputOf(own, []), sequential);
    const parallel = await renderTreeParallel(inputOf(own, []), pool, { minConversions: 1 });
    same(parallel, sequential);
    // A right guess (only `#setup`): each file once.
    const right = { ...own, 'a.md': '# A\n\nSee [setup](b.md#setup).\n' };
    expect(renderTree(inputOf(right, [])).converted).toBe(2);
  });

  it('starts and closes a pool of its own when none is given', async () => {
    same(await renderTreeParallel(inputOf(files, assets), undefined, { minConversions: 1 }), renderTree(inputOf(files, assets)));
  });
});
