import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRenderCache, writeRenderCache, type RenderCache } from '../../src/sync/render-cache.js';
import { renderTree, type RenderResult } from '../../src/sync/render.js';
import { buildTree } from '../../src/tree/build.js';
import { parseSource } from '../../src/tree/read.js';

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

function render(files: Files, assets: string[], cache?: RenderCache): RenderResult {
  const sources = Object.entries(files).map(([path, text]) => {
    const parsed = parseSource(path, text);
    if (!('file' in parsed)) throw new Error(`bad fixture ${path}`);
    return parsed.file;
  });
  const { tree, problems } = buildTree(sources);
  expect(problems).toEqual([]);
  return renderTree({ tree, assets: new Set(assets), digest: (p) => `digest-of-${p}`, notice: () => '', notifyByDefault: false, cache });
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
    // index.md twice: its link to a heading of guide/install.md, converted after it.
    expect(first.converted).toBe(5);
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

  it('reads a missing, corrupt or foreign cache file as empty, and round-trips a written one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-cache-'));
    try {
      const file = join(dir, 'sub', 'cache.json');
      expect(await readRenderCache(file)).toEqual({ version: 1, entries: {} });
      const first = render(base, assets);
      await writeRenderCache(file, first.cache);
      expect(render(base, assets, await readRenderCache(file)).converted).toBe(0);
      writeFileSync(file, '{"version":1,"entries":{"index.md":{"source":1}}}');
      expect(await readRenderCache(file)).toEqual({ version: 1, entries: {} });
      writeFileSync(file, '{not json');
      expect(await readRenderCache(file)).toEqual({ version: 1, entries: {} });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
