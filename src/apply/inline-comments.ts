import { characterEntitiesHtml4 } from 'character-entities-html4';
import { SaxesParser } from 'saxes';
import { escapeXmlAttribute, escapeXmlText } from '../convert/shared/xml.js';

/** An inline comment's anchor in a page body: `<ac:inline-comment-marker ac:ref="…">text</…>`. */
export interface CommentMarker {
  readonly ref: string;
  readonly text: string;
}

/** The inline-comment markers of a storage body, in document order (an unparsable body has none). */
export function commentMarkers(storage: string): CommentMarker[] {
  if (!storage.includes('ac:inline-comment-marker')) return [];
  const parser = new SaxesParser({ fragment: true, xmlns: false });
  Object.assign(parser.ENTITIES, characterEntitiesHtml4, { apos: "'" });
  const markers: CommentMarker[] = [];
  const open: Array<{ ref: string; text: string }> = [];
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'ac:inline-comment-marker') open.push({ ref: String((tag.attributes as Record<string, string>)['ac:ref'] ?? ''), text: '' });
  });
  parser.on('text', (text) => {
    for (const m of open) m.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'ac:inline-comment-marker') return;
    const m = open.pop();
    if (m && m.ref && m.text.trim()) markers.push({ ref: m.ref, text: m.text });
  });
  try {
    parser.write(storage).close();
  } catch {
    failed = true;
  }
  return failed ? [] : markers;
}

/** The [start, end) ranges of character data in a storage string (outside tags, comments and CDATA). */
function textRanges(storage: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  let start = 0;
  while (i < storage.length) {
    if (storage[i] !== '<') {
      i++;
      continue;
    }
    if (i > start) ranges.push([start, i]);
    const end = storage.startsWith('<![CDATA[', i)
      ? storage.indexOf(']]>', i) + 3
      : storage.startsWith('<!--', i)
        ? storage.indexOf('-->', i) + 3
        : tagEnd(storage, i);
    i = end <= i ? storage.length : end;
    start = i;
  }
  if (start < storage.length) ranges.push([start, storage.length]);
  return ranges;
}

/** The index after a tag's `>`, skipping quoted attribute values. */
function tagEnd(storage: string, from: number): number {
  let quote: string | undefined;
  for (let i = from + 1; i < storage.length; i++) {
    const c = storage[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return storage.length;
}

/**
 * Puts the inline-comment markers of the current remote body back into a new body: each marker whose
 * anchored text still appears in the new body's text (within one run of text) wraps the first such
 * occurrence after the previous marker. Returns the markers that could not be kept.
 */
export function keepCommentMarkers(storage: string, markers: readonly CommentMarker[]): { storage: string; lost: CommentMarker[] } {
  let out = storage;
  const lost: CommentMarker[] = [];
  let from = 0;
  for (const marker of markers) {
    const needle = escapeXmlText(marker.text);
    let placed = false;
    for (const [start, end] of textRanges(out)) {
      if (end <= from) continue;
      const at = out.slice(Math.max(start, from), end).indexOf(needle);
      if (at === -1) continue;
      const index = Math.max(start, from) + at;
      const open = `<ac:inline-comment-marker ac:ref="${escapeXmlAttribute(marker.ref)}">`;
      out = `${out.slice(0, index)}${open}${needle}</ac:inline-comment-marker>${out.slice(index + needle.length)}`;
      from = index + open.length + needle.length + '</ac:inline-comment-marker>'.length;
      placed = true;
      break;
    }
    if (!placed) lost.push(marker);
  }
  return { storage: out, lost };
}
