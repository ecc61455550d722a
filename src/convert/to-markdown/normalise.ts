import type { Element, ElementContent, Root } from 'hast';
import { decodeAnchor } from '../shared/anchors.js';
import { emoticonCharacter } from '../shared/emoticons.js';
import { isIgnorableAttribute, isPhrasing } from './elements.js';
import { parseStorage } from './parse.js';
import { toStorage } from './raw.js';

/**
 * The normalisation under which pull → push must give back the same storage (round-trip
 * property 2, docs/converter-to-markdown.md). Every rule removes a difference that is not page
 * content, either because Confluence itself makes it on save, or because it is spelling only:
 *
 * 1. XML spelling: entities vs characters, CDATA vs escaped text, `<x/>` vs `<x></x>`, attribute
 *    quotes and order (attributes are sorted), comments.
 * 2. Generated identity: `ac:macro-id`, `ac:schema-version`, `ac:local-id`, `local-id`,
 *    `ri:version-at-save` attributes, `ac:task-id`/`ac:task-uuid` elements.
 * 3. Caches and defaults: `ac:adf-fallback` (a cached rendering of the `ac:adf-node` beside it),
 *    `start="1"` on `<ol>`, percent-encoding of `ac:anchor`.
 * 4. Whitespace: runs of whitespace are one space (outside `pre` and plain-text bodies);
 *    whitespace between blocks and at the edges of blocks is dropped.
 * 5. Equivalent forms the editor itself converts between: a table cell holding one plain `<p>`
 *    is its content; an `ac:link-body` holding only text is an `ac:plain-text-link-body`; an
 *    emoticon is the character it shows; macro parameters are compared in name order.
 *
 * Returns the normalised storage, or `undefined` when the input is not well-formed.
 */
export function normaliseStorage(storage: string): string | undefined {
  const parsed = parseStorage(storage);
  if (!parsed.ok) return undefined;
  const children = normaliseChildren(parsed.tree, parsed.tree.children as ElementContent[], false);
  return toStorage(children);
}

const REMOVED_ELEMENTS = new Set(['ac:task-id', 'ac:task-uuid', 'ac:adf-fallback']);
const VERBATIM = new Set(['pre', 'ac:plain-text-body']);

function isBlock(node: ElementContent | undefined): boolean {
  return node?.type === 'element' && !isPhrasing(node) && node.tagName !== 'ac:structured-macro' && !node.tagName.startsWith('ri:') && node.tagName !== 'ac:parameter';
}

function normaliseAttributes(element: Element): Element['properties'] {
  const out: Element['properties'] = {};
  for (const name of Object.keys(element.properties).sort()) {
    if (isIgnorableAttribute(name)) continue;
    let value = String(element.properties[name] ?? '');
    if (name === 'ac:anchor') value = decodeAnchor(value);
    if (name === 'start' && element.tagName === 'ol' && value === '1') continue;
    out[name] = value;
  }
  return out;
}

function normaliseElement(element: Element, verbatim: boolean): ElementContent[] {
  if (REMOVED_ELEMENTS.has(element.tagName)) return [];
  if (element.tagName === 'ac:emoticon') {
    const character = emoticonCharacter(Object.fromEntries(Object.entries(element.properties).map(([k, v]) => [k, String(v)])));
    if (character !== undefined) return [{ type: 'text', value: character }];
  }
  const inside = verbatim || VERBATIM.has(element.tagName);
  let children = normaliseChildren(element, element.children, inside);
  let tagName = element.tagName;
  if (tagName === 'ac:link-body' && children.every((child) => child.type === 'text')) tagName = 'ac:plain-text-link-body';
  if ((tagName === 'td' || tagName === 'th') && children.length === 1) {
    const [only] = children;
    if (only?.type === 'element' && only.tagName === 'p' && Object.keys(only.properties).length === 0) children = only.children;
  }
  if (tagName === 'ac:structured-macro') {
    const parameters = children.filter((child) => child.type === 'element' && child.tagName === 'ac:parameter') as Element[];
    const rest = children.filter((child) => !(child.type === 'element' && child.tagName === 'ac:parameter'));
    parameters.sort((a, b) => String(a.properties['ac:name'] ?? '').localeCompare(String(b.properties['ac:name'] ?? '')));
    children = [...parameters, ...rest];
  }
  return [{ type: 'element', tagName, properties: normaliseAttributes(element), children }];
}

function normaliseChildren(parent: Element | Root, nodes: readonly ElementContent[], verbatim: boolean): ElementContent[] {
  const merged: ElementContent[] = [];
  for (const node of nodes) {
    const converted: ElementContent[] =
      node.type === 'element'
        ? normaliseElement(node, verbatim)
        : node.type === 'text' || node.type === 'cdata'
          ? [{ type: 'text', value: node.value }]
          : [];
    for (const child of converted) {
      const previous = merged[merged.length - 1];
      if (child.type === 'text' && previous?.type === 'text') previous.value += child.value;
      else merged.push(child.type === 'text' ? { type: 'text', value: child.value } : child);
    }
  }
  if (verbatim) return merged;
  const container = parent.type === 'root' || isBlock(parent as Element) || (parent as Element).tagName.startsWith('ac:');
  const out: ElementContent[] = [];
  merged.forEach((node, index) => {
    if (node.type !== 'text') {
      out.push(node);
      return;
    }
    let value = node.value.replace(/\s+/g, ' ');
    const between = (side: ElementContent | undefined): boolean => side?.type === 'element' && !isPhrasing(side);
    if (value === ' ' && container && (between(merged[index - 1]) || between(merged[index + 1]))) return;
    const before = merged[index - 1];
    const after = merged[index + 1];
    if ((before === undefined && container) || isBlock(before)) value = value.trimStart();
    if ((after === undefined && container) || isBlock(after)) value = value.trimEnd();
    if (value !== '') out.push({ type: 'text', value });
  });
  return out;
}
