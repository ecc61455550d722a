import { characterEntitiesHtml4 } from 'character-entities-html4';
import { createTwoFilesPatch } from 'diff';
import { SaxesParser } from 'saxes';
import { escapeXmlAttribute, escapeXmlText } from '../convert/shared/xml.js';

/** Attributes Confluence adds on save; they say nothing about content. */
const NOISE = new Set(['ac:macro-id', 'ac:schema-version', 'ri:version-at-save', 'ac:local-id', 'local-id']);
const BLOCK = /^(p|h[1-6]|li|ul|ol|tr|table|tbody|thead|blockquote|pre|hr|ac:structured-macro|ac:parameter|ac:task|ac:layout-section|ac:layout-cell)$/;

/**
 * Storage in a canonical, line-per-block form for a readable diff: entities decoded (then only
 * `& < >` and `"` escaped), attributes sorted without the ones Confluence adds on save, empty
 * elements written one way, a line break around every block element. An unparsable body is
 * returned as it is.
 */
export function readableStorage(storage: string): string {
  const parser = new SaxesParser({ fragment: true, xmlns: false });
  Object.assign(parser.ENTITIES, characterEntitiesHtml4, { apos: "'" });
  let out = '';
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.entries(tag.attributes as Record<string, string>)
      .filter(([name]) => !NOISE.has(name))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
      .join('');
    if (BLOCK.test(tag.name)) out += '\n';
    out += `<${tag.name}${attributes}${tag.isSelfClosing ? ' /' : ''}>`;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) out += `</${tag.name}>`;
    if (BLOCK.test(tag.name)) out += '\n';
  });
  parser.on('text', (text) => (out += escapeXmlText(text)));
  parser.on('cdata', (text) => (out += `<![CDATA[${text}]]>`));
  try {
    parser.write(storage).close();
  } catch {
    failed = true;
  }
  if (failed) return storage;
  return `${out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')}\n`;
}

/** A unified diff of a page's body in Confluence and the body a push would send. */
export function storageDiff(path: string, remote: string, next: string): string {
  return createTwoFilesPatch(`confluence/${path}`, `local/${path}`, readableStorage(remote), readableStorage(next), undefined, undefined, { context: 2 });
}
