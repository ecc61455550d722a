import type { Element } from 'hast';
import type { BlockContent, Heading } from 'mdast';
import { hasOnlyAttributes } from '../elements.js';
import type { PullState } from '../state.js';

/** `<h1>` … `<h6>` → an ATX heading; declines attributes and empty headings. */
export function heading(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  const depth = Number(element.tagName.slice(1)) as Heading['depth'];
  const children = state.phrasing(element.children, true);
  if (children.length === 0) return undefined;
  return [{ type: 'heading', depth, children }];
}
