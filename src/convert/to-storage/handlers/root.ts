import type { Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Root as HastRoot } from 'hast';
import { asBlocks, macro } from '../build.js';
import { sessionOf } from '../session.js';
import { footnoteSection } from './footnote.js';

/**
 * The page: a table of contents first when frontmatter or options ask for one, then the blocks,
 * then the footnotes. Same-page anchors are resolved last, when every heading is known.
 */
export function root(state: State, node: Root): HastRoot {
  const session = sessionOf(state);
  const blocks = state.all(node);
  if (session.tocRequested || session.options.toc) blocks.unshift(macro('toc', [], { kind: 'none' }));
  blocks.push(...footnoteSection(state));
  session.resolveAnchors();
  return { type: 'root', children: asBlocks(blocks) };
}
