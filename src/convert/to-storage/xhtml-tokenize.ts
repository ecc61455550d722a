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
  | { readonly ok: true; readonly events: readonly XhtmlEvent[]; readonly depth: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses one piece of raw HTML as an XML fragment with saxes, inside the elements in `open`
 * (opened by earlier pieces, innermost last): the piece may close them, and may leave elements of
 * its own open for later pieces. Comments and processing instructions are dropped; a DOCTYPE or
 * any well-formedness error fails the piece. `depth` is how many elements are open afterwards.
 */
export function tokenizeXhtml(value: string, open: readonly string[]): TokenizeResult {
  const parser = new SaxesParser({ fragment: true });
  parser.ENTITIES = XHTML_ENTITIES;
  const events: XhtmlEvent[] = [];
  let replaying = true;
  let ending = false;
  let failure: string | undefined;
  let endErrors = 0;
  let depth = open.length;

  parser.on('error', (error) => {
    if (ending) endErrors += 1;
    else failure ??= error.message;
  });
  parser.on('opentag', (tag) => {
    if (replaying) return;
    depth += 1;
    events.push({ type: 'open', name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) } });
  });
  parser.on('closetag', (tag) => {
    if (replaying) return;
    depth -= 1;
    events.push({ type: 'close', name: tag.name });
  });
  parser.on('text', (text) => {
    if (!replaying && text !== '') events.push({ type: 'text', value: text });
  });
  parser.on('cdata', (text) => {
    events.push({ type: 'cdata', value: text });
  });
  parser.on('doctype', () => {
    failure ??= 'a DOCTYPE cannot appear in a page';
  });

  for (const name of open) parser.write(`<${name}>`);
  replaying = false;
  parser.write(value);
  if (failure !== undefined) return { ok: false, reason: failure };
  // Ending reports one "unclosed tag" per element still open; anything more is a real error.
  ending = true;
  parser.close();
  if (endErrors > depth) return { ok: false, reason: 'ends inside a tag, comment or section' };
  return { ok: true, events, depth };
}
