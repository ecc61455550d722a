import type { Text } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Text as HastText } from 'hast';
import { toXmlChars } from '../../shared/xml.js';

/**
 * Text. A soft line break (with the spaces around it) becomes one space: Confluence shows a
 * newline inside a paragraph as a line break, while Markdown means a space.
 */
export function text(_state: State, node: Text): HastText {
  const value = node.value.includes('\n') ? node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : node.value;
  return { type: 'text', value: toXmlChars(value) };
}
