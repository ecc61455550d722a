import { buildPullTree } from './build.js';
import { serializeOrFallback } from './serialize/fallback.js';
import type { ToMarkdownContext, ToMarkdownResult, ToMarkdownWarning } from './types.js';

/**
 * Converts one page body in Confluence storage format to Markdown. Pure: no I/O, deterministic,
 * never throws. What Markdown can express becomes idiomatic Markdown; everything else is kept in
 * a lossless form that the push converter writes back unchanged (docs/converter-to-markdown.md).
 */
export function storageToMarkdown(storage: string, context: ToMarkdownContext = {}): ToMarkdownResult {
  const file = context.file ?? '<stdin>';
  const input = String(storage);
  const built = buildPullTree(input, context, file);
  if (!built.ok) {
    const warning: ToMarkdownWarning = {
      file,
      line: built.line,
      code: 'storage-malformed',
      message: `Storage (${built.reason}): the storage is not well-formed XML; it is kept as a code block and cannot be pushed back as it was`,
    };
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(input) + 1));
    return { markdown: `${fence}xml\n${input}${input.endsWith('\n') ? '' : '\n'}${fence}\n`, attachments: [], links: [], warnings: [warning] };
  }
  const { state, tree } = built;
  const markdown = tree.children.length === 0 ? '' : serializeOrFallback(tree);
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
