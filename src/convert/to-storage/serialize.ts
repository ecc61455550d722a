import type { ElementContent, Root, RootContent } from 'hast';
import { cdata, escapeXmlText, xmlAttributes } from '../shared/xml.js';

/**
 * Elements written as `<x />` when empty: HTML void elements and Confluence resource
 * identifiers. Every other element is written with an end tag, even when empty.
 */
const SELF_CLOSING = new Set(['br', 'hr', 'img', 'col', 'wbr', 'ac:emoticon']);

function selfCloses(tagName: string): boolean {
  return SELF_CLOSING.has(tagName) || tagName.startsWith('ri:');
}


function one(node: RootContent | ElementContent, out: string[]): void {
  switch (node.type) {
    case 'text':
      out.push(escapeXmlText(node.value));
      return;
    case 'cdata':
      out.push(cdata(node.value));
      return;
    case 'element': {
      const open = `<${node.tagName}${xmlAttributes(node.properties)}`;
      if (node.children.length === 0 && selfCloses(node.tagName)) {
        out.push(`${open} />`);
        return;
      }
      out.push(`${open}>`);
      for (const child of node.children) one(child, out);
      out.push(`</${node.tagName}>`);
      return;
    }
    case 'raw':
      // Only a storage fence produces raw nodes, already checked and serialised by this module.
      out.push(node.value);
      return;
    default:
      // Comments and doctypes are never produced by the handlers; nothing to write.
      return;
  }
}

/**
 * Serialises our hast as XML: attributes always double-quoted and escaped (`&`, `<`, `>`, `"`,
 * tab, LF, CR), text escaped (`&`, `<`, `>`), CDATA split around `]]>`, attribute names and
 * element names exactly as in the tree (`ac:`/`ri:` prefixes kept). hast-util-to-html is not
 * used because its XML modes leave `<` unescaped in attribute values and `]]>` in text, and
 * collapse HTML boolean attributes to bare names, none of which is well-formed XML.
 */
export function toXml(tree: Root): string {
  const out: string[] = [];
  for (const child of tree.children) one(child, out);
  return out.join('');
}
