import type { Properties } from 'hast';
/**
 * XML 1.0 character-level helpers shared by both conversion directions. Storage format is XML,
 * so every string that reaches it must consist of XML `Char`s, and `&`, `<`, `>` (and `"` in
 * attributes) must be escaped. Only `&amp; &lt; &gt; &quot;` and numeric references are written.
 */

/** Characters XML 1.0 cannot hold at all, even as a reference (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_CHAR_GLOBAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** True when `value` contains a character XML cannot represent. */
export function hasNonXmlChars(value: string): boolean {
  return NOT_XML_CHAR.test(value);
}

/** Replaces every character XML cannot represent with U+FFFD. */
export function toXmlChars(value: string): string {
  return NOT_XML_CHAR.test(value) ? value.replace(NOT_XML_CHAR_GLOBAL, '\uFFFD') : value;
}

const TEXT_SPECIAL = /[&<>]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;

/** Escapes character data: `&`, `<` and `>` (the last so that `]]>` can never appear in text). */
export function escapeXmlText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  let out = '';
  for (const char of value) {
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else out += char;
  }
  return out;
}

/** Escapes a double-quoted attribute value; tab, LF and CR become references so they survive attribute normalisation. */
export function escapeXmlAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
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
      case '\t':
        out += '&#9;';
        break;
      case '\n':
        out += '&#10;';
        break;
      case '\r':
        out += '&#13;';
        break;
      default:
        out += char;
    }
  }
  return out;
}

/**
 * A CDATA section holding `value`. A section cannot contain `]]>`, so every occurrence is split
 * as `]]]]><![CDATA[>`: the first section ends after `]]`, the next starts with `>`
 * (confluence-api-notes §10.2). Readers concatenate adjacent sections.
 */
export function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** The attributes of an element as XML (`false`/null left out, `true` as the name, lists space-joined). */
export function xmlAttributes(properties: Properties): string {
  let out = '';
  for (const name of Object.keys(properties)) {
    const value = properties[name];
    if (value === undefined || value === null || value === false) continue;
    const serialized = Array.isArray(value) ? value.join(' ') : value === true ? name : String(value);
    out += ` ${name}="${escapeXmlAttribute(serialized)}"`;
  }
  return out;
}
