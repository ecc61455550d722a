/** Flow content: each block by its node type, joined by `join.ts`. */
import type { Nodes, Parent, Parents } from 'mdast';
import { blockquote, code, footnoteDefinition, githubAlert, heading, indentedBlock, paragraph } from './blocks.js';
import type { FlowContext } from './context.js';
import { between } from './join.js';
import { list, listItem } from './list.js';
import { table } from './table.js';
import { unsupported } from './unsupported.js';

function block(node: Nodes, parent: Parents, context: FlowContext): string {
  switch (node.type) {
    case 'paragraph':
      return paragraph(node, parent);
    case 'heading':
      return heading(node);
    case 'code':
      return code(node);
    case 'blockquote':
      return blockquote(node, context);
    case 'githubAlert':
      return githubAlert(node, context);
    case 'indentedBlock':
      return indentedBlock(node, context);
    case 'list':
      return list(node, parent, context);
    case 'listItem':
      return listItem(node, parent, context);
    case 'table':
      return table(node);
    case 'thematicBreak':
      return '***';
    case 'html':
      return node.value;
    case 'footnoteDefinition':
      return footnoteDefinition(node, context);
    default:
      return unsupported(`flow node ${node.type}`);
  }
}

/** The children of `parent`, joined; `context` carries the bullets of the lists around. */
export function containerFlow(parent: Parent, context: FlowContext): string {
  const children = parent.children as Nodes[];
  let out = '';
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index] as Nodes;
    out += block(child, parent as Parents, context);
    if (child.type !== 'list') context.bulletLastUsed = undefined;
    const next = children[index + 1];
    if (next !== undefined) out += between(child, next, parent as Parents);
  }
  return out;
}

