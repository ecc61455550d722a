import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { elementChildren } from '../elements.js';
import type { PullState } from '../state.js';

/** `toc` without parameters → the `[[_TOC_]]` marker line; a configured one is kept as storage. */
export function tocMacro(_state: PullState, element: Element): BlockContent[] | undefined {
  const children = elementChildren(element);
  if (!children || children.length > 0) return undefined;
  return [{ type: 'html', value: '[[_TOC_]]' }];
}
