/** Inline formatting: one small handler each. Each declines what Markdown would change. */
import type { Element } from 'hast';
import type { PhrasingContent } from 'mdast';
import { attributesOf, hasOnlyAttributes } from '../elements.js';
import type { PullState } from '../state.js';

/** Children for a delimiter run of `type`: none (Markdown has no empty emphasis), and not the same run at an edge (`~~~~x~~~~`). */
function delimited(children: PhrasingContent[], type: PhrasingContent['type']): PhrasingContent[] | undefined {
  if (children.length === 0 || children[0]?.type === type || children[children.length - 1]?.type === type) return undefined;
  // The same run deeper inside (`**~~**a**~~**`) closes the outer one early when read back.
  if (children.some((child) => 'children' in child && contains(child.children as PhrasingContent[], type))) return undefined;
  return children;
}

function contains(nodes: readonly PhrasingContent[], type: PhrasingContent['type']): boolean {
  return nodes.some((node) => node.type === type || ('children' in node && contains(node.children as PhrasingContent[], type)));
}

function wrapped(state: PullState, element: Element, type: PhrasingContent['type']): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  return delimited(state.phrasing(element.children), type);
}

/** `<strong>` → `**…**`. */
export function strong(state: PullState, element: Element): PhrasingContent[] | undefined {
  const children = wrapped(state, element, 'strong');
  return children && [{ type: 'strong', children }];
}

/** `<em>` → `*…*`. */
export function emphasis(state: PullState, element: Element): PhrasingContent[] | undefined {
  const children = wrapped(state, element, 'emphasis');
  return children && [{ type: 'emphasis', children }];
}

/** `<span style="text-decoration: line-through;">` (how the editor writes strikethrough) → `~~…~~`. */
export function span(state: PullState, element: Element): PhrasingContent[] | undefined {
  const attributes = attributesOf(element);
  if (Object.keys(attributes).length !== 1 || attributes['style'] !== 'text-decoration: line-through;') return undefined;
  const children = delimited(state.phrasing(element.children), 'delete');
  return children && [{ type: 'delete', children }];
}

/** `<code>` holding text only → inline code; a line break in it would become a space, so it declines those. */
export function code(_state: PullState, element: Element): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  if (element.children.some((child) => child.type !== 'text')) return undefined;
  const value = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  if (value === '' || /[\r\n]/.test(value)) return undefined;
  return [{ type: 'inlineCode', value }];
}

/** `<br />` → raw `<br />` (a Markdown hard break cannot end emphasis or sit in a table cell or heading). */
export function lineBreak(_state: PullState, element: Element): PhrasingContent[] | undefined {
  if (!hasOnlyAttributes(element) || element.children.length > 0) return undefined;
  return [{ type: 'html', value: '<br />' }];
}
