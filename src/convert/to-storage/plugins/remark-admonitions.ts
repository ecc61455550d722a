import type { Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { forEachParent } from '../walk.js';
import type { Callout, CalloutMacro } from '../nodes.js';

/**
 * MkDocs (Python-Markdown / Material) admonition types → Confluence macro, by colour: blue
 * `info`, green `tip`, yellow `note`, red `warning`. Unknown types are `info`, as MkDocs styles
 * them like `note`.
 */
export const ADMONITION_MACROS: Readonly<Record<string, CalloutMacro>> = {
  note: 'info', abstract: 'info', summary: 'info', tldr: 'info', info: 'info', todo: 'info',
  question: 'info', help: 'info', faq: 'info', example: 'info', quote: 'info', cite: 'info',
  tip: 'tip', hint: 'tip', important: 'tip', success: 'tip', check: 'tip', done: 'tip',
  warning: 'note', caution: 'note', attention: 'note',
  failure: 'warning', fail: 'warning', missing: 'warning', danger: 'warning', error: 'warning', bug: 'warning',
};

/** `!!! type "Title"`, `??? type`, `???+ type inline end "Title"`. */
const ADMONITION = /^(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[\w-]+)*?(?:[ \t]+"([^"]*)")?[ \t]*$/;
/** A line that may start an admonition or tab; checked on the whole source before any work. */
const MAYBE_MARKER = /^[ \t]*(?:!!!|\?\?\?|===)/m;
/** `=== "Tab title"` (Material content tabs). */
const TAB = /^===\+?[ \t]+"([^"]*)"[ \t]*$/;

interface Header {
  readonly macro: CalloutMacro;
  readonly title: string | undefined;
  readonly collapsible: boolean;
}

function header(line: string): Header | undefined {
  const admonition = ADMONITION.exec(line);
  if (admonition) {
    const type = (admonition[2] ?? '').toLowerCase();
    const explicit = admonition[3];
    const title = explicit === undefined ? type.charAt(0).toUpperCase() + type.slice(1) : explicit;
    return {
      macro: ADMONITION_MACROS[type] ?? 'info',
      title: title === '' ? undefined : title,
      collapsible: (admonition[1] ?? '').startsWith('???'),
    };
  }
  const tab = TAB.exec(line);
  if (tab) return { macro: 'panel', title: tab[1] === '' ? undefined : tab[1], collapsible: false };
  return undefined;
}

/** Width of the leading whitespace in columns (tab stops every 4), or -1 when `prefixOnly` has non-blanks. */
function indentWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Removes `columns` columns of leading whitespace. */
function dedent(line: string, columns: number): string {
  let width = 0;
  let index = 0;
  while (index < line.length && width < columns) {
    const char = line.charAt(index);
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
    index += 1;
  }
  return (width > columns ? ' '.repeat(width - columns) : '') + line.slice(index);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function shift(tree: Node, lines: number, columns: number): void {
  visit(tree, (node) => {
    const position = node.position;
    if (!position) return;
    position.start = { line: position.start.line + lines, column: position.start.column + columns };
    position.end = { line: position.end.line + lines, column: position.end.column + columns };
  });
}

type Parse = (body: string) => Root;

/** A link or footnote definition of the page: its label (lower-cased) and its source text. */
interface Definition {
  readonly label: string;
  readonly source: string;
}

/**
 * The definitions a body may use, as Markdown to append to it: those whose label occurs in the
 * body (a cheap over-approximation of "is referenced"), so a page with many definitions does not
 * re-parse all of them for every admonition.
 */
function definitionsFor(body: string, definitions: readonly Definition[]): string {
  if (definitions.length === 0) return '';
  const lower = body.toLowerCase();
  return definitions
    .filter((definition) => lower.includes(definition.label))
    .map((definition) => definition.source)
    .join('\n\n');
}

/**
 * Finds admonitions among `parent`'s children and replaces each (marker paragraph plus the
 * indented blocks under it) by a callout whose content is the dedented body parsed again.
 */
function transformParent(parent: Parent, lines: readonly string[], parse: Parse, definitions: readonly Definition[]): void {
  for (let index = 0; index < parent.children.length; index += 1) {
    const node = parent.children[index];
    if (node?.type !== 'paragraph' || !node.position) continue;
    const startLine = node.position.start.line;
    const lineText = lines[startLine - 1] ?? '';
    const prefix = lineText.slice(0, node.position.start.column - 1);
    if (!isBlank(prefix) && prefix !== '') continue;
    const found = header(lineText.slice(node.position.start.column - 1));
    if (!found) continue;

    const bodyIndent = indentWidth(prefix) + 4;
    let end = startLine;
    for (let line = startLine + 1; line <= lines.length; line += 1) {
      const text = lines[line - 1] ?? '';
      if (isBlank(text)) continue;
      if (indentWidth(text) < bodyIndent) break;
      end = line;
    }

    let last = index;
    let straddles = false;
    while (last < parent.children.length) {
      const position = parent.children[last]?.position;
      if (!position || position.start.line > end) break;
      if (position.end.line > end) straddles = true;
      last += 1;
    }
    if (straddles) continue;

    const bodyLines = lines.slice(startLine, end).map((line) => dedent(line, bodyIndent));
    const body = bodyLines.join('\n');
    const used = definitionsFor(body, definitions);
    const sub = parse(used === '' ? body : `${body}\n\n${used}`);
    sub.children = sub.children.filter((child) => (child.position?.start.line ?? 0) <= bodyLines.length);
    shift(sub, startLine, bodyIndent);
    transformParent(sub, lines, parse, definitions);

    const callout: Callout = {
      type: 'callout',
      macro: found.macro,
      title: found.title,
      collapsible: found.collapsible,
      children: sub.children as RootContent[],
      position: { start: node.position.start, end: { line: end, column: (lines[end - 1] ?? '').length + 1 } },
    };
    parent.children.splice(index, last - index, callout as never);
  }
}

/**
 * remark plugin: MkDocs admonitions (`!!! type "Title"`, collapsible `???`) and Material content
 * tabs (`=== "Title"`) with a body indented by four columns. The indented body is parsed again as
 * Markdown (with the page's link and footnote definitions appended, so references still work),
 * then nested admonitions inside it are handled the same way.
 */
export function remarkAdmonitions(this: Processor) {
  const parseMarkdown = (body: string): Root => this.parse(body) as Root;
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!MAYBE_MARKER.test(source)) return;
    const lines = source.split('\n');
    const parse: Parse = parseMarkdown;
    const definitions: Definition[] = [];
    for (const child of tree.children) {
      if (child.type !== 'definition' && child.type !== 'footnoteDefinition') continue;
      const label = (child.label ?? child.identifier).toLowerCase();
      definitions.push({ label, source: source.slice(child.position?.start.offset ?? 0, child.position?.end.offset ?? 0) });
    }
    const parents: Parent[] = [];
    forEachParent(tree, (node) => {
      parents.push(node);
    });
    for (const parent of parents) transformParent(parent, lines, parse, definitions);
  };
}
