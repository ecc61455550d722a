import type { FootnoteReference } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { encodeAnchor } from '../../shared/anchors.js';
import { cdataNode, h, macro, text } from '../build.js';
import { sessionOf } from '../session.js';

/** Name of the anchor macro in front of a footnote's text. */
function noteAnchor(identifier: string): string {
  return `fn-${identifier}`;
}

/**
 * A footnote reference → a superscript number linking to the note at the end of the page
 * (Confluence has no footnotes; an anchor macro marks each note).
 */
export function footnoteReference(state: State, node: FootnoteReference): Element {
  const session = sessionOf(state);
  const id = node.identifier.toUpperCase();
  let index = session.footnoteOrder.indexOf(id);
  if (index === -1) {
    session.footnoteOrder.push(id);
    index = session.footnoteOrder.length - 1;
  }
  const anchor = noteAnchor(node.label ?? node.identifier);
  return h('sup', {}, [
    h('ac:link', { 'ac:anchor': encodeAnchor(anchor) }, [h('ac:plain-text-link-body', {}, [cdataNode(String(index + 1))])]),
  ]);
}

/**
 * The notes, numbered in order of first reference, after a rule at the end of the page. Notes
 * may reference further notes, so the order list can grow while it is written.
 */
export function footnoteSection(state: State): ElementContent[] {
  const session = sessionOf(state);
  if (session.footnoteOrder.length === 0) return [];
  const items: ElementContent[] = [];
  for (let index = 0; index < session.footnoteOrder.length; index += 1) {
    const id = session.footnoteOrder[index] ?? '';
    const definition = state.footnoteById.get(id);
    if (!definition) continue;
    const name = noteAnchor(definition.label ?? definition.identifier);
    session.addAnchor(name);
    const body = state.all(definition);
    items.push(text('\n'), h('li', {}, [macro('anchor', [['', name]], { kind: 'none' }), ...body]));
  }
  items.push(text('\n'));
  return [h('hr', {}), h('ol', {}, items)];
}
