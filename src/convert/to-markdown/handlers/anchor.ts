import type { Element } from 'hast';
import type { PhrasingContent } from 'mdast';
import { escapeXmlAttribute } from '../../shared/xml.js';
import { macroParts, parameterText } from '../elements.js';
import type { PullState } from '../state.js';

/** The `anchor` macro (inline) → `<a id="name"></a>`, which the push writes back as the macro. */
export function anchorMacro(_state: PullState, element: Element): PhrasingContent[] | undefined {
  const parts = macroParts(element);
  if (!parts || parts.rest.length > 0 || parts.parameters.size !== 1) return undefined;
  const name = parameterText(parts.parameters.get(''));
  if (name === undefined || name === '') return undefined;
  return [{ type: 'html', value: `<a id="${escapeXmlAttribute(name)}"></a>` }];
}
