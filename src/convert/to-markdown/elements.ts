/** Facts about storage elements that several handlers need: which are inline, which are ignorable. */
import type { Element, ElementContent } from 'hast';

/**
 * Elements the push converter treats as inline: a run of them (with text) at the top of a page
 * or a macro body is wrapped in `<p>` when pushed (`to-storage/build.ts`). Everything else is a
 * block.
 */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'br', 'cite', 'code', 'del', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'ac:link', 'ac:image', 'ac:emoticon',
]);

export function isPhrasing(node: ElementContent): boolean {
  if (node.type === 'text' || node.type === 'cdata') return true;
  return node.type === 'element' && PHRASING.has(node.tagName);
}

export function isWhitespace(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/** Children without whitespace-only text (the whitespace between blocks). */
export function significant(children: readonly ElementContent[]): ElementContent[] {
  return children.filter((child) => !isWhitespace(child) && child.type !== 'comment');
}

/** Element children only (whitespace-only text and comments skipped); `undefined` when other text is present. */
export function elementChildren(element: Element): Element[] | undefined {
  const out: Element[] = [];
  for (const child of significant(element.children)) {
    if (child.type !== 'element') return undefined;
    out.push(child);
  }
  return out;
}

/**
 * Attributes Confluence generates and regenerates on every save (identity, not content): the
 * converter leaves them out of Markdown, and the round-trip normalisation ignores them
 * (confluence-api-notes §11).
 */
const IGNORABLE_ATTRIBUTES = new Set(['ac:macro-id', 'ac:schema-version', 'ac:local-id', 'local-id', 'ri:version-at-save']);

export function isIgnorableAttribute(name: string): boolean {
  return IGNORABLE_ATTRIBUTES.has(name);
}

/** The element's attributes without the ignorable ones. */
export function attributesOf(element: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.properties)) {
    if (isIgnorableAttribute(name) || value === undefined || value === null) continue;
    out[name] = String(value);
  }
  return out;
}

/** True when the element has no attributes but the ignorable ones and those in `allowed`. */
export function hasOnlyAttributes(element: Element, allowed: readonly string[] = []): boolean {
  const properties = element.properties;
  for (const name of Object.keys(properties)) {
    const value = properties[name];
    if (value === undefined || value === null || isIgnorableAttribute(name)) continue;
    if (!allowed.includes(name)) return false;
  }
  return true;
}

/** Text of a subtree, CDATA included. */
export function textOf(nodes: readonly ElementContent[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'cdata') out += node.value;
    else if (node.type === 'element') out += textOf(node.children);
  }
  return out;
}

/** `ac:parameter` values of a macro by name, and the other children; `undefined` when a parameter repeats. */
export function macroParts(macro: Element): { parameters: Map<string, Element>; rest: Element[] } | undefined {
  const children = elementChildren(macro);
  if (!children) return undefined;
  const parameters = new Map<string, Element>();
  const rest: Element[] = [];
  for (const child of children) {
    if (child.tagName === 'ac:parameter') {
      const name = String(child.properties['ac:name'] ?? '');
      if (parameters.has(name)) return undefined;
      parameters.set(name, child);
    } else rest.push(child);
  }
  return { parameters, rest };
}

/** A parameter's value when it is plain text (no markup inside); `undefined` otherwise. */
export function parameterText(parameter: Element | undefined): string | undefined {
  if (!parameter) return undefined;
  if (!hasOnlyAttributes(parameter, ['ac:name'])) return undefined;
  if (parameter.children.some((child) => child.type !== 'text')) return undefined;
  return textOf(parameter.children);
}

/**
 * HTML block names (CommonMark HTML block kind 6, plus `pre`): a line starting with one of these
 * tags is raw HTML in Markdown, so a storage element of this name can be written back as such.
 */
const HTML_BLOCK_NAMES = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'col', 'colgroup', 'dd', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'optgroup', 'p', 'section', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul', 'pre',
]);

/** HTML elements the push converter rewrites (`details` → expand, `img` → image, `a` → link or anchor). */
const REWRITTEN_BY_PUSH = new Set(['details', 'summary', 'img', 'a']);

/**
 * Whether a line of raw storage that starts with `line` is read back by the push converter as raw
 * markup on its own (an HTML block, or a paragraph that starts with an `ac:`/`ri:` tag).
 */
export function startsRawLine(line: string): boolean {
  if (line.startsWith('<ac:') || line.startsWith('</ac:') || line.startsWith('<ri:') || line.startsWith('</ri:')) return true;
  const match = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])/.exec(line);
  return match !== null && HTML_BLOCK_NAMES.has((match[1] ?? '').toLowerCase());
}

/** Whether a subtree contains an element that the push converter would rewrite when read as raw HTML. */
export function containsRewritten(nodes: readonly ElementContent[]): boolean {
  return nodes.some((node) => node.type === 'element' && (REWRITTEN_BY_PUSH.has(node.tagName) || containsRewritten(node.children)));
}
