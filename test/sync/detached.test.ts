import { describe, expect, it } from 'vitest';
import { detached } from '../../src/sync/detached.js';
import { convertPage, type ConvertedPage } from '../../src/sync/render-resolve.js';
import { heapAfterGc, MB } from './heap.js';

/**
 * V8 keeps a substring as a view into the string it was cut from: a small result cut from a page
 * keeps the whole page alive. These tests measure the heap after a full collection, which frees
 * exactly what nothing refers to (no timing involved).
 */

describe('detached', () => {
  it('copies a value whose strings were cut from big texts, so the texts can be freed', () => {
    // 16 texts of a million characters (one byte each: é is Latin-1): 16 MB.
    let texts: string[] | undefined = Array.from({ length: 16 }, (_, i) => `${i} `.padEnd(1_000_000, 'é'));
    let cut: Array<{ message: string; list: string[] }> | undefined = texts.map((t) => ({ message: t.slice(0, 40), list: [t.slice(100, 140)] }));
    texts = undefined;
    const holding = heapAfterGc();
    const copy = detached(cut);
    expect(copy).toEqual(cut);
    expect(copy).not.toBe(cut);
    cut = undefined;
    const freed = holding - heapAfterGc();
    expect(freed).toBeGreaterThan(14 * MB);
    expect(copy[3]!.message).toBe(`3 ${'é'.repeat(38)}`);
  });
});

describe('convertPage', () => {
  it("keeps no part of the page's Markdown alive in what it returns", () => {
    const facts = { titles: new Map([['a.md', 'A']]), assets: new Set<string>(), anchors: new Map() };
    // Pages with a heading, a link to a missing page (a warning quoting it) and a long code block.
    let bodies: string[] | undefined = Array.from(
      { length: 8 },
      (_, i) => `## Heading number ${i} with a long enough title\n\nSee [the missing page ${i}](missing-${i}-page-with-a-long-name.md).\n\n\`\`\`\n${'é'.repeat(400_000)}\n\`\`\`\n`,
    );
    const results: ConvertedPage[] = bodies.map((body, i) => convertPage(facts, { path: `p${i}.md`, body, options: { toc: false } }));
    expect(results[0]!.result.warnings.length).toBeGreaterThan(0);
    expect(results[0]!.result.headings.length).toBe(1);
    const withBodies = heapAfterGc();
    bodies = undefined;
    // The bodies are 3.2 MB (one byte a character); the storage kept in the results is a copy of its own.
    expect(withBodies - heapAfterGc()).toBeGreaterThan(2.9 * MB);
    expect(results.length).toBe(8);
  });
});
