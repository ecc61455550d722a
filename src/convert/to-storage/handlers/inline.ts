/** Inline formatting: one small handler each. */
import type { Break, Delete, Emphasis, InlineCode, Strong, ThematicBreak } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { toXmlChars } from '../../shared/xml.js';
import { h, text } from '../build.js';

export function emphasis(state: State, node: Emphasis): Element {
  return h('em', {}, state.all(node));
}

export function strong(state: State, node: Strong): Element {
  return h('strong', {}, state.all(node));
}

/** Strikethrough, spelt as the Confluence editor writes it. */
export function strikethrough(state: State, node: Delete): Element {
  return h('span', { style: 'text-decoration: line-through;' }, state.all(node));
}

/** Inline code; a line ending inside it is a space (CommonMark). */
export function inlineCode(_state: State, node: InlineCode): Element {
  return h('code', {}, [text(toXmlChars(node.value.replace(/\r?\n/g, ' ')))]);
}

export function hardBreak(_state: State, _node: Break): Element {
  return h('br', {});
}

export function thematicBreak(_state: State, _node: ThematicBreak): Element {
  return h('hr', {});
}
