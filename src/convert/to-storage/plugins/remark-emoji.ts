import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { forEachOfType } from '../walk.js';
import { emojiForShortcode } from '../../shared/emoji.js';

const SHORTCODE = /:([a-z0-9_+-]+):/g;
const ANY_SHORTCODE = /:[a-z0-9_+-]+:/;

/**
 * remark plugin: GitHub emoji shortcodes in text (`:tada:`) become the emoji character. Unknown
 * names (`:material-check:`) and shortcodes in code stay as written.
 */
export function remarkEmoji() {
  return (tree: Root, file: VFile): void => {
    if (!ANY_SHORTCODE.test(String(file.value))) return;
    forEachOfType(tree, 'text', (node) => {
      if (!node.value.includes(':')) return;
      node.value = node.value.replace(SHORTCODE, (whole, name: string) => emojiForShortcode(name) ?? whole);
    });
  };
}
