import { normaliseStorage } from '../convert/index.js';

/**
 * Splits off the first `count` top-level elements of a storage body (leading whitespace included),
 * or returns undefined when it does not start with that many elements. A tag scanner, enough for
 * the notice: CDATA sections and comments are skipped over.
 */
function leadingElements(storage: string, count: number): { head: string; rest: string } | undefined {
  const tag = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>|[^<]+/gy;
  let depth = 0;
  let found = 0;
  let match: RegExpExecArray | null;
  tag.lastIndex = 0;
  while (found < count && (match = tag.exec(storage)) !== null) {
    const [text, closing, name, selfClosing] = match;
    if (name === undefined) {
      // Text between top-level elements must be whitespace.
      if (depth === 0 && text.trim() !== '' && !text.startsWith('<')) return undefined;
      continue;
    }
    if (closing) depth--;
    else if (!selfClosing) depth++;
    if (depth < 0) return undefined;
    if (depth === 0) found++;
  }
  if (found < count) return undefined;
  return { head: storage.slice(0, tag.lastIndex), rest: storage.slice(tag.lastIndex) };
}

function topLevelCount(storage: string): number {
  let n = 0;
  for (let i = 1; leadingElements(storage, i) !== undefined; i++) n = i;
  return n;
}

/**
 * The body without the notice push puts at the top of a page (config `notice`), when it starts
 * with it: compared after the normalisation (Confluence adds macro ids and attributes on save), so
 * the pulled Markdown does not carry the notice and the next push does not add it twice.
 */
export function stripNotice(storage: string, notice: string): string {
  if (notice.trim() === '') return storage;
  const count = topLevelCount(notice.trim());
  if (count === 0) return storage;
  const split = leadingElements(storage, count);
  if (!split) return storage;
  const expected = normaliseStorage(notice);
  if (expected === undefined || normaliseStorage(split.head) !== expected) return storage;
  return split.rest.replace(/^\s+/, '');
}
