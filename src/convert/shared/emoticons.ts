import { emojiForShortcode } from './emoji.js';

/**
 * Confluence's legacy emoticon names (`<ac:emoticon ac:name="tick" />`, confluence-api-notes
 * §10.7) → the character they show. `light-off` and the coloured stars other than yellow have no
 * emoji of their own and are absent: such emoticons are kept as storage.
 */
const LEGACY: Readonly<Record<string, string>> = {
  smile: '🙂',
  sad: '🙁',
  cheeky: '😛',
  laugh: '😀',
  wink: '😉',
  'thumbs-up': '👍',
  'thumbs-down': '👎',
  information: 'ℹ️',
  tick: '✅',
  cross: '❌',
  warning: '⚠️',
  plus: '➕',
  minus: '➖',
  question: '❓',
  'light-on': '💡',
  'yellow-star': '⭐',
};

/** True when `value` is made of emoji (not a `:shortcode:` text fallback). */
function isEmojiText(value: string): boolean {
  return value !== '' && !value.startsWith(':') && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value);
}

/**
 * The character an emoticon shows, from its attributes: the Cloud `ac:emoji-fallback` when it is
 * an emoji, else the emoji for `ac:emoji-shortname` (`:smile:`), else the legacy `ac:name`.
 * `undefined` when none is known (Atlassian's own emoji such as `atlassian-check_mark` with a
 * legacy name the table lacks): the emoticon is then kept as storage.
 */
export function emoticonCharacter(attributes: Readonly<Record<string, string>>): string | undefined {
  const fallback = attributes['ac:emoji-fallback'];
  if (fallback !== undefined && isEmojiText(fallback)) return fallback;
  const shortname = attributes['ac:emoji-shortname'];
  if (shortname !== undefined && shortname.startsWith(':') && shortname.endsWith(':')) {
    const emoji = emojiForShortcode(shortname.slice(1, -1));
    if (emoji !== undefined) return emoji;
  }
  const name = attributes['ac:name'];
  return name !== undefined && Object.hasOwn(LEGACY, name) ? LEGACY[name] : undefined;
}
