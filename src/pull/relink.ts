import { posix } from 'node:path';
import { isFolderPath, nameOf } from './layout.js';

/**
 * What a relative link to the file at `path` must contain (pure): `b.md` for `a/b.md`, `b/` for a
 * folder page `a/b/index.md` (links name the folder or its index file), in plain and in
 * percent-encoded spelling.
 */
export function linkNeedles(path: string): string[] {
  const name = isFolderPath(path) ? `${nameOf(path)}/` : posix.basename(path);
  if (name === '/' ) return [];
  return [...new Set([name, encodeURI(name)])];
}

/**
 * Whether a Markdown text may link to one of these files (an over-approximation: a file that is
 * only mentioned is converted again for nothing, never left with a broken link).
 */
export function mayLinkTo(text: string, needles: readonly string[]): boolean {
  return needles.some((needle) => text.includes(needle));
}
