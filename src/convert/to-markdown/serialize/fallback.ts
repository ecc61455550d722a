import type { Root } from 'mdast';
import { stringifyMarkdown } from '../stringify.js';
import { serializeMarkdown } from './index.js';

/** The Markdown of `tree`: the fast serializer's, or the reference's where it declines. */
export function serializeOrFallback(tree: Root): string {
  const fast = serializeMarkdown(tree);
  return fast.ok ? fast.markdown : stringifyMarkdown(tree);
}
