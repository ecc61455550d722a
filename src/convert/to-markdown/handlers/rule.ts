import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { hasOnlyAttributes } from '../elements.js';
import type { PullState } from '../state.js';

/** `<hr />` → a thematic break. */
export function rule(_state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element) || element.children.length > 0) return undefined;
  return [{ type: 'thematicBreak' }];
}
