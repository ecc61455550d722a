import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Root } from 'mdast';
import type { Handle, Options, State, Unsafe } from 'mdast-util-to-markdown';
import { LIST_END } from './guard.js';
import type { GithubAlert, IndentedBlock } from './nodes.js';

/** `> [!TYPE] Title`, a blank quoted line, then the body, as the push's alert plugin reads it. */
const githubAlert: Handle = (node: GithubAlert, _parent, state: State, info) => {
  const exit = state.enter('blockquote');
  const tracker = state.createTracker(info);
  tracker.move('> ');
  tracker.shift(2);
  const marker = `[!${node.kind}]`;
  const exitPhrasing = state.enter('phrasing');
  const title = node.title === '' ? '' : ` ${state.safe(node.title, { before: ' ', after: '\n' })}`;
  exitPhrasing();
  const body = node.children.length > 0 ? state.containerFlow(node, tracker.current()) : '';
  exit();
  const value = body === '' ? `${marker}${title}` : `${marker}${title}\n\n${body}`;
  return state.indentLines(value, (line, _index, blank) => `>${blank ? '' : ' '}${line}`);
};

/** The marker line, then the body indented by four spaces (MkDocs admonitions and content tabs). */
const indentedBlock: Handle = (node: IndentedBlock, _parent, state: State, info) => {
  const tracker = state.createTracker(info);
  tracker.shift(4);
  const body = node.children.length > 0 ? state.containerFlow(node, tracker.current()) : '';
  if (body === '') return node.marker;
  const indented = state.indentLines(body, (line, _index, blank) => (blank ? '' : `    ${line}`));
  return `${node.marker}\n${indented}`;
};

/**
 * Characters that would start a push-side construct at the start of a line: `!!!`/`???`
 * (admonitions). `===` is already escaped (setext underline), as are `[` and `<`.
 */
const unsafe: Unsafe[] = [
  { atBreak: true, character: '!', after: '!!' },
  { atBreak: true, character: '?', after: '\\?\\?' },
];

/**
 * Serializer options, chosen for stable, idiomatic output: `-` bullets, `*` emphasis, `**`
 * strong, fenced code with backticks, `***` rules (a `---` pair could read as frontmatter),
 * ATX headings, one space after list markers.
 */
export const stringifyOptions: Options = {
  bullet: '-',
  bulletOther: '*',
  bulletOrdered: '.',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '*',
  ruleRepetition: 3,
  ruleSpaces: false,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  resourceLink: true,
  quote: '"',
  handlers: { githubAlert, indentedBlock } as Options['handlers'],
  unsafe,
  join: [(left, right) => (left.type === 'list' && right.type === 'html' && right.value === LIST_END ? 0 : undefined)],
};

const processor = unified().use(remarkStringify, stringifyOptions).use(remarkGfm).freeze();

/** Markdown text for an mdast tree. */
export function stringifyMarkdown(tree: Root): string {
  return processor.stringify(tree);
}
