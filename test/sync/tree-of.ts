import { expect } from 'vitest';
import { buildTree, type LocalTree } from '../../src/tree/build.js';
import { parseSource } from '../../src/tree/read.js';

/** The tree of these files (path → text), which must parse and build without a problem. */
export function treeOf(files: Readonly<Record<string, string>>): LocalTree {
  const sources = Object.entries(files).map(([path, text]) => {
    const parsed = parseSource(path, text);
    if (!('file' in parsed)) throw new Error(`bad fixture ${path}`);
    return parsed.file;
  });
  const { tree, problems } = buildTree(sources);
  expect(problems).toEqual([]);
  return tree;
}
