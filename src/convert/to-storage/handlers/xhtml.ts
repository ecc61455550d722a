import { KEEP_ATTRIBUTE } from '../../shared/keep-attribute.js';
import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { toXmlChars } from '../../shared/xml.js';
import { asBlocks, blocks, cdataNode, h, isPhrasing, macro, text, textContent } from '../build.js';
import { isAbsoluteUrl, isUnsafeUrl } from '../destinations.js';
import { imageOf, linkTo } from '../link-target.js';
import type { XhtmlCdata, XhtmlElement, XhtmlText } from '../nodes.js';
import { sessionOf } from '../session.js';

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
  if (node.attributes[KEEP_ATTRIBUTE] === 'keep') {
    const { [KEEP_ATTRIBUTE]: _keep, ...attributes } = node.attributes;
    return [h('a', attributes, children)];
  }
  // A URL link with attributes of its own (`data-card-appearance` on Cloud smart links) is kept as written.
  const extra = Object.keys(node.attributes).some((name) => name !== 'href' && name !== 'title');
  if (href !== undefined && extra && isAbsoluteUrl(href) && !isUnsafeUrl(href)) return [h('a', { ...node.attributes }, children)];
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
  // A remote image with attributes `ac:image` cannot hold (legacy emoticon images: `class`, `border`) is kept as written.
  const extra = Object.keys(node.attributes).some((name) => !['src', 'alt', 'title', 'width', 'height'].includes(name));
  if (extra && isAbsoluteUrl(src) && !isUnsafeUrl(src)) return h('img', { ...node.attributes });
  return imageOf(state, node, src ?? '', { alt, title, width, height });
}

function isLayout(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/**
 * A storage macro written in raw storage is laid out as the converter lays out its own: no
 * whitespace between the macro's parts, and a rich-text body that holds blocks written one block
 * per line. Confluence ignores that whitespace; laying it out the same way lets the pull
 * converter's Markdown form of the macro (a callout, a content tab …) push back byte for byte.
 */
function laidOut(name: string, children: ElementContent[]): ElementContent[] {
  if (name === 'ac:structured-macro') return children.filter((child) => !isLayout(child));
  if (name === 'ac:rich-text-body') {
    const content = children.filter((child) => !isLayout(child));
    if (content.length > 0 && !content.some(isPhrasing)) return [text('\n'), ...blocks(content), text('\n')];
  }
  return children;
}

/**
 * An element from raw HTML that parsed as well-formed XML: published as written, except for the
 * few HTML elements that have a Confluence equivalent (`details`, `img`, `a`) and the layout
 * whitespace of storage macros ({@link laidOut}).
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
      return [h(node.name, { ...node.attributes }, laidOut(node.name, state.all(node)))];
  }
}

export function xhtmlText(_state: State, node: XhtmlText): ElementContent {
  return text(toXmlChars(node.value));
}

export function xhtmlCdata(_state: State, node: XhtmlCdata): ElementContent {
  return cdataNode(toXmlChars(node.value));
}
