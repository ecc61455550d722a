/**
 * GFM footnotes, rebuilt from exactly the storage the push converter writes for them
 * (`to-storage/handlers/footnote.ts`, docs/converter-to-storage.md "Footnotes"):
 *
 * - a reference is `<sup><ac:link ac:anchor="fn-LABEL"><ac:plain-text-link-body><![CDATA[N]]>…`,
 *   N being the note's number (order of first reference);
 * - the notes are the last two blocks of the page: `<hr />`, then an `<ol>` whose every `<li>`
 *   opens with the `anchor` macro `fn-LABEL` followed by the note's blocks, in number order.
 *
 * Anything else (another anchor link in a `<sup>`, a list of anchors elsewhere) is left to the
 * other handlers. The caller checks the result ({@link footnotesInOrder}) and converts the page
 * again without footnotes when the push would number them differently.
 */
import type { Element, ElementContent } from 'hast';
import type { FootnoteDefinition, Nodes, PhrasingContent } from 'mdast';
import { decodeAnchor, encodeAnchor } from '../../shared/anchors.js';
import { elementChildren, hasOnlyAttributes, isPhrasing, macroParts, parameterText, significant, textOf } from '../elements.js';
import type { PullState } from '../state.js';

/** Prefix of the anchor of a note (the push's `noteAnchor`). */
const PREFIX = 'fn-';
/** Labels the serializer writes back unchanged (no escapes, no whitespace). */
const SAFE_LABEL = /^[\p{L}\p{M}\p{N}_.:-]+$/u;

/** A note of the footnote section: its label as written in its anchor, and its blocks. */
export interface FootnoteNote {
  readonly label: string;
  readonly body: ElementContent[];
}

/** The footnote section of a page: where it starts among the root's children, and its notes in number order. */
export interface FootnoteSection {
  readonly start: number;
  readonly notes: readonly FootnoteNote[];
  /** Normalised identifier → number shown (1-based). */
  readonly numbers: ReadonlyMap<string, number>;
}

/** micromark's identifier normalisation for a label without whitespace. */
function identifierOf(label: string): string {
  return label.toLowerCase().toUpperCase();
}

function labelOf(anchor: string): string | undefined {
  if (!anchor.startsWith(PREFIX)) return undefined;
  const label = anchor.slice(PREFIX.length);
  return SAFE_LABEL.test(label) ? label : undefined;
}

/** The label of an `anchor` macro `fn-LABEL` as the push writes it in front of a note. */
function noteLabel(node: ElementContent | undefined): string | undefined {
  if (node?.type !== 'element' || node.tagName !== 'ac:structured-macro') return undefined;
  if (!hasOnlyAttributes(node, ['ac:name']) || node.properties['ac:name'] !== 'anchor') return undefined;
  const parts = macroParts(node);
  if (!parts || parts.rest.length > 0 || parts.parameters.size !== 1) return undefined;
  const name = parameterText(parts.parameters.get(''));
  return name === undefined ? undefined : labelOf(name);
}

/** The footnote section at the end of `children`, or `undefined` when the page does not end with one. */
export function findFootnoteSection(children: readonly ElementContent[]): FootnoteSection | undefined {
  const blocks = significant(children);
  const rule = blocks[blocks.length - 2];
  const list = blocks[blocks.length - 1];
  if (rule?.type !== 'element' || rule.tagName !== 'hr' || !hasOnlyAttributes(rule) || rule.children.length > 0) return undefined;
  if (list?.type !== 'element' || list.tagName !== 'ol' || !hasOnlyAttributes(list)) return undefined;
  const items = elementChildren(list);
  if (!items || items.length === 0) return undefined;
  const notes: FootnoteNote[] = [];
  const numbers = new Map<string, number>();
  for (const item of items) {
    if (item.tagName !== 'li' || !hasOnlyAttributes(item)) return undefined;
    const [head, ...body] = significant(item.children);
    const label = noteLabel(head);
    if (label === undefined || numbers.has(identifierOf(label))) return undefined;
    // The push writes a note's content as blocks; inline content would come back wrapped in `<p>`.
    if (body.some((node) => node.type !== 'element' || isPhrasing(node))) return undefined;
    numbers.set(identifierOf(label), notes.length + 1);
    notes.push({ label, body });
  }
  return { start: children.indexOf(rule), notes, numbers };
}

/**
 * `<sup>` holding only a link to a note with the note's number → `[^label]`; anything else
 * declines (the `<sup>` is then kept with Markdown inside, as before).
 */
export function footnoteReference(state: PullState, element: Element): PhrasingContent[] | undefined {
  const numbers = state.footnotes;
  if (!numbers || !hasOnlyAttributes(element) || element.children.length !== 1) return undefined;
  const link = element.children[0];
  if (link?.type !== 'element' || link.tagName !== 'ac:link' || !hasOnlyAttributes(link, ['ac:anchor'])) return undefined;
  const raw = String(link.properties['ac:anchor'] ?? '');
  const label = labelOf(decodeAnchor(raw));
  if (label === undefined || encodeAnchor(`${PREFIX}${label}`) !== raw) return undefined;
  const number = numbers.get(identifierOf(label));
  if (number === undefined || link.children.length !== 1) return undefined;
  const body = link.children[0];
  if (body?.type !== 'element' || body.tagName !== 'ac:plain-text-link-body' || !hasOnlyAttributes(body)) return undefined;
  if (body.children.some((child) => child.type === 'element') || textOf(body.children) !== String(number)) return undefined;
  return [{ type: 'footnoteReference', identifier: label.toLowerCase(), label }];
}

/** The notes as footnote definitions, their blocks converted like any nested content. */
export function footnoteDefinitions(state: PullState, section: FootnoteSection): FootnoteDefinition[] {
  return section.notes.map((note) => ({
    type: 'footnoteDefinition',
    identifier: note.label.toLowerCase(),
    label: note.label,
    children: state.nestedFlow(note.body),
  }));
}

/**
 * True when the push would number the references of `tree` as the section does: every note is
 * referenced, and notes are first referenced in number order (the push numbers by first
 * reference, reading the page and then the notes, and leaves out notes nobody references).
 */
export function footnotesInOrder(tree: Nodes, section: FootnoteSection): boolean {
  const seen: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'footnoteReference') {
      const id = identifierOf(node.label ?? node.identifier);
      if (!seen.includes(id)) seen.push(id);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return seen.length === section.notes.length && seen.every((id, index) => section.numbers.get(id) === index + 1);
}
