import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { macro } from '../build.js';
import type { Callout, TocMarker } from '../nodes.js';

/**
 * A GitHub alert, MkDocs admonition or content tab → an `info`/`tip`/`note`/`warning`/`panel`
 * macro with an optional `title`. A collapsible (`???`) admonition sits in an `expand` macro
 * that carries the title instead.
 */
export function callout(state: State, node: Callout): Element {
  const body = state.wrap(state.all(node));
  if (node.collapsible) {
    const panel = macro(node.macro, [], { kind: 'rich', children: body });
    return macro('expand', [['title', node.title]], { kind: 'rich', children: [panel] });
  }
  return macro(node.macro, [['title', node.title]], { kind: 'rich', children: body });
}

/** The table-of-contents macro. */
export function tocMarker(_state: State, _node: TocMarker): Element {
  return macro('toc', [], { kind: 'none' });
}
