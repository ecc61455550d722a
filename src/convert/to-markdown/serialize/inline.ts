/** Leaf and link-like phrasing nodes, each as mdast-util-to-markdown (with GFM) writes it. */
import type { FootnoteReference, Image, InlineCode, Link } from 'mdast';
import { escapeText } from './escape.js';
import { DESTINATION_LITERAL, DESTINATION_RAW, IMAGE, LABEL, LINK, REFERENCE, TABLE_CELL, TITLE_QUOTE } from './scope.js';
import { singleLine, unsupported } from './unsupported.js';

/** The lengths of the runs of grave accents in `value`. */
function graveRuns(value: string): Set<number> {
  const runs = new Set<number>();
  let at = value.indexOf('`');
  while (at !== -1) {
    let end = at + 1;
    while (value.charCodeAt(end) === 96) end += 1;
    runs.add(end - at);
    at = value.indexOf('`', end);
  }
  return runs;
}

const NOT_BLANK = /[^\n\r ]/;
const BLANK_START = /^[\n\r ]/;
const BLANK_END = /[\n\r ]$/;

/** A pipe in a table cell, also in code, needs a backslash before it that is not itself escaped. */
function escapePipes(value: string): string {
  let at = value.indexOf('|');
  if (at === -1) return value;
  let out = '';
  let start = 0;
  while (at !== -1) {
    let before = at;
    while (before > start && value.charCodeAt(before - 1) === 92) before -= 1;
    out += value.slice(start, at);
    if ((at - before) % 2 === 0) out += '\\';
    start = at;
    at = value.indexOf('|', at + 1);
  }
  return out + value.slice(start);
}

/** `` `code` ``: a sequence longer or shorter than every run inside, padded when an edge is a grave accent or both are blank. */
export function inlineCode(node: InlineCode, scope: number): string {
  let value = singleLine(node.value, 'inline code');
  const runs = graveRuns(value);
  let size = 1;
  while (runs.has(size)) size += 1;
  const sequence = '`'.repeat(size);
  if (NOT_BLANK.test(value) && ((BLANK_START.test(value) && BLANK_END.test(value)) || value.startsWith('`') || value.endsWith('`'))) {
    value = ` ${value} `;
  }
  const code = sequence + value + sequence;
  return scope & TABLE_CELL ? escapePipes(code) : code;
}

/** Characters that need a destination in `<…>`: controls, space, DEL. */
const ENCLOSE = /[\0- \u007F]/;

function titlePart(title: string, before: string, scope: number): string {
  return ` "${escapeText(singleLine(title, 'title'), `${before} "`, '"', scope | TITLE_QUOTE)}"`;
}

function destination(url: string, literal: boolean, before: string, titled: boolean, scope: number): string {
  if (literal) return `<${escapeText(url, `${before}<`, '>', scope | DESTINATION_LITERAL)}>`;
  return escapeText(url, before, titled ? ' ' : ')', scope | DESTINATION_RAW);
}

/** True when `label` (serialized) read at the start of a line would make `[label]:` a definition. */
function looksLikeDefinition(label: string): boolean {
  let at = 0;
  while (at < label.length && label.charCodeAt(at) !== 93) at += label.charCodeAt(at) === 92 ? 2 : 1;
  return label.charCodeAt(at + 1) === 58;
}

/** `[label](url "title")`; `label` is the serialized text, `before` what precedes the link. */
export function link(node: Link, label: string, before: string, scope: number): string {
  const url = singleLine(node.url, 'link destination');
  const inLink = scope | LINK;
  let value = `[${label}](`;
  const enclose = ENCLOSE.test(url);
  const last = before.charAt(before.length - 1);
  let title = node.title === null || node.title === undefined || node.title === '' ? undefined : node.title;
  if (title === undefined && !enclose && (last === '\n' || last === '\r') && looksLikeDefinition(label)) title = '';
  const titled = title !== undefined;
  value += destination(url, (url === '' && titled) || enclose, value, titled, inLink);
  if (title !== undefined) value += titlePart(title, value, inLink);
  return `${value})`;
}

/** The scope of a link's text. */
export function linkLabelScope(scope: number): number {
  return scope | LINK | LABEL;
}

/** `![alt](url "title")`. */
export function image(node: Image, scope: number): string {
  const inImage = scope | IMAGE;
  const alt = singleLine(node.alt ?? '', 'image description');
  let value = `![${escapeText(alt, '![', ']', inImage | LABEL)}](`;
  const url = singleLine(node.url, 'image source');
  const title = node.title ?? '';
  value += destination(url, (url === '' && title !== '') || ENCLOSE.test(url), value, title !== '', inImage);
  if (title !== '') value += titlePart(title, value, inImage);
  return `${value})`;
}

/** `[^label]`. */
export function footnoteReference(node: FootnoteReference, scope: number): string {
  if (!node.label) unsupported('footnote reference without a label');
  return `[^${escapeText(singleLine(node.label, 'footnote label'), '[^', ']', scope | REFERENCE)}]`;
}
