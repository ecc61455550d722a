import { SaxesParser } from 'saxes';
import { characterEntitiesHtml4 } from 'character-entities-html4';

/**
 * The XHTML 1.0 entity set (HTML 4's 252 names plus `apos`), which Confluence storage accepts:
 * `&nbsp;` or `&rarr;` in raw HTML decode to their characters.
 */
const XHTML_ENTITIES: Record<string, string> = { ...characterEntitiesHtml4, apos: "'" };

export type XhtmlEvent =
  | { readonly type: 'open'; readonly name: string; readonly attributes: Record<string, string> }
  | { readonly type: 'close'; readonly name: string }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'cdata'; readonly value: string };

export type TokenizeResult =
  | { readonly ok: true; readonly events: readonly XhtmlEvent[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Written after each piece: an empty comment. Its `<` makes saxes hand over trailing text, and
 * seeing it come back as the last event proves the piece did not end inside a tag, comment or
 * CDATA section. This replaces `close()`, whose "unclosed tag" reports for elements the piece
 * leaves open on purpose would each build an Error.
 */
const SENTINEL = '<!---->';

/**
 * Parses one piece of raw HTML as an XML fragment with saxes, inside the elements in `open`
 * (opened by earlier pieces, innermost last): the piece may close them, and may leave elements of
 * its own open for later pieces. Comments and processing instructions are dropped; a DOCTYPE or
 * any well-formedness error fails the piece.
 */
export function tokenizeXhtml(value: string, open: readonly string[]): TokenizeResult {
  const parser = new SaxesParser({ fragment: true });
  parser.ENTITIES = XHTML_ENTITIES;
  const events: XhtmlEvent[] = [];
  let replaying = true;
  let failure: string | undefined;
  let endedCleanly = false;

  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('opentag', (tag) => {
    endedCleanly = false;
    if (!replaying) events.push({ type: 'open', name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) } });
  });
  parser.on('closetag', (tag) => {
    endedCleanly = false;
    if (!replaying) events.push({ type: 'close', name: tag.name });
  });
  parser.on('text', (text) => {
    endedCleanly = false;
    if (!replaying && text !== '') events.push({ type: 'text', value: text });
  });
  parser.on('cdata', (text) => {
    endedCleanly = false;
    events.push({ type: 'cdata', value: text });
  });
  parser.on('comment', (text) => {
    endedCleanly = text === '';
  });
  parser.on('processinginstruction', () => {
    endedCleanly = false;
  });
  parser.on('doctype', () => {
    failure ??= 'a DOCTYPE cannot appear in a page';
  });

  for (const name of open) parser.write(`<${name}>`);
  replaying = false;
  parser.write(value);
  if (failure === undefined) parser.write(SENTINEL);
  if (failure !== undefined) return { ok: false, reason: failure };
  if (!endedCleanly) return { ok: false, reason: 'ends inside a tag, comment or section' };
  return { ok: true, events };
}
