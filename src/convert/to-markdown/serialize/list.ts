/**
 * Lists as the reference writes them with our options: `-` bullets (`*` for a list right after
 * another `-` list in the same container), `1.` numbers counting up from `start` (`)` after
 * another `.` list), one space after the marker, continuation lines indented to the content.
 */
import type { List, ListItem, Parents } from 'mdast';
import type { FlowContext } from './context.js';
import { indentLines } from './lines.js';
import { unsupported } from './unsupported.js';

export function list(node: List, parent: Parents | undefined, context: FlowContext): string {
  let bullet = node.ordered ? '.' : '-';
  const other = node.ordered ? ')' : '*';
  // An empty first item directly in two other first items would read as a thematic break: the
  // reference picks another bullet by where the list is; not reproduced here.
  if (!node.ordered && parent?.type === 'listItem' && node.children[0]?.children.length === 0) unsupported('empty first item of a nested list');
  if (parent && context.bulletLastUsed !== undefined && bullet === context.bulletLastUsed) bullet = other;
  const outer = context.bulletCurrent;
  context.bulletCurrent = bullet;
  const value = context.flow(node);
  context.bulletLastUsed = bullet;
  context.bulletCurrent = outer;
  return value;
}

export function listItem(node: ListItem, parent: Parents | undefined, context: FlowContext): string {
  let bullet = context.bulletCurrent ?? '-';
  if (parent?.type === 'list' && parent.ordered) {
    const start = typeof parent.start === 'number' && parent.start > -1 ? parent.start : 1;
    bullet = `${start + parent.children.indexOf(node)}${bullet}`;
  }
  const indent = ' '.repeat(bullet.length + 1);
  return indentLines(context.flow(node), (line, index, blank) => {
    if (index > 0) return blank ? '' : indent + line;
    return blank ? bullet : `${bullet} ${line}`;
  });
}
