import type { BlockContent, DefinitionContent, Html, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { emojiForShortcode } from '../shared/emoji.js';

/**
 * Text that the push converter would read as something else after Markdown parsing, where
 * Markdown escapes do not help (they are gone by the time the push's plugins look at the text):
 * an emoji shortcode (`:x:` would become ❌) and an alert marker at the start of a quote
 * (`[!NOTE]`). Such text is split by an empty HTML comment, which the push drops; readers see
 * `:x<!---->:`.
 */
const BREAK: Html = { type: 'html', value: '<!---->' };
const SHORTCODE = /:([a-z0-9_+-]+):/g;
/**
 * Where GFM would see a literal autolink (`https://…`, `www.…`, `name@host.tld`) even with the
 * escapes the serializer writes: the split goes before `//`, after `www`, before `@`. GFM starts
 * one after `_` too (`\_www.x`), which `\b` does not see: any character but a letter or digit.
 */
const AUTOLINK = /(?<=(?<![A-Za-z0-9])(?:https?|ftp):)(?=\/\/)|(?<=(?<![A-Za-z0-9])www)(?=\.)|(?<=[\w.+-])(?=@[A-Za-z0-9])/gi;
/**
 * An emphasis or strong sequence may be written `_`/`__`, and GFM takes `_` into the local part of
 * an email autolink (`**_@a.io!_**`, `**_x_@a.io**` read `_@a.io` and `_x_@a.io` as addresses):
 * a text that starts with `@` right inside or right after one is split before the `@` too.
 */
const EMAIL_AT_START = /^@[\w.-]*\.[A-Za-z0-9]/;
const UNDERSCORE_SEQUENCE = new Set(['emphasis', 'strong']);
const ADJACENT = new Set(['inlineCode', 'emphasis', 'strong', 'delete']);
const ALERT_MARKER = /^\[!(note|tip|important|warning|caution)\]/i;

/**
 * Offsets where a text must be split: before the closing colon of a known shortcode, and inside
 * literal autolinks (at 0 too when `afterUnderscore`: a `_` sequence may be written right before it).
 */
function splitPoints(value: string, inLink: boolean, afterUnderscore: boolean): number[] {
  // A shortcode needs two colons, an autolink `//`, `@` or `www.`: most text has none of them.
  const colon = value.indexOf(':');
  const shortcodes = colon !== -1 && colon !== value.lastIndexOf(':');
  const autolinks = !inLink && (value.includes('//') || value.includes('@') || (value.includes('.') && /www\./i.test(value)));
  if (!shortcodes && !autolinks) return [];
  const points = new Set<number>();
  if (shortcodes) {
    for (const match of value.matchAll(SHORTCODE)) {
      if (emojiForShortcode(match[1] ?? '') !== undefined) points.add((match.index ?? 0) + match[0].length - 1);
    }
  }
  if (autolinks) {
    for (const match of value.matchAll(AUTOLINK)) points.add(match.index ?? 0);
    if (afterUnderscore && EMAIL_AT_START.test(value)) points.add(0);
  }
  return [...points].filter((point) => (point > 0 || afterUnderscore) && point < value.length).sort((a, b) => a - b);
}

/** Splits a text node at its {@link splitPoints} with empty comments. */
function splitText(node: Text, inLink: boolean, afterUnderscore: boolean): PhrasingContent[] {
  const points = splitPoints(node.value, inLink, afterUnderscore);
  if (points.length === 0) return [node];
  const out: PhrasingContent[] = [];
  let from = 0;
  for (const point of points) {
    if (point > from) out.push({ type: 'text', value: node.value.slice(from, point) });
    out.push({ ...BREAK });
    from = point;
  }
  out.push({ type: 'text', value: node.value.slice(from) });
  return out;
}

function guardPhrasing(parent: Parent, inLink = false): void {
  const children: Nodes[] = [];
  for (const child of parent.children) {
    // Two code spans, or two runs of the same emphasis, in a row would read as one: keep them apart.
    if (ADJACENT.has(child.type) && children[children.length - 1]?.type === child.type) children.push({ ...BREAK });
    const before = children.length === 0 ? parent.type : children[children.length - 1]?.type;
    if (child.type === 'text') children.push(...splitText(child, inLink, UNDERSCORE_SEQUENCE.has(before ?? '')));
    else {
      if ('children' in child) guardPhrasing(child, inLink || child.type === 'link');
      children.push(child);
    }
  }
  parent.children = children as Parent['children'];
}

/** `> [!NOTE] …` that is a plain quote in the storage: split after `[`. */
function guardQuote(children: readonly (BlockContent | DefinitionContent)[]): void {
  const first = children[0];
  if (first?.type !== 'paragraph') return;
  const head = first.children[0];
  if (head?.type !== 'text' || !ALERT_MARKER.test(head.value)) return;
  first.children.splice(0, 1, { type: 'text', value: '[' }, { ...BREAK }, { type: 'text', value: head.value.slice(1) });
}

/**
 * Inside a quote, a blank line after a tight list makes the Markdown parser read the list as loose;
 * an empty comment right after the list (written on the next line, see `stringify.ts`) ends it
 * first.
 */
export const LIST_END = '<!-- -->';

function guardQuotedLists(children: Nodes[]): void {
  for (let index = children.length - 2; index >= 0; index -= 1) {
    const node = children[index];
    if (node?.type === 'list' && !node.spread) children.splice(index + 1, 0, { type: 'html', value: LIST_END });
  }
}

/** Applies the guards to a whole tree, in place. */
export function guard(tree: Root): Root {
  const visit = (node: Nodes): void => {
    if (node.type === 'blockquote' || node.type === 'githubAlert') guardQuotedLists(node.children as Nodes[]);
    if (node.type === 'blockquote') guardQuote(node.children);
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      guardPhrasing(node);
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return tree;
}
