import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { hasOnlyAttributes, isPhrasing, significant } from '../elements.js';
import type { PullState } from '../state.js';

/** `<blockquote>` holding blocks → `>`; inline content directly inside is kept as storage. */
export function blockquote(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  const content = significant(element.children);
  if (content.length === 0 || content.some(isPhrasing)) return undefined;
  return [{ type: 'blockquote', children: state.nestedFlow(element.children) }];
}
