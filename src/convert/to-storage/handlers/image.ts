import type { Image, ImageReference } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { ElementContent } from 'hast';
import { imageOf } from '../link-target.js';

export function image(state: State, node: Image): ElementContent {
  return imageOf(state, node, node.url, { alt: node.alt ?? undefined, title: node.title ?? undefined });
}

/** `![alt][label]`: the definition's destination; an undefined label keeps the source text. */
export function imageReference(state: State, node: ImageReference): ElementContent {
  const definition = state.definitionById.get(node.identifier.toUpperCase());
  if (!definition) return { type: 'text', value: `![${node.alt ?? ''}][${node.label ?? node.identifier}]` };
  return imageOf(state, node, definition.url, { alt: node.alt ?? undefined, title: definition.title ?? undefined });
}
