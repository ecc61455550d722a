/**
 * The kind of HTML block (CommonMark, "HTML blocks") a raw HTML value would start, which decides
 * whether it ends at a blank line and whether it can interrupt a paragraph: 1 raw (`<pre>` …),
 * 2 comment, 3 processing instruction, 4 declaration, 5 CDATA, 6 block tag, 7 any other tag;
 * `undefined` when it is none of them.
 */
export type HtmlKind = 1 | 2 | 3 | 4 | 5 | 6 | 7 | undefined;

/** Tags whose content is raw text (condition 1). */
export const RAW_NAMES: ReadonlySet<string> = new Set(['pre', 'script', 'style', 'textarea']);

/** Block tag names (condition 6). */
export const BLOCK_NAMES: ReadonlySet<string> = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);

function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAlphanumeric(code: number): boolean {
  return isAlpha(code) || (code >= 48 && code <= 57);
}

export function htmlKind(value: string): HtmlKind {
  if (value.charCodeAt(0) !== 60) return undefined;
  const second = value.charCodeAt(1);
  if (second === 33) {
    const third = value.charCodeAt(2);
    if (third === 45) return 2;
    if (third === 91) return 5;
    return isAlpha(third) ? 4 : undefined;
  }
  if (second === 63) return 3;
  const closing = second === 47;
  const start = closing ? 2 : 1;
  if (!isAlpha(value.charCodeAt(start))) return undefined;
  let end = start;
  while (value.charCodeAt(end) === 45 || isAlphanumeric(value.charCodeAt(end))) end += 1;
  const name = value.slice(start, end).toLowerCase();
  if (!closing && value.charCodeAt(end) !== 47 && RAW_NAMES.has(name)) return 1;
  return BLOCK_NAMES.has(name) ? 6 : 7;
}
