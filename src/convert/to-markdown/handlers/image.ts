import type { Element } from 'hast';
import type { PhrasingContent } from 'mdast';
import { attributesOf, elementChildren, hasOnlyAttributes } from '../elements.js';
import { toStorageLine } from '../raw.js';
import type { PullState } from '../state.js';
import { isAbsolute } from './link.js';

/** The image's source: a downloaded attachment (relative path) or a URL. */
function source(state: PullState, element: Element): string | undefined {
  const children = elementChildren(element);
  const [resource] = children ?? [];
  if (children?.length !== 1 || !resource || resource.children.length > 0) return undefined;
  if (resource.tagName === 'ri:url' && hasOnlyAttributes(resource, ['ri:value'])) {
    const value = String(resource.properties['ri:value'] ?? '');
    return isAbsolute(value) ? value : undefined;
  }
  if (resource.tagName === 'ri:attachment' && hasOnlyAttributes(resource, ['ri:filename'])) {
    const filename = String(resource.properties['ri:filename'] ?? '');
    if (filename === '') return undefined;
    const file = state.attachmentPath(filename);
    if (file === undefined) {
      state.warn('attachment-unresolved', element, `Image "${filename}"`);
      return undefined;
    }
    return state.relative(file);
  }
  return undefined;
}

/**
 * `ac:image` with an attachment or a URL and at most alt text, title, width and height →
 * `![alt](path "title")`, or `<img>` when it has a size (the push reads both back). Layout,
 * alignment, captions, borders and original sizes cannot be written in Markdown: such images
 * decline and are kept as storage.
 */
export function image(state: PullState, element: Element): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element, ['ac:alt', 'ac:title', 'ac:width', 'ac:height'])) return undefined;
  const attributes = attributesOf(element);
  const { 'ac:alt': alt, 'ac:title': title, 'ac:width': width, 'ac:height': height } = attributes;
  if (alt === '' || title === '' || width === '' || height === '') return undefined;
  const url = source(state, element);
  if (url === undefined) return undefined;
  if (width === undefined && height === undefined) {
    return [{ type: 'image', url, alt: alt ?? null, title: title ?? null }];
  }
  const properties: Record<string, string> = { src: url };
  if (alt !== undefined) properties['alt'] = alt;
  if (title !== undefined) properties['title'] = title;
  if (width !== undefined) properties['width'] = width;
  if (height !== undefined) properties['height'] = height;
  return [{ type: 'html', value: toStorageLine([{ type: 'element', tagName: 'img', properties, children: [] }]) }];
}
