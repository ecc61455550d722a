import type { Element, ElementContent } from 'hast';
import type { Node } from 'unist';
import type { State } from 'mdast-util-to-hast';
import { encodeAnchor } from '../shared/anchors.js';
import { toXmlChars } from '../shared/xml.js';
import { cdataNode, h } from './build.js';
import { isAbsoluteUrl, isMarkdownPath, isUnsafeUrl } from './destinations.js';
import { sessionOf } from './session.js';

/**
 * The body of an `ac:link`: plain text goes in a CDATA `ac:plain-text-link-body`, anything
 * richer (code, emphasis, an image) in `ac:link-body`; no body lets Confluence show the title.
 */
function linkBody(children: ElementContent[]): ElementContent[] {
  if (children.length === 0) return [];
  if (children.every((child) => child.type === 'text')) {
    const value = children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    return value === '' ? [] : [h('ac:plain-text-link-body', {}, [cdataNode(value)])];
  }
  return [h('ac:link-body', {}, children)];
}

/**
 * Builds a link to `url` around already converted `children`, the one place that decides
 * between an external `<a href>`, a same-page `ac:link ac:anchor`, a page `ac:link` with
 * `ri:page`, and an attachment `ac:link`. Used by Markdown links, references and raw `<a href>`.
 */
export function linkTo(state: State, node: Node, rawUrl: string, title: string | undefined, children: ElementContent[]): ElementContent[] {
  const session = sessionOf(state);
  const url = toXmlChars(rawUrl);
  const line = session.line(node);

  if (url.startsWith('#')) {
    const target = session.target(url);
    const fragment = target.anchor ?? '';
    const element = h('ac:link', { 'ac:anchor': encodeAnchor(fragment) }, linkBody(children));
    session.deferAnchor(element, fragment, node);
    session.links.push({ kind: 'anchor', href: url, path: '', anchor: fragment, page: undefined, line });
    return [element];
  }

  if (isUnsafeUrl(url)) {
    session.warn('link-unsafe', node, `Link ${url.slice(0, 40)}`);
    return children;
  }

  if (isAbsoluteUrl(url) || url === '') {
    session.links.push({ kind: 'external', href: url, path: '', anchor: undefined, page: undefined, line });
    const properties: Record<string, string> = { href: url };
    if (title) properties['title'] = toXmlChars(title);
    return [h('a', properties, children)];
  }

  const target = session.target(url);
  const page = session.resolvePage(target);
  if (page) {
    session.links.push({ kind: 'page', href: url, path: target.path, anchor: target.anchor, page, line });
    const anchor = page.anchor ?? target.anchor;
    const properties: Record<string, string> = anchor === undefined || anchor === '' ? {} : { 'ac:anchor': encodeAnchor(anchor) };
    const pageProperties: Record<string, string> = { 'ri:content-title': page.title };
    if (page.spaceKey !== undefined) pageProperties['ri:space-key'] = page.spaceKey;
    return [h('ac:link', properties, [h('ri:page', pageProperties), ...linkBody(children)])];
  }

  if (session.context.resolveAttachment && !isMarkdownPath(target.path)) {
    const filename = session.context.resolveAttachment(target.path);
    if (filename !== undefined) {
      session.attachment(target.path, node);
      session.links.push({ kind: 'attachment', href: url, path: target.path, anchor: undefined, page: undefined, line });
      return [h('ac:link', {}, [h('ri:attachment', { 'ri:filename': filename }), ...linkBody(children)])];
    }
  }

  session.warn('link-unresolved', node, `Link ${url}`);
  session.links.push({ kind: 'page', href: url, path: target.path, anchor: target.anchor, page: undefined, line });
  const properties: Record<string, string> = { href: url };
  if (title) properties['title'] = toXmlChars(title);
  return [h('a', properties, children)];
}

/**
 * `<ac:image>` for a local file (`ri:attachment`, reported in `attachments`) or a remote URL
 * (`ri:url`), with alt text, title and optional size.
 */
export function imageOf(
  state: State,
  node: Node,
  rawUrl: string,
  image: { readonly alt?: string | undefined; readonly title?: string | undefined; readonly width?: string | undefined; readonly height?: string | undefined },
): Element {
  const session = sessionOf(state);
  const url = toXmlChars(rawUrl);
  const properties: Record<string, string> = {};
  if (image.alt) properties['ac:alt'] = toXmlChars(image.alt);
  if (image.title) properties['ac:title'] = toXmlChars(image.title);
  if (image.width) properties['ac:width'] = image.width;
  if (image.height) properties['ac:height'] = image.height;
  if (isAbsoluteUrl(url)) {
    session.links.push({ kind: 'external', href: url, path: '', anchor: undefined, page: undefined, line: session.line(node) });
    return h('ac:image', properties, [h('ri:url', { 'ri:value': url })]);
  }
  const filename = session.attachment(session.target(url).path, node);
  return h('ac:image', properties, [h('ri:attachment', { 'ri:filename': filename })]);
}
