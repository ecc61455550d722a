/** Flow nodes other than lists and tables, each as the reference writes it with our options. */
import type { Blockquote, Code, FootnoteDefinition, Heading, ListItem, Paragraph, Parents } from 'mdast';
import type { GithubAlert, IndentedBlock } from '../nodes.js';
import { characterReference } from './characters.js';
import type { FlowContext } from './context.js';
import { escapeText } from './escape.js';
import { indentLine, indentLines, quoteLine } from './lines.js';
import { containerPhrasing } from './phrasing.js';
import { CODE_LANG, CODE_META, HEADING, LABEL, PHRASING } from './scope.js';
import { singleLine, unsupported } from './unsupported.js';

/** The paragraph that carries a task item's checkbox: the item's first child. */
function isTaskParagraph(node: Paragraph, parent: Parents | undefined): parent is ListItem {
  return parent?.type === 'listItem' && typeof parent.checked === 'boolean' && parent.children[0] === node;
}

export function paragraph(node: Paragraph, parent: Parents | undefined): string {
  if (!isTaskParagraph(node, parent)) return containerPhrasing(node.children, PHRASING, '\n', '\n');
  const children = node.children.length > 0 ? node.children : [{ type: 'text' as const, value: ' ' }];
  return `[${parent.checked ? 'x' : ' '}] ${containerPhrasing(children, PHRASING, '\n', '\n')}`;
}

/** An ATX heading; a blank at the start of its text is written as a character reference. */
export function heading(node: Heading): string {
  const sequence = '#'.repeat(Math.max(Math.min(6, node.depth || 1), 1));
  let value = containerPhrasing(node.children, PHRASING | HEADING, '# ', '\n');
  const head = value.charCodeAt(0);
  if (head === 9 || head === 32) value = characterReference(head) + value.slice(1);
  return value === '' ? sequence : `${sequence} ${value}`;
}

/** The longest run of grave accents in `value`. */
function longestGraveRun(value: string): number {
  let longest = 0;
  let at = value.indexOf('`');
  while (at !== -1) {
    let end = at + 1;
    while (value.charCodeAt(end) === 96) end += 1;
    longest = Math.max(longest, end - at);
    at = value.indexOf('`', end);
  }
  return longest;
}

/** A fenced code block: a fence longer than any run of grave accents inside, info escaped. */
export function code(node: Code): string {
  const raw = node.value ?? '';
  const fence = '`'.repeat(Math.max(longestGraveRun(raw) + 1, 3));
  let value = fence;
  if (node.lang) {
    value += escapeText(singleLine(node.lang, 'code language'), value, ' ', CODE_LANG, true);
    if (node.meta) value += ` ${escapeText(singleLine(node.meta, 'code meta'), `${value} `, '\n', CODE_META, true)}`;
  }
  value += '\n';
  if (raw !== '') value += `${raw}\n`;
  return value + fence;
}

export function blockquote(node: Blockquote, context: FlowContext): string {
  return indentLines(context.flow(node), quoteLine);
}

/** `> [!KIND] Title`, a blank quoted line, then the body (`stringify.ts`, `githubAlert`). */
export function githubAlert(node: GithubAlert, context: FlowContext): string {
  const title = node.title === '' ? '' : ` ${escapeText(singleLine(node.title, 'alert title'), ' ', '\n', PHRASING)}`;
  const body = node.children.length > 0 ? context.flow(node) : '';
  const head = `[!${node.kind}]${title}`;
  return indentLines(body === '' ? head : `${head}\n\n${body}`, quoteLine);
}

/** The marker line, then the body indented by four spaces (`stringify.ts`, `indentedBlock`). */
export function indentedBlock(node: IndentedBlock, context: FlowContext): string {
  const body = node.children.length > 0 ? context.flow(node) : '';
  return body === '' ? node.marker : `${node.marker}\n${indentLines(body, indentLine)}`;
}

/** `[^label]: ` then the blocks, every line after the first indented by four spaces. */
export function footnoteDefinition(node: FootnoteDefinition, context: FlowContext): string {
  if (!node.label) unsupported('footnote definition without a label');
  const head = `[^${escapeText(singleLine(node.label, 'footnote label'), '[^', ']', LABEL)}]:`;
  if (node.children.length === 0) return head;
  return `${head} ${indentLines(context.flow(node), (line, index, blank) => (index === 0 ? line : indentLine(line, index, blank)))}`;
}
