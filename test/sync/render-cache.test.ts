import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRenderCache, renderCacheChanged, storageStoreOf, writeRenderCache, type RenderCache } from '../../src/sync/render-cache.js';
import { MemoryStorageStore, type StorageStore } from '../../src/sync/storage-store.js';
import { renderTree, type RenderResult } from '../../src/sync/render.js';
import { treeOf } from './tree-of.js';

/**
 * The conversion cache: a file is converted again only when its source or an answer its
 * conversion got (a linked page's title or heading anchor, an attachment) changed; the result is
 * always what converting everything from scratch gives.
 */
type Files = Record<string, string>;

const base: Files = {
  'index.md': '# Home\n\nSee [install](guide/install.md#requirements) and [ops](ops.md).\n',
  'guide/install.md': '# Install\n\n## Requirements\n\nNode.\n\n![shot](shot.png)\n',
  'ops.md': '# Ops\n\nBack to [home](index.md).\n',
  'faq.md': '# FAQ\n\nNothing links here.\n',
};

/** Bodies of every render of this file (content-addressed, so sharing them changes no result). */
const memory = new MemoryStorageStore();

function render(files: Files, assets: string[], cache?: RenderCache, store: StorageStore = memory): RenderResult {
  return renderTree({ tree: treeOf(files), assets: new Set(assets), digest: (p) => `digest-of-${p}`, notice: () => '', notifyByDefault: false, cache, store });
}

/** What a run without any cache gives: the reference every cached run must equal. */
const fromScratch = (files: Files, assets: string[]) => render(files, assets);
const same = (a: RenderResult, b: RenderResult) => {
  expect(a.pages).toEqual(b.pages);
  expect(a.warnings).toEqual(b.warnings);
};

describe('the conversion cache', () => {
  const assets = ['guide/shot.png'];

  it('converts nothing when nothing changed, and gives the same pages', () => {
    const first = render(base, assets);
    // Each file once: index.md's link to a heading of guide/install.md, converted after it, is
    // answered from the guess at that page's anchors, which the real ones confirm.
    expect(first.converted).toBe(4);
    const second = render(base, assets, first.cache);
    expect(second.converted).toBe(0);
    same(second, first);
  });

  it('converts only the edited file when no other file depends on what changed', () => {
    const first = render(base, assets);
    const edited = { ...base, 'faq.md': '# FAQ\n\nOne question.\n' };
    const second = render(edited, assets, first.cache);
    expect(second.converted).toBe(1);
    same(second, fromScratch(edited, assets));
  });

  it('converts again the files that link to a page whose title changed', () => {
    const first = render(base, assets);
    const renamed = { ...base, 'ops.md': '---\ntitle: Operations\n---\n\nBack to [home](index.md).\n' };
    const second = render(renamed, assets, first.cache);
    // ops.md itself, and index.md whose link now names "Operations".
    expect(second.converted).toBe(2);
    same(second, fromScratch(renamed, assets));
    expect(second.pages.find((p) => p.path === 'index.md')!.storage).toContain('ri:content-title="Operations"');
  });

  it('converts again a file that links to a heading whose anchor changed, even when the target comes later', () => {
    const first = render(base, assets);
    const retitled = { ...base, 'guide/install.md': base['guide/install.md']!.replace('## Requirements', '## Overview\n\n## Requirements') };
    const edited = { ...base, 'guide/install.md': base['guide/install.md']!.replace('## Requirements', '## System requirements') };
    // A heading added before the linked one: its anchor is the same, so only the edited file.
    // The linked heading renamed: index.md too, although it comes before guide/install.md.
    for (const [files, converted] of [[retitled, 1], [edited, 2]] as const) {
      const second = render(files, assets, first.cache);
      same(second, fromScratch(files, assets));
      expect(second.converted).toBe(converted);
    }
  });

  it('converts again a file whose image appeared or disappeared', () => {
    const first = render(base, []);
    expect(first.warnings.map((w) => w.code)).toContain('attachment-unresolved');
    const second = render(base, assets, first.cache);
    expect(second.converted).toBe(1);
    same(second, fromScratch(base, assets));
    const third = render(base, [], second.cache);
    expect(third.converted).toBe(1);
    same(third, fromScratch(base, []));
  });

  it('drops the entries of files that are gone', () => {
    const first = render(base, assets);
    const { 'faq.md': _gone, ...rest } = base;
    const second = render(rest, assets, first.cache);
    expect(Object.keys(second.cache.entries).sort()).toEqual(['guide/install.md', 'index.md', 'ops.md']);
  });

  it('is changed only when a file was converted, added or dropped (so a no-op push does not rewrite it)', () => {
    const first = render(base, assets);
    expect(renderCacheChanged(undefined, first.cache)).toBe(true);
    expect(renderCacheChanged(first.cache, render(base, assets, first.cache).cache)).toBe(false);
    expect(renderCacheChanged(first.cache, render({ ...base, 'faq.md': '# FAQ\n\nEdited.\n' }, assets, first.cache).cache)).toBe(true);
    const { 'faq.md': _gone, ...rest } = base;
    expect(renderCacheChanged(first.cache, render(rest, assets, first.cache).cache)).toBe(true);
    expect(renderCacheChanged(render(rest, assets).cache, render(base, assets, render(rest, assets).cache).cache)).toBe(true);
  });

  it('writes a cache larger than its write chunks whole, keeps the bodies beside it by hash, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cache-'));
    try {
      const file = join(dir, 'cache.json');
      const big: Files = {};
      // 1.2 MB of storage (code blocks are cheap to convert), over the 1 MiB a write takes.
      for (let i = 0; i < 120; i++) big[`p${i}.md`] = `# Page ${i}\n\nSee [home](index.md).\n\n\`\`\`\n${String(i).repeat(10_000 / String(i).length)}\n\`\`\`\n`;
      big['index.md'] = '# Home\n';
      const first = render(big, [], undefined, storageStoreOf(file));
      await writeRenderCache(file, first.cache, storageStoreOf(file));
      expect(readdirSync(dir).sort()).toEqual(['cache.json', 'cache.storage']);
      // One file per distinct body (p1.md and p11.md have the same one).
      const distinct = new Set(Object.values(first.cache.entries).map((e) => e.result.storageHash));
      expect(distinct.size).toBe(112);
      expect(readdirSync(join(dir, 'cache.storage')).sort()).toEqual([...distinct].map((h) => `${h}.xml`).sort());
      const read = await readRenderCache(file);
      expect(read).toEqual(first.cache);
      // A run of its own (a new store over the same folder) converts nothing and gives the same pages.
      const again = render(big, [], read, storageStoreOf(file));
      expect(again.converted).toBe(0);
      expect(again.pages.reduce((n, page) => n + page.storage.length, 0)).toBeGreaterThan(1 << 20);
      same(again, fromScratch(big, []));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('converts again a file whose body is missing from the store, and removes bodies no entry uses when it writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cache-'));
    try {
      const file = join(dir, 'cache.json');
      const first = render(base, assets, undefined, storageStoreOf(file));
      await writeRenderCache(file, first.cache, storageStoreOf(file));
      const bodies = join(dir, 'cache.storage');
      const faq = first.cache.entries['faq.md']!.result.storageHash;
      rmSync(join(bodies, `${faq}.xml`));
      const second = render(base, assets, await readRenderCache(file), storageStoreOf(file));
      expect(second.converted).toBe(1);
      same(second, fromScratch(base, assets));
      // An edit: its old body is removed with the write, its new one kept; a stray temporary file goes too.
      writeFileSync(join(bodies, `${faq}.xml.123.abcd1234.tmp`), 'half');
      const edited = { ...base, 'ops.md': '# Ops\n\nEdited.\n' };
      const third = render(edited, assets, second.cache, storageStoreOf(file));
      await writeRenderCache(file, third.cache, storageStoreOf(file));
      expect(readdirSync(bodies).sort()).toEqual(Object.values(third.cache.entries).map((e) => `${e.result.storageHash}.xml`).sort());
      expect(readdirSync(bodies)).not.toContain(`${first.cache.entries['ops.md']!.result.storageHash}.xml`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a missing, corrupt or foreign cache file as empty, and round-trips a written one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cache-'));
    try {
      const file = join(dir, 'sub', 'cache.json');
      expect(await readRenderCache(file)).toEqual({ version: 2, entries: {} });
      const first = render(base, assets);
      await writeRenderCache(file, first.cache);
      expect(render(base, assets, await readRenderCache(file)).converted).toBe(0);
      writeFileSync(file, '{"version":2,"entries":{"index.md":{"source":1}}}');
      expect(await readRenderCache(file)).toEqual({ version: 2, entries: {} });
      // A cache of the format before bodies were kept by hash.
      writeFileSync(file, JSON.stringify({ version: 1, entries: { 'index.md': { source: 'x', queries: [], result: { storage: '<p/>', attachments: [], headings: [], warnings: [] } } } }));
      expect(await readRenderCache(file)).toEqual({ version: 2, entries: {} });
      writeFileSync(file, '{not json');
      expect(await readRenderCache(file)).toEqual({ version: 2, entries: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
