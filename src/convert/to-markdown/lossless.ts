/**
 * The lossless forms: how storage that Markdown cannot express is kept in the Markdown so that
 * the push converter writes back the same storage (docs/converter-to-markdown.md, "Lossless
 * forms").
 *
 * - **Storage fence** (block): a fenced code block with the info string `confluence-storage`
 *   whose content is the storage itself; the push converter publishes it as written.
 * - **Raw HTML line** (block): an HTML element (`<table>`, `<pre>`, `<p style>` …) on one line.
 * - **Hybrid** (block): raw lines for the markup, Markdown for every body (`ac:rich-text-body`,
 *   `ac:layout-cell`, table cells …) whose content is blocks, so the text stays editable.
 * - **Raw inline**: inline storage (`<ac:structured-macro ac:name="status">`, mentions,
 *   `<time>`) on one line inside the paragraph; formatting wrappers (`<u>`, `<sup>`,
 *   `<span style>`) keep Markdown between their tags.
 */
import type { Element, ElementContent } from 'hast';
import type { BlockContent, Code, Html, PhrasingContent } from 'mdast';
import { STORAGE_FENCE_LANGUAGE } from '../shared/storage-fence.js';
import { containsRewritten, isPhrasing, isWhitespace, significant, startsRawLine } from './elements.js';
import { endTag, laidOutChildren, startTag, toStorage, toStorageLine } from './raw.js';
import type { PullState } from './state.js';

/** Containers whose content can be Markdown inside a hybrid, when it is all blocks. */
const BODIES = new Set(['ac:rich-text-body', 'ac:layout-cell', 'ac:adf-content', 'td', 'th', 'div', 'blockquote', 'li']);

/** Wrappers whose content stays Markdown between raw tags when inline. */
const INLINE_WRAPPERS = new Set([
  'span', 'u', 'sub', 'sup', 'b', 'i', 's', 'del', 'ins', 'small', 'big', 'kbd', 'mark', 'abbr', 'cite', 'q', 'samp',
  'var', 'strong', 'em', 'code', 'font', 'ac:inline-comment-marker',
]);

function html(value: string): Html {
  return { type: 'html', value };
}

/** A storage fence holding `nodes` exactly. */
export function storageFence(nodes: readonly ElementContent[]): Code {
  return { type: 'code', lang: STORAGE_FENCE_LANGUAGE, meta: null, value: toStorage(nodes) };
}

/** True when `element` can be a Markdown body inside a hybrid: a body container holding blocks only. */
function isBody(element: Element): boolean {
  if (!BODIES.has(element.tagName)) return false;
  const content = significant(element.children);
  return content.length > 0 && content.every((child) => child.type === 'element' && !isPhrasing(child));
}

type Piece = { readonly kind: 'raw'; readonly value: string } | { readonly kind: 'body'; readonly element: Element };

function hasBody(element: Element): boolean {
  return isBody(element) || element.children.some((child) => child.type === 'element' && hasBody(child));
}

/** Splits an element into raw pieces (one line each) and Markdown bodies, outermost bodies only. */
function pieces(element: Element): Piece[] {
  const out: Piece[] = [];
  let raw = '';
  const visit = (node: ElementContent): void => {
    if (node.type !== 'element' || !hasBody(node)) {
      raw += toStorageLine([node]);
      return;
    }
    raw += startTag(node);
    if (isBody(node)) {
      out.push({ kind: 'raw', value: raw }, { kind: 'body', element: node });
      raw = '';
    } else {
      for (const child of laidOutChildren(node)) visit(child);
    }
    raw += endTag(node);
  };
  visit(element);
  if (raw !== '') out.push({ kind: 'raw', value: raw });
  return out;
}

/**
 * The hybrid form of a block element, or `undefined` when it has no Markdown body or a raw piece
 * would not be read back as raw markup.
 */
function hybrid(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasBody(element)) return undefined;
  const parts = pieces(element);
  const out: BlockContent[] = [];
  for (const part of parts) {
    if (part.kind === 'raw') {
      if (!startsRawLine(part.value)) return undefined;
      out.push(html(part.value));
    } else {
      out.push(...state.flow(part.element.children));
    }
  }
  return out;
}

/** The raw parts of an element outside its bodies contain something push would rewrite. */
function rewrittenOutsideBodies(element: Element): boolean {
  if (containsRewritten([{ ...element, children: [] }])) return true;
  return element.children.some((child) => child.type === 'element' && !isBody(child) && rewrittenOutsideBodies(child));
}

/**
 * Keeps a block element that Markdown cannot express: as a hybrid when it has Markdown bodies,
 * as a raw HTML line for an HTML element, otherwise as a storage fence.
 */
export function keepBlock(state: PullState, element: Element): BlockContent[] {
  if (!rewrittenOutsideBodies(element)) {
    const mixed = hybrid(state, element);
    if (mixed) return mixed;
    if (!element.tagName.includes(':')) {
      const line = toStorageLine([element]);
      if (startsRawLine(line) && !containsRewritten([element])) return [html(line)];
    }
  }
  return [storageFence([element])];
}

/**
 * An opaque inline element, tag by tag: in a paragraph, the text between raw tags is still read
 * as Markdown, so text is written as Markdown text (escaped) and only markup is raw. CDATA is an
 * inline construct of its own.
 */
function rawPhrasing(node: ElementContent): PhrasingContent[] {
  if (node.type === 'text') {
    const value = node.value.replace(/[ \t]*[\r\n][ \t\r\n]*/g, ' ');
    return value === '' ? [] : [{ type: 'text', value }];
  }
  if (node.type === 'cdata') return [html(toStorageLine([node]))];
  if (node.type !== 'element') return [];
  if (node.children.length === 0) return [html(toStorageLine([node]))];
  // The push drops whitespace between a macro's parts (`raw.ts`, laidOutChildren).
  const children = node.tagName === 'ac:structured-macro' ? laidOutChildren(node) : node.children;
  return [html(startTag(node)), ...children.flatMap(rawPhrasing), html(endTag(node))];
}

/**
 * Keeps an inline element that Markdown cannot express, on one line inside the paragraph:
 * formatting wrappers keep Markdown (links, emphasis …) between their raw tags; any other element
 * is written tag by tag with its text as Markdown text.
 */
export function keepInline(state: PullState, element: Element): PhrasingContent[] {
  if (INLINE_WRAPPERS.has(element.tagName) && element.children.length > 0) {
    return [html(startTag(element)), ...state.phrasing(element.children), html(endTag(element))];
  }
  return rawPhrasing(element);
}

/** Keeps a run of inline content found where blocks belong (the push would wrap it in `<p>`). */
export function keepInlineRun(run: readonly ElementContent[]): BlockContent[] {
  if (run.every(isWhitespace)) return [];
  // Whitespace around the run is the layout between blocks, which the push writes itself.
  const nodes = [...run];
  while (nodes.length > 0 && isWhitespace(nodes[0] as ElementContent)) nodes.shift();
  while (nodes.length > 0 && isWhitespace(nodes[nodes.length - 1] as ElementContent)) nodes.pop();
  const first = nodes[0];
  if (first?.type === 'text') nodes[0] = { type: 'text', value: first.value.replace(/^\s*[\r\n]\s*/, '') };
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') nodes[nodes.length - 1] = { type: 'text', value: last.value.replace(/\s*[\r\n]\s*$/, '') };
  return [storageFence(nodes)];
}
