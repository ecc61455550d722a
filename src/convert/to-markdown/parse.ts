import { SaxesParser } from 'saxes';
import { characterEntitiesHtml4 } from 'character-entities-html4';
import type { Element, ElementContent, Root } from 'hast';
import '../to-storage/nodes.js';

/**
 * The XHTML 1.0 entity set (HTML 4's 252 names plus `apos`): Confluence returns `&nbsp;`,
 * `&rsquo;`, `&mdash;` … in storage (confluence-api-notes §10.10).
 */
const XHTML_ENTITIES: Record<string, string> = { ...characterEntitiesHtml4, apos: "'" };

export type ParseResult =
  | { readonly ok: true; readonly tree: Root; readonly comments: readonly number[] }
  | { readonly ok: false; readonly reason: string; readonly line: number };

/** Line of a node in the storage input (1-based), as recorded by {@link parseStorage}. */
export function lineOf(node: ElementContent | Root): number {
  return node.position?.start.line ?? 1;
}

/**
 * Parses a storage fragment (no root element, no namespace declarations) with saxes into a hast
 * tree whose element names and attribute names are exactly as written (`ac:structured-macro`,
 * `ri:page`, `ac:name`), attributes in source order. Adjacent CDATA sections become one `cdata`
 * node; entities are decoded. Comments and processing instructions are not content: their lines
 * are returned so the caller can warn.
 */
export function parseStorage(storage: string): ParseResult {
  const parser = new SaxesParser({ fragment: true });
  parser.ENTITIES = XHTML_ENTITIES;
  const root: Root = { type: 'root', children: [] };
  const stack: Array<Root | Element> = [root];
  const comments: number[] = [];
  let failure: { reason: string; line: number } | undefined;

  const top = (): Root | Element => stack[stack.length - 1] ?? root;
  const append = (node: ElementContent): void => {
    (top().children as ElementContent[]).push(node);
  };

  parser.on('error', (error) => {
    failure ??= { reason: error.message, line: parser.line };
  });
  parser.on('opentag', (tag) => {
    const element: Element = {
      type: 'element',
      tagName: tag.name,
      properties: { ...(tag.attributes as Record<string, string>) },
      children: [],
      position: { start: { line: parser.line, column: 1 }, end: { line: parser.line, column: 1 } },
    };
    append(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (stack.length > 1) stack.pop();
  });
  parser.on('text', (value) => {
    if (value === '') return;
    const children = top().children as ElementContent[];
    const last = children[children.length - 1];
    if (last?.type === 'text') last.value += value;
    else append({ type: 'text', value, position: { start: { line: parser.line, column: 1 }, end: { line: parser.line, column: 1 } } });
  });
  parser.on('cdata', (value) => {
    const children = top().children as ElementContent[];
    const last = children[children.length - 1];
    if (last?.type === 'cdata') last.value += value;
    else append({ type: 'cdata', value });
  });
  parser.on('comment', () => {
    comments.push(parser.line);
  });
  parser.on('processinginstruction', () => {
    comments.push(parser.line);
  });
  parser.on('doctype', () => {
    failure ??= { reason: 'a DOCTYPE cannot appear in a page body', line: parser.line };
  });

  try {
    parser.write(storage);
    parser.close();
  } catch (error) {
    failure ??= { reason: error instanceof Error ? error.message : String(error), line: parser.line };
  }
  if (failure) return { ok: false, reason: failure.reason, line: failure.line };
  return { ok: true, tree: root, comments };
}
