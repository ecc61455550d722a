/**
 * What goes between two flow nodes: a blank line, or one line ending where a blank line would
 * change what is read back (mdast-util-to-markdown's join rules, GFM's table rule, and ours for
 * the comment that ends a list in a quote). Setext headings and indented code never occur with
 * our options, definitions never in our trees.
 */
import type { Nodes, Parents } from 'mdast';
import { LIST_END } from '../guard.js';
import { htmlKind } from './html-kind.js';

const BLANK = '\n\n';
const LINE = '\n';

function hasSpread(parent: Parents): parent is Parents & { spread: boolean } {
  return 'spread' in parent && typeof parent.spread === 'boolean';
}

/** The node a container that starts at the left margin ends with. */
function tailOf(node: Nodes): Nodes {
  let tail = node;
  while ((tail.type === 'blockquote' || tail.type === 'list' || tail.type === 'listItem') && tail.children.length > 0) {
    tail = tail.children[tail.children.length - 1] as Nodes;
  }
  return tail;
}

/** Inside a tight list or item. */
function tightJoin(left: Nodes, right: Nodes): string {
  if (left.type === 'html') {
    const kind = htmlKind(left.value);
    if (kind === undefined || kind === 6 || kind === 7) return BLANK;
  }
  if (left.type === 'blockquote' && right.type === 'blockquote') return BLANK;
  if (left.type === 'paragraph' && right.type === 'list') {
    if ((right.ordered && typeof right.start === 'number' && right.start !== 1) || right.children[0]?.children.length === 0) return BLANK;
  }
  const tail = tailOf(left);
  if (tail.type !== 'paragraph') return LINE;
  if (right.type === 'html') {
    const kind = htmlKind(right.value);
    if (kind === undefined || kind === 7) return BLANK;
  }
  if ((left.type === 'paragraph' || (left as Nodes) !== (tail as Nodes)) && right.type === 'paragraph') return BLANK;
  return LINE;
}

export function between(left: Nodes, right: Nodes, parent: Parents): string {
  if (left.type === 'list' && right.type === 'html' && right.value === LIST_END) return LINE;
  if (left.type === 'table' && parent.type === 'listItem' && parent.spread === false && (right.type === 'paragraph' || right.type === 'table')) return BLANK;
  if (!hasSpread(parent)) return BLANK;
  return parent.spread ? BLANK : tightJoin(left, right);
}
