import type { ElementContent } from 'hast';
import type { Root, RootContent } from 'mdast';
import { findFootnoteSection, footnoteDefinitions, footnotesInOrder } from './handlers/footnote.js';
import type { FootnoteSection } from './handlers/footnote.js';
import { converters } from './handlers/index.js';
import { guard } from './guard.js';
import { parseStorage } from './parse.js';
import { PullState } from './state.js';
import { stringifyMarkdown } from './stringify.js';
import type { ToMarkdownContext, ToMarkdownResult, ToMarkdownWarning } from './types.js';
import './nodes.js';

/**
 * Converts one page body in Confluence storage format to Markdown. Pure: no I/O, deterministic,
 * never throws. What Markdown can express becomes idiomatic Markdown; everything else is kept in
 * a lossless form that the push converter writes back unchanged (docs/converter-to-markdown.md).
 */
export function storageToMarkdown(storage: string, context: ToMarkdownContext = {}): ToMarkdownResult {
  const file = context.file ?? '<stdin>';
  const input = String(storage);
  const parsed = parseStorage(input);
  if (!parsed.ok) {
    const warning: ToMarkdownWarning = {
      file,
      line: parsed.line,
      code: 'storage-malformed',
      message: `Storage (${parsed.reason}): the storage is not well-formed XML; it is kept as a code block and cannot be pushed back as it was`,
    };
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(input) + 1));
    return { markdown: `${fence}xml\n${input}${input.endsWith('\n') ? '' : '\n'}${fence}\n`, attachments: [], links: [], warnings: [warning] };
  }
  const children = parsed.tree.children as ElementContent[];
  const convert = (section: FootnoteSection | undefined): { state: PullState; tree: Root } => {
    const state = new PullState(context, converters, parsed.tree);
    for (const line of parsed.comments) {
      state.warnings.push({ file, line, code: 'comment-dropped', message: 'Comment: XML comments and processing instructions are not page content and are left out' });
    }
    if (!section) return { state, tree: { type: 'root', children: state.flow(children) } };
    state.footnotes = section.numbers;
    const blocks: RootContent[] = state.flow(children.slice(0, section.start));
    blocks.push(...footnoteDefinitions(state, section));
    return { state, tree: { type: 'root', children: blocks } };
  };
  // Footnotes are rebuilt only when the push would number them as the page does; otherwise the
  // page is converted again with the references and notes kept as they are.
  const section = findFootnoteSection(children);
  let result = convert(section);
  if (section && !footnotesInOrder(result.tree, section)) result = convert(undefined);
  const { state, tree } = result;
  const markdown = tree.children.length === 0 ? '' : stringifyMarkdown(guard(tree));
  return { markdown, attachments: state.attachmentList(), links: state.links, warnings: state.sortedWarnings() };
}

function longestBacktickRun(value: string): number {
  let longest = 0;
  let current = 0;
  for (const char of value) {
    current = char === '`' ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

export { TO_MARKDOWN_WARNING_HELP } from './state.js';
export type {
  PageTarget,
  PulledAttachment,
  PulledLink,
  ToMarkdownContext,
  ToMarkdownResult,
  ToMarkdownWarning,
  ToMarkdownWarningCode,
} from './types.js';
