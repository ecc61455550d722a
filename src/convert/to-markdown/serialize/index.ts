/**
 * Markdown for the mdast trees the pull converter builds, written directly: the same bytes as
 * `stringifyMarkdown` (remark-stringify + GFM with our options and handlers, the reference),
 * at a fraction of the cost. Where it meets a node or a situation it does not reproduce exactly,
 * it says so instead, and the caller uses the reference (`serializeOrFallback`).
 */
import type { Root } from 'mdast';
import type { FlowContext } from './context.js';
import { containerFlow } from './flow.js';
import { Unsupported } from './unsupported.js';

export type SerializeResult = { readonly ok: true; readonly markdown: string } | { readonly ok: false; readonly reason: string };

/** Node types the reference writes as phrasing when they are children of the root. */
const PHRASING_TYPES = new Set(['break', 'delete', 'emphasis', 'footnoteReference', 'image', 'imageReference', 'inlineCode', 'link', 'linkReference', 'strong', 'text']);

export function serializeMarkdown(tree: Root): SerializeResult {
  try {
    if (tree.children.some((child) => PHRASING_TYPES.has(child.type))) return { ok: false, reason: 'phrasing at the root' };
    const context: FlowContext = { flow: (parent) => containerFlow(parent, context), bulletCurrent: undefined, bulletLastUsed: undefined };
    const markdown = containerFlow(tree, context);
    const last = markdown.charCodeAt(markdown.length - 1);
    return { ok: true, markdown: markdown === '' || last === 10 || last === 13 ? markdown : `${markdown}\n` };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.reason };
    throw error;
  }
}
