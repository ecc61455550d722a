import type { Paragraph } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { h } from '../build.js';

/** `<p>`; a paragraph left empty by a plugin (e.g. an alert marker line) is dropped. */
export function paragraph(state: State, node: Paragraph): Element | undefined {
  const children = state.all(node);
  return children.length === 0 ? undefined : h('p', {}, children);
}
