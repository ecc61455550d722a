import type { Link, LinkReference } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { ElementContent } from 'hast';
import { linkTo } from '../link-target.js';

export function link(state: State, node: Link): ElementContent[] {
  return linkTo(state, node, node.url, node.title ?? undefined, state.all(node));
}

/** `[text][label]`: the definition's destination; an undefined label keeps the source text. */
export function linkReference(state: State, node: LinkReference): ElementContent[] {
  const definition = state.definitionById.get(node.identifier.toUpperCase());
  const children = state.all(node);
  if (!definition) return [{ type: 'text', value: `[${node.label ?? node.identifier}]` }, ...children];
  return linkTo(state, node, definition.url, definition.title ?? undefined, children);
}
