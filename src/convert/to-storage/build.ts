/** Small constructors for the hast that storage format is made of. */
import type { Element, ElementContent, Properties, Text } from 'hast';
import { toXmlChars } from '../shared/xml.js';
import type { Cdata } from './nodes.js';

export function h(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

export function cdataNode(value: string): Cdata {
  return { type: 'cdata', value };
}

/** `<ac:parameter ac:name="name">value</ac:parameter>`. */
export function parameter(name: string, value: string): Element {
  // A title may hold a character reference to a control character (`&#12;`), which XML cannot hold.
  return h('ac:parameter', { 'ac:name': name }, [text(toXmlChars(value))]);
}

export type MacroBody =
  | { readonly kind: 'rich'; readonly children: ElementContent[] }
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'none' };

/**
 * `<ac:structured-macro ac:name="…" ac:schema-version="1">` with its parameters (in the given
 * order, empty values skipped) and body.
 */
export function macro(name: string, parameters: ReadonlyArray<readonly [string, string | undefined]>, body: MacroBody): Element {
  const children: ElementContent[] = [];
  for (const [key, value] of parameters) {
    if (value !== undefined && value !== '') children.push(parameter(key, value));
  }
  if (body.kind === 'rich') {
    children.push(h('ac:rich-text-body', {}, body.children.length > 0 ? [text('\n'), ...body.children, text('\n')] : []));
  } else if (body.kind === 'plain') {
    children.push(h('ac:plain-text-body', {}, [cdataNode(body.text)]));
  }
  return h('ac:structured-macro', { 'ac:name': name, 'ac:schema-version': '1' }, children);
}

/** Joins block-level nodes with newlines, as in the rest of the output. */
export function blocks(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (out.length > 0) out.push(text('\n'));
    out.push(node);
  }
  return out;
}

/** The text a reader sees in a piece of hast (CDATA included). */
export function textContent(nodes: readonly ElementContent[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'cdata') out += node.value;
    else if (node.type === 'element') out += textContent(node.children);
  }
  return out;
}

/** Elements that can sit in a paragraph; runs of them in a macro body are wrapped in `<p>`. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'br', 'cite', 'code', 'del', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'ac:link', 'ac:image', 'ac:emoticon',
]);

export function isPhrasing(node: ElementContent): boolean {
  if (node.type === 'text') return true;
  return node.type === 'element' && PHRASING.has(node.tagName);
}

/**
 * Block content for a page or a rich-text body: runs of inline nodes (from raw HTML) that carry
 * text or elements are wrapped in `<p>`, whitespace-only runs dropped, blocks joined by newlines.
 */
export function asBlocks(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = (): void => {
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) out.push(h('p', {}, trimRun(run)));
    run = [];
  };
  for (const node of nodes) {
    if (isPhrasing(node)) run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return blocks(out);
}

function trimRun(run: ElementContent[]): ElementContent[] {
  const out = [...run];
  const first = out[0];
  if (first?.type === 'text') out[0] = text(first.value.trimStart());
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = text(last.value.trimEnd());
  return out.filter((node) => node.type !== 'text' || node.value !== '');
}
