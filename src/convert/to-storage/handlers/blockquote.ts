import type { Blockquote } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { h } from '../build.js';

export function blockquote(state: State, node: Blockquote): Element {
  return h('blockquote', {}, state.wrap(state.all(node), true));
}
