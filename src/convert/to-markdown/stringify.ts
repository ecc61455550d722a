import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Root } from 'mdast';
import { defaultHandlers, type Handle, type Options, type SafeConfig, type State, type Unsafe } from 'mdast-util-to-markdown';
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
 * `state.safe` (escaping text for where it goes) tries every unsafe pattern, a regular expression
 * each (about 60 with GFM), on every piece of text: most of the time of a conversion went there.
 * A pattern matches only where its character is, so this one gives it only the patterns whose
 * character occurs in the text or the characters around it: the same escapes, in a fraction of
 * the time. Installed by the root handler, once per document.
 */
function fastSafe(state: State): void {
  const all = state.unsafe;
  const original = state.safe;
  const characters = [...new Set(all.map((pattern) => pattern.character))];
  // The characters texts have (tab, line endings and printable ones) are looked for one by one
  // and name the subset by a bit each; the C0 controls (autolink patterns) by one expression.
  const common = characters.filter((c) => c === '\t' || c === '\n' || c === '\r' || c.charCodeAt(0) >= 0x20).slice(0, 30);
  const rare = characters.filter((c) => !common.includes(c));
  const rareExpression = rare.length === 0 ? undefined : new RegExp(`[${rare.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'u');
  const subsets = new Map<number, Unsafe[]>();
  state.safe = function safe(this: State, value: string | null | undefined, config: SafeConfig): string {
    const text = (config.before ?? '') + (value ?? '') + (config.after ?? '');
    let subset: Unsafe[] | undefined;
    if (rareExpression?.test(text)) {
      subset = all.filter((pattern) => text.includes(pattern.character));
    } else {
      let key = 0;
      for (let index = 0; index < common.length; index += 1) if (text.includes(common[index]!)) key |= 1 << index;
      subset = subsets.get(key);
      if (!subset) {
        subset = all.filter((pattern) => text.includes(pattern.character));
        subsets.set(key, subset);
      }
    }
    state.unsafe = subset;
    try {
      return original.call(state, value, config);
    } finally {
      state.unsafe = all;
    }
  };
}

const root: Handle = (node, parent, state, info) => {
  fastSafe(state);
  return defaultHandlers.root(node, parent, state, info);
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
  handlers: { root, githubAlert, indentedBlock } as Options['handlers'],
  unsafe,
  join: [(left, right) => (left.type === 'list' && right.type === 'html' && right.value === LIST_END ? 0 : undefined)],
};

const processor = unified().use(remarkStringify, stringifyOptions).use(remarkGfm).freeze();

/** Markdown text for an mdast tree. */
export function stringifyMarkdown(tree: Root): string {
  return processor.stringify(tree);
}
