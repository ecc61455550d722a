import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToStorage, roundTripContexts, storageToMarkdown } from '../../../../src/convert/index.js';
import type { RoundTripTable, ToMarkdownContext } from '../../../../src/convert/index.js';
import { buildPullTree } from '../../../../src/convert/to-markdown/build.js';
import { serializeMarkdown } from '../../../../src/convert/to-markdown/serialize/index.js';
import { stringifyMarkdown } from '../../../../src/convert/to-markdown/stringify.js';
import type { Root } from 'mdast';
import { mdastRoot } from './mdast-arbitraries.js';
import { storageDocument } from './storage-arbitraries.js';

/**
 * Differential test of the fast serializer (`src/convert/to-markdown/serialize/`): on every tree
 * it writes, its Markdown is the reference's (`stringifyMarkdown`) byte for byte; where it
 * declines, it says so (and the converter uses the reference). Trees come from the golden
 * storage fixtures, from every Markdown fixture of the push converter pushed and pulled, from
 * generated storage, and from generated mdast.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures');

interface Outcome {
  readonly fallback: boolean;
  readonly fast: string | undefined;
  readonly reference: string;
}

function both(tree: Root): Outcome {
  const fast = serializeMarkdown(tree);
  const reference = stringifyMarkdown(tree);
  return fast.ok ? { fallback: false, fast: fast.markdown, reference } : { fallback: true, fast: undefined, reference };
}

function pulledTree(storage: string, context: ToMarkdownContext): Root | undefined {
  const built = buildPullTree(storage, context, context.file ?? '<stdin>');
  return built.ok && built.tree.children.length > 0 ? built.tree : undefined;
}

function directories(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, entry.name))
    .sort();
}

/** Each fixture of `fixtures/<set>` pulled into a tree by `treeOf`: the fast serializer's Markdown must be the reference's wherever it does not decline. */
function compareFixtures(set: string, treeOf: (dir: string) => Root | undefined): { trees: number; fallbacks: number } {
  let trees = 0;
  let fallbacks = 0;
  for (const dir of directories(path.join(FIXTURES, set))) {
    const tree = treeOf(dir);
    if (!tree) continue;
    const outcome = both(tree);
    trees += 1;
    if (outcome.fallback) fallbacks += 1;
    else expect(outcome.fast, path.basename(dir)).toBe(outcome.reference);
  }
  return { trees, fallbacks };
}

function table(dir: string): RoundTripTable {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'context.json'), 'utf8')) as RoundTripTable;
  } catch {
    return { file: 'docs/page.md' };
  }
}

const pull: ToMarkdownContext = {
  file: 'docs/page.md',
  resolvePage: (page) => `docs/${page.title}.md`,
  resolveAttachment: (filename) => `docs/page/${filename}`,
};

describe('fast serializer = remark-stringify (differential)', () => {
  it('on every storage fixture (fixtures/to-markdown), with no fallback', () => {
    const { trees, fallbacks } = compareFixtures('to-markdown', (dir) => pulledTree(readFileSync(path.join(dir, 'input.xml'), 'utf8'), roundTripContexts(table(dir)).pull));
    expect(trees).toBeGreaterThanOrEqual(40);
    expect(fallbacks).toBe(0);
  });

  it('on every Markdown fixture (fixtures/to-storage) pushed then pulled, with no fallback', () => {
    const { trees, fallbacks } = compareFixtures('to-storage', (dir) => {
      const markdown = readFileSync(path.join(dir, 'input.md'), 'utf8');
      return pulledTree(markdownToStorage(markdown, { file: 'docs/page.md', resolveLink: (target) => ({ title: target.path }) }).storage, pull);
    });
    expect(trees).toBeGreaterThanOrEqual(80);
    expect(fallbacks).toBe(0);
  });

  it('on generated storage, falling back on fewer than one tree in ten', () => {
    // A fixed seed: the share of fallbacks is a sample, 0.067-0.103 over seeds 1-20 at 1,500 runs
    // (a mean near 0.087), so a random seed failed the bound about one run in ten by chance alone.
    // With this one (0.096) the bound fails only when the serializer declines more.
    let trees = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(storageDocument, (storage) => {
        const tree = pulledTree(storage, pull);
        if (!tree) return;
        const outcome = both(tree);
        trees += 1;
        if (outcome.fallback) fallbacks += 1;
        else expect(outcome.fast).toBe(outcome.reference);
      }),
      { numRuns: 1500, seed: 1 },
    );
    expect(trees).toBeGreaterThan(1000);
    expect(fallbacks / trees).toBeLessThan(0.1);
  });

  it('on generated mdast of the converter\'s shapes, falling back on fewer than two trees in five (the generator crowds attention together)', () => {
    let trees = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(mdastRoot, (tree) => {
        const outcome = both(tree);
        trees += 1;
        if (outcome.fallback) fallbacks += 1;
        else expect(outcome.fast).toBe(outcome.reference);
      }),
      { numRuns: 3000 },
    );
    expect(fallbacks / trees).toBeLessThan(0.4);
  });

  it('is what storageToMarkdown writes', () => {
    const storage = '<h2>A *b*</h2><p><strong>x</strong>_y_ <a href="https://e.com/(a)">l</a></p><ul><li>one</li><li>two</li></ul>';
    const tree = pulledTree(storage, pull);
    expect(tree).toBeDefined();
    const fast = serializeMarkdown(tree as Root);
    expect(fast.ok).toBe(true);
    expect(storageToMarkdown(storage, pull).markdown).toBe(fast.ok ? fast.markdown : '');
    expect(fast.ok && fast.markdown).toBe('## A \\*b\\*\n\n**x**\\_y\\_ [l](https://e.com/\\(a\\))\n\n- one\n- two\n');
  });
});
