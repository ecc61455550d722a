import type { Element, ElementContent } from 'hast';
import type { BlockContent, List, ListItem } from 'mdast';
import { elementChildren, hasOnlyAttributes, isPhrasing, isWhitespace, significant } from '../elements.js';
import type { PullState } from '../state.js';

/** An item's content split as Markdown sees it: the text that opens it, then its blocks. */
export interface ItemParts {
  readonly inline: ElementContent[];
  readonly blocks: ElementContent[];
}

/** Inline storage that is not in the push's phrasing list, but reads as text when next to text (a status lozenge). */
const INLINE_STORAGE = new Set(['ac:structured-macro', 'ac:inline-comment-marker', 'ac:placeholder']);

function isTextLike(node: ElementContent | undefined): boolean {
  return node !== undefined && isPhrasing(node) && !isWhitespace(node);
}

export function itemParts(children: readonly ElementContent[]): ItemParts {
  let index = 0;
  let sawText = false;
  while (index < children.length) {
    const node = children[index] as ElementContent;
    if (isPhrasing(node)) sawText ||= !isWhitespace(node);
    else if (!(node.type === 'element' && INLINE_STORAGE.has(node.tagName) && (sawText || isTextLike(significant(children.slice(index + 1))[0])))) break;
    index += 1;
  }
  return { inline: children.slice(0, index), blocks: children.slice(index) };
}

/** An item whose text starts with a storage tag: the push would read that line as raw storage, not as the item's text. */
export function startsWithStorageTag(content: readonly BlockContent[]): boolean {
  const first = content[0];
  if (first?.type !== 'paragraph') return false;
  const head = first.children[0];
  return head?.type === 'html' && (head.value.startsWith('<ac:') || head.value.startsWith('<ri:') || first.children.length === 1);
}

/**
 * Tight: text first (or nothing), then blocks that are not paragraphs (the push unwraps the
 * paragraphs of tight items). Inline content after a block is kept as storage by `flow`.
 */
export function fitsTight(parts: ItemParts): boolean {
  return significant(parts.blocks).every((node) => node.type !== 'element' || node.tagName !== 'p');
}

/** Loose: no text before the first block; the push wraps every paragraph of a loose item in `<p>`. */
function fitsLoose(parts: ItemParts): boolean {
  return parts.inline.every(isWhitespace);
}

/** The Markdown content of an item: a paragraph for its opening text (tight items), then its blocks. */
export function itemContent(state: PullState, parts: ItemParts): BlockContent[] | undefined {
  const out: BlockContent[] = [];
  if (!parts.inline.every(isWhitespace)) {
    const inline = state.phrasing(parts.inline, true);
    if (inline.length > 0) out.push({ type: 'paragraph', children: inline });
  }
  out.push(...state.nestedFlow(parts.blocks));
  return out;
}

/**
 * `<ul>`/`<ol start>` → a list. Items are tight (`<li>text<ul>…</ul></li>`, as Confluence Server
 * writes them) or loose (`<li><p>…</p></li>`, as the Cloud editor writes them); a list that mixes
 * the two cannot be written in Markdown, and is declined.
 */
export function list(state: PullState, element: Element): BlockContent[] | undefined {
  const ordered = element.tagName === 'ol';
  if (!hasOnlyAttributes(element, ordered ? ['start'] : [])) return undefined;
  const startValue = element.properties['start'];
  let start: number | undefined;
  if (startValue !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(String(startValue))) return undefined;
    start = Number(startValue);
  }
  const items = elementChildren(element);
  if (!items || items.length === 0) return undefined;
  if (items.some((item) => item.tagName !== 'li' || !hasOnlyAttributes(item))) return undefined;
  const parts = items.map((item) => itemParts(item.children));
  const tight = parts.every(fitsTight);
  if (!tight && !parts.every(fitsLoose)) return undefined;
  const children: ListItem[] = [];
  for (const part of parts) {
    const content = itemContent(state, part);
    if (!content || startsWithStorageTag(content)) return undefined;
    children.push({ type: 'listItem', spread: !tight, checked: null, children: content });
  }
  // Markdown sees a single item holding a single block as tight: it cannot be loose.
  if (!tight && children.length === 1 && (children[0]?.children.length ?? 0) < 2) return undefined;
  const node: List = { type: 'list', ordered, spread: !tight, children };
  if (ordered) node.start = start ?? 1;
  return [node];
}
