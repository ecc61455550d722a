import type { Element, ElementContent } from 'hast';
import { cdata, escapeXmlText, xmlAttributes } from '../shared/xml.js';
import { isPhrasing } from './elements.js';

/**
 * Storage written back as storage: the lossless form of everything the converter does not map
 * to Markdown. The rules are the push serializer's (`to-storage/serialize.ts`), so a subtree the
 * push converter reads back is written with the same bytes: attributes double-quoted in source
 * order, `& < >` (and `"`, tab, LF, CR in attributes) escaped, CDATA split around `]]>`, empty
 * void elements and `ri:*` resources as `<x />`, explicit end tags everywhere else.
 *
 * The one-line form, used inside Markdown (raw HTML must not contain a blank line, and a line
 * break would let Markdown block syntax cut it), writes line breaks in text as `&#10;`/`&#13;`.
 * A CDATA section holding a line break cannot be written on one line: such a subtree is
 * {@link fitsOnOneLine} `false` and goes into a storage fence instead.
 */

const SELF_CLOSING = new Set(['br', 'hr', 'img', 'col', 'wbr', 'ac:emoticon']);

function selfCloses(element: Element): boolean {
  return element.children.length === 0 && (SELF_CLOSING.has(element.tagName) || element.tagName.startsWith('ri:'));
}


function oneLineText(value: string): string {
  const escaped = escapeXmlText(value);
  return escaped.includes('\n') || escaped.includes('\r') ? escaped.replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : escaped;
}

/** `<name attr="…">`, or `<name attr="…" />` for an element written self-closed. */
export function startTag(element: Element): string {
  return `<${element.tagName}${xmlAttributes(element.properties)}${selfCloses(element) ? ' />' : '>'}`;
}

export function endTag(element: Element): string {
  return selfCloses(element) ? '' : `</${element.tagName}>`;
}

function isLayout(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/**
 * The children of an element as the push lays them out when it reads the element back from raw
 * storage in Markdown (`to-storage/handlers/xhtml.ts`): no whitespace between the parts of an
 * `ac:structured-macro`, and an `ac:rich-text-body` of blocks written one block per line. Raw
 * forms in Markdown are written this way so that they are a fixed point.
 */
export function laidOutChildren(element: Element): ElementContent[] {
  if (element.tagName === 'ac:structured-macro') return element.children.filter((child) => !isLayout(child));
  if (element.tagName === 'ac:rich-text-body') {
    const content = element.children.filter((child) => !isLayout(child) && child.type !== 'comment');
    // As the push sees it: text and inline elements are phrasing, CDATA is not.
    const phrasing = content.some((child) => child.type !== 'cdata' && isPhrasing(child));
    if (content.length === 0 || phrasing) return element.children;
    const out: ElementContent[] = [{ type: 'text', value: '\n' }];
    for (const child of content) out.push(child, { type: 'text', value: '\n' });
    return out;
  }
  return element.children;
}

function write(node: ElementContent, oneLine: boolean, out: string[]): void {
  switch (node.type) {
    case 'text':
      out.push(oneLine ? oneLineText(node.value) : escapeXmlText(node.value));
      return;
    case 'cdata':
      out.push(cdata(node.value));
      return;
    case 'element':
      out.push(startTag(node));
      if (selfCloses(node)) return;
      for (const child of oneLine ? laidOutChildren(node) : node.children) write(child, oneLine, out);
      out.push(endTag(node));
      return;
    default:
      return;
  }
}

/** The storage of `nodes`, as the push serializer writes it. */
export function toStorage(nodes: readonly ElementContent[]): string {
  const out: string[] = [];
  for (const node of nodes) write(node, false, out);
  return out.join('');
}

/** The storage of `nodes` on one line (line breaks in text as character references). */
export function toStorageLine(nodes: readonly ElementContent[]): string {
  const out: string[] = [];
  for (const node of nodes) write(node, true, out);
  return out.join('');
}

/** False when a CDATA section in `nodes` holds a line break (it cannot be written on one line). */
export function fitsOnOneLine(nodes: readonly ElementContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'cdata' && (node.value.includes('\n') || node.value.includes('\r'))) return false;
    if (node.type === 'element' && !fitsOnOneLine(node.children)) return false;
  }
  return true;
}
