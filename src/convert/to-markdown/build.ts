import type { ElementContent } from 'hast';
import type { Root, RootContent } from 'mdast';
import { findFootnoteSection, footnoteDefinitions, footnotesInOrder } from './handlers/footnote.js';
import type { FootnoteSection } from './handlers/footnote.js';
import { converters } from './handlers/index.js';
import { guard } from './guard.js';
import { headingIndex } from './headings.js';
import { parseStorage } from './parse.js';
import { PullState } from './state.js';
import type { ToMarkdownContext } from './types.js';
import './nodes.js';

/** The parse failure of a storage document: why, and on which line. */
export interface Malformed {
  readonly ok: false;
  readonly reason: string;
  readonly line: number;
}

/** The guarded mdast of a storage document, with the state that recorded links, attachments and warnings. */
export interface Built {
  readonly ok: true;
  readonly state: PullState;
  readonly tree: Root;
}

/**
 * Storage → the mdast that is serialized as the page's Markdown (guarded, `guard.ts`). Footnotes
 * are rebuilt only when the push would number them as the page does; otherwise the page is
 * converted again with the references and notes kept as they are.
 */
export function buildPullTree(input: string, context: ToMarkdownContext, file: string): Built | Malformed {
  const parsed = parseStorage(input);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, line: parsed.line };
  const children = parsed.tree.children as ElementContent[];
  const headings = headingIndex(parsed.tree);
  const convert = (section: FootnoteSection | undefined): { state: PullState; tree: Root } => {
    const state = new PullState(context, converters, headings);
    for (const line of parsed.comments) {
      state.warnings.push({ file, line, code: 'comment-dropped', message: 'Comment: XML comments and processing instructions are not page content and are left out' });
    }
    if (!section) return { state, tree: { type: 'root', children: state.flow(children) } };
    state.footnotes = section.numbers;
    const blocks: RootContent[] = state.flow(children.slice(0, section.start));
    blocks.push(...footnoteDefinitions(state, section));
    return { state, tree: { type: 'root', children: blocks } };
  };
  const section = findFootnoteSection(children);
  let result = convert(section);
  if (section && !footnotesInOrder(result.tree, section)) result = convert(undefined);
  return { ok: true, state: result.state, tree: guard(result.tree) };
}
