/**
 * Where a piece of text is written, as the constructs around it (mdast-util-to-markdown's
 * `state.stack`, reduced to the names its escaping rules look at), one bit each.
 */
export const PHRASING = 1;
export const HEADING = 2;
export const TABLE_CELL = 4;
export const LABEL = 8;
export const REFERENCE = 16;
export const DESTINATION_RAW = 32;
export const DESTINATION_LITERAL = 64;
export const TITLE_QUOTE = 128;
export const CODE_LANG = 256;
export const CODE_META = 512;
export const LINK = 1024;
export const IMAGE = 2048;

/** Constructs inside which attention, links and code cannot start: most phrasing rules are off. */
export const PHRASING_SPANS = DESTINATION_RAW | DESTINATION_LITERAL | TITLE_QUOTE | REFERENCE;

/** Phrasing where emphasis, code and links can form. */
export function inPhrasing(scope: number): boolean {
  return (scope & PHRASING) !== 0 && (scope & PHRASING_SPANS) === 0;
}

/** Phrasing where GFM would read a literal autolink (not inside a link, an image or a label). */
export function inAutolinkText(scope: number): boolean {
  return (scope & PHRASING) !== 0 && (scope & (LINK | IMAGE | LABEL)) === 0;
}
