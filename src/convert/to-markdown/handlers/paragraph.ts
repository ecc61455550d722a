import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { hasOnlyAttributes } from '../elements.js';
import type { PullState } from '../state.js';

/** A paragraph that starts with inline storage would be read back as a block of raw storage. */
function startsWithStorage(first: BlockContent | undefined): boolean {
  if (first?.type !== 'paragraph') return false;
  const head = first.children[0];
  if (head?.type !== 'html') return false;
  // A line that is one tag and nothing else is an HTML block in Markdown, not a paragraph.
  if (first.children.length === 1) return true;
  return head.value.startsWith('<ac:') || head.value.startsWith('<ri:');
}

/**
 * `<p>` → a paragraph. Declines a paragraph with attributes (alignment, indentation), an empty one
 * (Markdown has none), and one that starts with inline storage such as a status lozenge (the push
 * converter would read the whole paragraph as raw storage and lose the `<p>`): those are kept as
 * a raw HTML line.
 */
export function paragraph(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  const children = state.phrasing(element.children, true);
  if (children.length === 0) return undefined;
  const node: BlockContent = { type: 'paragraph', children };
  return startsWithStorage(node) ? undefined : [node];
}
