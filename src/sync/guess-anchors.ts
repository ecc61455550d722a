import { characterEntitiesHtml4 } from 'character-entities-html4';
import { confluenceHeadingAnchor, GithubSlugger } from '../convert/shared/anchors.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const INLINE = [
  // Images and links: their text (an image's alt text is not part of a heading's text).
  [/!\[[^\]]*\]\([^)]*\)/g, ''],
  [/\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/<[^>]+>/g, ''],
  [/`+([^`]*)`+/g, '$1'],
  [/(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1/g, '$2'],
] as const;
/** Escaped punctuation, hidden from the patterns above as private-use characters meanwhile. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const HIDDEN = /[\uE000-\uE07F]/g;

/**
 * A quick guess at the heading anchors of a Markdown body, as `anchorsOf` would give them from its
 * conversion (GitHub slug, lower case → Confluence anchor), without parsing it: ATX and setext
 * headings outside fenced code, with the common inline markup taken off.
 *
 * It is only a guess, used to answer links to pages not converted yet (render.ts `RenderRounds`):
 * every answer it gave is checked against the real anchors once they are known, and the conversion
 * is done again when one differs. A good guess saves that second conversion; a wrong one costs
 * nothing but the time the guess took.
 */
export function guessAnchors(markdown: string): Map<string, string> {
  const slugger = new GithubSlugger();
  const anchors = new Map<string, string>();
  const add = (raw: string) => {
    let text = raw.replace(ESCAPED, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
    for (const [pattern, replacement] of INLINE) text = text.replace(pattern, replacement);
    text = text.replace(HIDDEN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
    const slug = slugger.slug(text.trim()).toLowerCase();
    anchors.set(slug, confluenceHeadingAnchor(text));
  };
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let previous = '';
  for (const line of lines) {
    const open = FENCE.exec(line);
    if (fence !== undefined) {
      if (open && open[1]!.startsWith(fence) && line.trim() === open[1]) fence = undefined;
      previous = '';
      continue;
    }
    if (open) {
      fence = open[1]!;
      previous = '';
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      add(atx[2] ?? '');
      previous = '';
      continue;
    }
    if (SETEXT.test(line) && previous.trim() !== '' && !/^ {0,3}([-*+]|\d+[.)])[ \t]/.test(previous) && !/^ {0,3}>/.test(previous)) {
      add(previous.trim());
      previous = '';
      continue;
    }
    previous = line;
  }
  return anchors;
}

const STORAGE_HEADING = /<h([1-6])(?:\s[^>]*)?>([\s\S]*?)<\/h\1\s*>/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const TAG = /<[^>]*>/g;
const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|([a-z][a-z0-9]*));/gi;

/** The text of a storage fragment: CDATA kept, tags dropped, character references decoded. */
function storageText(fragment: string): string {
  return fragment
    .replace(CDATA, (_, text: string) => text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;')))
    .replace(TAG, '')
    .replace(ENTITY, (whole, hex?: string, decimal?: string, name?: string) => {
      if (hex !== undefined || decimal !== undefined) {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return name === 'apos' ? "'" : (characterEntitiesHtml4[name!] ?? whole);
    });
}

/**
 * A quick guess at the heading anchors of the Markdown a page's storage body pulls to, without
 * converting it: the text of each `<h1>`–`<h6>` (tags dropped, CDATA and character references
 * as text) gives its GitHub slug (lower case) and its Confluence anchor, as {@link guessAnchors}
 * does for Markdown. A pull uses it to render the pulled files while it still fetches (links to
 * pages not pulled yet); like that one, it is checked against the real anchors before it counts.
 */
export function guessStorageAnchors(storage: string): Map<string, string> {
  const slugger = new GithubSlugger();
  const anchors = new Map<string, string>();
  for (const match of storage.matchAll(STORAGE_HEADING)) {
    const text = storageText(match[2]!);
    anchors.set(slugger.slug(text.trim()).toLowerCase(), confluenceHeadingAnchor(text));
  }
  return anchors;
}
