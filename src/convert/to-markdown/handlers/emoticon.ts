import type { Element } from 'hast';
import type { PhrasingContent } from 'mdast';
import { emoticonCharacter } from '../../shared/emoticons.js';
import { attributesOf } from '../elements.js';
import type { PullState } from '../state.js';

/** `<ac:emoticon>` → the emoji character it shows; one with no known character is kept as storage. */
export function emoticon(_state: PullState, element: Element): PhrasingContent[] | undefined {
  if (element.children.length > 0) return undefined;
  const character = emoticonCharacter(attributesOf(element));
  return character === undefined ? undefined : [{ type: 'text', value: character }];
}
