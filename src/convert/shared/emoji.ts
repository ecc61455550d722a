import { nameToEmoji } from 'gemoji';

/** The emoji for a GitHub shortcode name (`tada` → 🎉), or `undefined` when GitHub has none. */
export function emojiForShortcode(name: string): string | undefined {
  return Object.hasOwn(nameToEmoji, name) ? nameToEmoji[name] : undefined;
}
