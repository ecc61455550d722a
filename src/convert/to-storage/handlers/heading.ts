import type { Heading } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { confluenceHeadingAnchor } from '../../shared/anchors.js';
import { h, textContent } from '../build.js';
import { sessionOf } from '../session.js';

/** `<hN>`; records the heading's GitHub slug and Confluence anchor for same-page links. */
export function heading(state: State, node: Heading): Element {
  const children = state.all(node);
  const displayed = textContent(children);
  sessionOf(state).addHeading(node.depth, displayed.trim(), confluenceHeadingAnchor(displayed), node);
  return h(`h${node.depth}`, {}, children);
}
