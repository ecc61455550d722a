import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { toXmlChars } from '../../shared/xml.js';
import { blocks, cdataNode, h, macro, text, textContent } from '../build.js';
import { imageOf, linkTo } from '../link-target.js';
import type { XhtmlCdata, XhtmlElement, XhtmlText } from '../nodes.js';
import { sessionOf } from '../session.js';

/** Elements that can sit in a paragraph; runs of them in a macro body are wrapped in `<p>`. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'br', 'cite', 'code', 'del', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'ac:link', 'ac:image', 'ac:emoticon',
]);

function isPhrasing(node: ElementContent): boolean {
  if (node.type === 'text') return true;
  return node.type === 'element' && PHRASING.has(node.tagName);
}

/** Block content for a rich-text body: loose inline runs that carry text are wrapped in `<p>`. */
function asBlocks(nodes: ElementContent[]): ElementContent[] {
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

/** `<details><summary>Title</summary>…</details>` → the `expand` macro titled with the summary text. */
function details(state: State, node: XhtmlElement): Element {
  let title: string | undefined;
  const rest: XhtmlElement['children'] = [];
  for (const child of node.children) {
    if (title === undefined && child.type === 'xhtmlElement' && child.name === 'summary') {
      title = textContent(state.all(child)).replace(/\s+/g, ' ').trim();
    } else rest.push(child);
  }
  const body = asBlocks(state.all({ ...node, children: rest }));
  return macro('expand', [['title', title]], { kind: 'rich', children: body });
}

/** A raw `<a>`: with `href` it is a link like any other; with only `id`/`name` it is an anchor macro. */
function anchor(state: State, node: XhtmlElement): ElementContent[] {
  const { href, title } = node.attributes;
  const children = state.all(node);
  if (href !== undefined) return linkTo(state, node, href, title, children);
  const name = node.attributes['id'] ?? node.attributes['name'];
  if (name === undefined || name === '') return [h('a', { ...node.attributes }, children)];
  sessionOf(state).addAnchor(name);
  return [macro('anchor', [['', name]], { kind: 'none' }), ...children];
}

/** Raw `<img>` → `ac:image`, keeping `width`/`height`. */
function img(state: State, node: XhtmlElement): Element {
  const { src, alt, title, width, height } = node.attributes;
  if (src === undefined || src === '') return h('img', { ...node.attributes });
  return imageOf(state, node, src ?? '', { alt, title, width, height });
}

/**
 * An element from raw HTML that parsed as well-formed XML: published as written, except for the
 * few HTML elements that have a Confluence equivalent (`details`, `img`, `a`).
 */
export function xhtmlElement(state: State, node: XhtmlElement): ElementContent[] {
  switch (node.name) {
    case 'details':
      return [details(state, node)];
    case 'img':
      return [img(state, node)];
    case 'a':
      return anchor(state, node);
    default:
      return [h(node.name, { ...node.attributes }, state.all(node))];
  }
}

export function xhtmlText(_state: State, node: XhtmlText): ElementContent {
  return text(toXmlChars(node.value));
}

export function xhtmlCdata(_state: State, node: XhtmlCdata): ElementContent {
  return cdataNode(toXmlChars(node.value));
}
