import type { Html } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Text } from 'hast';
import { toXmlChars } from '../../shared/xml.js';

/**
 * Raw HTML that the xhtml plugin did not turn into elements is shown as text. The plugin handles
 * every `html` node it sees, so this only runs for trees built by other callers.
 */
export function html(_state: State, node: Html): Text {
  return { type: 'text', value: toXmlChars(node.value) };
}
