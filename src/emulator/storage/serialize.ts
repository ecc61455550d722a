import { characterEntitiesHtml4 } from 'character-entities-html4';
import type { XmlNode } from './xml-tree.js';

/** Characters Confluence writes back as named entities (seen in storage fetched from Cloud: `&rsquo;`, `&nbsp;`, `&rarr;`, …). */
const namedEntityOf: ReadonlyMap<string, string> = new Map(
  Object.entries(characterEntitiesHtml4)
    .filter(([, char]) => char.codePointAt(0)! > 127)
    .map(([name, char]) => [char, `&${name};`]),
);

/** Text content as Confluence stores it: `& < > "` escaped, characters with an XHTML name written by that name. */
export function escapeText(value: string): string {
  let out = '';
  for (const char of value) {
    switch (char) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      default:
        out += namedEntityOf.get(char) ?? char;
    }
  }
  return out;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Serializes a tree the way Confluence writes storage: empty elements as `<x />`, CDATA kept, values re-encoded. */
export function serializeStorage(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += escapeText(node.value);
        break;
      case 'cdata':
        out += `<![CDATA[${node.value}]]>`;
        break;
      case 'comment':
        out += `<!--${node.value}-->`;
        break;
      case 'element': {
        const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
        out +=
          node.selfClosing && node.children.length === 0
            ? `<${node.name}${attributes} />`
            : `<${node.name}${attributes}>${serializeStorage(node.children)}</${node.name}>`;
      }
    }
  }
  return out;
}
