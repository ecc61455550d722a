/**
 * The children of a paragraph, heading, cell or link (mdast-util-to-markdown's
 * `containerPhrasing`): each child is written knowing the character before it (the end of the
 * previous one) and after it (the start of the next one, as that one would begin), then the
 * attention sequences are chosen (`attention.ts`).
 */
import type { PhrasingContent } from 'mdast';
import { type Item, joinPhrasing } from './attention.js';
import { firstCharacter, lastCharacter } from './characters.js';
import { escapeText, firstEscapedCharacter } from './escape.js';
import { htmlKind } from './html-kind.js';
import { footnoteReference, image, inlineCode, link, linkLabelScope } from './inline.js';
import { singleLine, unsupported } from './unsupported.js';

/** Candidate sequences of each kind of attention, preferred first (our options: `*` and `**`). */
const SEQUENCES: Readonly<Record<string, readonly string[]>> = {
  emphasis: ['*', '_'],
  strong: ['**', '__'],
  delete: ['~~', '~'],
};

/** How `node` starts, as the node before it sees it. */
function peek(node: PhrasingContent, scope: number): string {
  switch (node.type) {
    case 'text':
      return firstEscapedCharacter(singleLine(node.value, 'text'), scope);
    case 'emphasis':
    case 'strong':
      return '*';
    case 'delete':
      return '~';
    case 'inlineCode':
      return '`';
    case 'link':
    case 'footnoteReference':
      return '[';
    case 'image':
      return '!';
    case 'html':
      return '<';
    default:
      return unsupported(`phrasing node ${node.type}`);
  }
}

function leaf(node: PhrasingContent, scope: number, before: string, after: string): string {
  switch (node.type) {
    case 'text':
      return escapeText(singleLine(node.value, 'text'), before, after, scope);
    case 'inlineCode':
      return inlineCode(node, scope);
    case 'html':
      return singleLine(node.value, 'inline HTML');
    case 'link':
      return link(node, containerPhrasing(node.children, linkLabelScope(scope), '[', ']('), before, scope);
    case 'image':
      return image(node, scope);
    case 'footnoteReference':
      return footnoteReference(node, scope);
    default:
      return unsupported(`phrasing node ${node.type}`);
  }
}

function items(children: readonly PhrasingContent[], scope: number, initial: string, last: string): Item[] {
  const out: Item[] = [];
  let before = initial;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index] as PhrasingContent;
    const next = children[index + 1];
    const after = next === undefined ? last : firstCharacter(peek(next, scope));
    if (child.type === 'html' && (before === '\n' || before === '\r') && typeof out[out.length - 1] === 'string' && htmlKind(child.value) !== 7) {
      unsupported('HTML after a line ending in phrasing');
    }
    const sequences = SEQUENCES[child.type];
    if (sequences) {
      const sequence = sequences[0] as string;
      const inner = items((child as { children: PhrasingContent[] }).children, scope, sequence, sequence);
      if (inner.length === 0) continue;
      out.push({ children: inner, sequences });
      before = lastCharacter(sequence);
      continue;
    }
    const value = leaf(child, scope, before, after);
    if (value === '') continue;
    out.push(value);
    before = lastCharacter(value);
  }
  return out;
}

/** `children` written between `before` and `after` in `scope`. */
export function containerPhrasing(children: readonly PhrasingContent[], scope: number, before: string, after: string): string {
  return joinPhrasing(items(children, scope, before, after), before, after);
}
