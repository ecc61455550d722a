import type { Element } from 'hast';
import type { PhrasingContent } from 'mdast';
import { decodeAnchor } from '../../shared/anchors.js';
import { elementChildren, hasOnlyAttributes, textOf } from '../elements.js';
import { keepInline } from '../lossless.js';
import { KEEP_ATTRIBUTE } from '../../shared/keep-attribute.js';
import { encodeDestination } from '../state.js';
import type { PullState } from '../state.js';

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * `<a href>` → a Markdown link. The push turns `#fragment` links into anchor links and drops
 * `javascript:` ones, so those, and links with attributes other than `href`/`title`, decline.
 */
export function anchorElement(state: PullState, element: Element): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element, ['href', 'title'])) return undefined;
  const href = element.properties['href'];
  if (href === undefined || href === null) return undefined;
  const url = String(href);
  // A storage `<a href="#…">` would become an anchor link if pulled as [text](#…) (and a raw `<a href="#…">`
  // written by hand is turned into one too), so it is kept as raw HTML marked for the push to leave alone.
  if (url.startsWith('#') && url.length > 1) return keepInline(state, { ...element, properties: { ...element.properties, [KEEP_ATTRIBUTE]: 'keep' } });
  if (url.startsWith('#') || /^\s*(javascript|vbscript|data):/i.test(url)) return undefined;
  const title = element.properties['title'];
  if (title === '') return undefined;
  return [{ type: 'link', url, title: title === undefined ? null : String(title), children: state.phrasing(element.children) }];
}

/** The text of an `ac:link`: a plain-text body (CDATA), a rich body, or none. */
function linkText(state: PullState, body: Element | undefined): PhrasingContent[] | undefined {
  if (!body) return [];
  if (!hasOnlyAttributes(body)) return undefined;
  if (body.tagName === 'ac:plain-text-link-body') {
    if (body.children.some((child) => child.type === 'element')) return undefined;
    const text = textOf(body.children);
    return text === '' ? undefined : [{ type: 'text', value: text }];
  }
  if (body.tagName !== 'ac:link-body') return undefined;
  const children = state.phrasing(body.children);
  return children.length === 0 ? undefined : children;
}

function anchorTarget(state: PullState, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const anchor = decodeAnchor(raw);
  const slug = state.slugForAnchor(anchor);
  if (slug !== undefined) return slug;
  // The push matches a fragment against heading slugs first: an anchor that is another heading's slug would move.
  return state.isHeadingSlug(anchor) ? undefined : anchor;
}

/**
 * `ac:link` → a Markdown link: to a heading of this page (`#slug`, the GitHub slug of the heading
 * whose Confluence anchor it names, or the anchor as written), to another page of the tree
 * (`../other.md#anchor`, through `context.resolvePage`), or to an attachment (its downloaded
 * file). Mentions (`ri:user`), links to spaces, blog posts and unknown pages decline and are kept
 * as storage.
 */
export function confluenceLink(state: PullState, element: Element): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element, ['ac:anchor'])) return undefined;
  const children = elementChildren(element);
  if (!children || children.length > 2) return undefined;
  const rawAnchor = element.properties['ac:anchor'] === undefined ? undefined : String(element.properties['ac:anchor']);
  if (rawAnchor === '') return undefined;
  const [first, second] = children;
  const resource = first?.tagName.startsWith('ri:') ? first : undefined;
  const body = resource ? second : first;
  if (resource === undefined && second !== undefined) return undefined;
  const text = linkText(state, body);
  if (!text) return undefined;

  if (!resource) {
    const target = anchorTarget(state, rawAnchor);
    if (target === undefined) return undefined;
    return [{ type: 'link', url: `#${encodeDestination(target)}`, title: null, children: text }];
  }
  if (resource.children.length > 0) return undefined;
  if (resource.tagName === 'ri:page' && hasOnlyAttributes(resource, ['ri:content-title', 'ri:space-key'])) {
    const title = resource.properties['ri:content-title'];
    if (title === undefined || title === '') return undefined;
    const spaceKey = resource.properties['ri:space-key'];
    const anchor = rawAnchor === undefined ? undefined : decodeAnchor(rawAnchor);
    const path = state.pagePath({ title: String(title), spaceKey: spaceKey === undefined ? undefined : String(spaceKey) }, anchor, element);
    if (path === undefined) {
      state.warn('page-unresolved', element, `Link to page "${String(title)}"`);
      return undefined;
    }
    const url = `${state.relative(path)}${anchor === undefined ? '' : `#${encodeDestination(anchor)}`}`;
    return [{ type: 'link', url, title: null, children: text }];
  }
  if (resource.tagName === 'ri:attachment' && rawAnchor === undefined && hasOnlyAttributes(resource, ['ri:filename'])) {
    const filename = String(resource.properties['ri:filename'] ?? '');
    if (filename === '') return undefined;
    const file = state.attachmentPath(filename);
    if (file === undefined || /\.(md|markdown|mdx)$/i.test(file)) {
      state.warn('attachment-unresolved', element, `Attachment "${filename}"`);
      return undefined;
    }
    return [{ type: 'link', url: state.relative(file), title: null, children: text }];
  }
  return undefined;
}

/** True when a destination would be read as a URL rather than a path by the push. */
export function isAbsolute(url: string): boolean {
  return SCHEME.test(url) || url.startsWith('//');
}
