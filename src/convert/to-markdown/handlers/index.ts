/**
 * The registries: one handler per storage element (block and inline positions apart) and, in
 * `macro.ts`, one per macro. A handler returns `undefined` to decline what Markdown cannot
 * express exactly; the element is then kept in a lossless form (`lossless.ts`).
 */
import type { ElementContent } from 'hast';
import type { BlockContent, Code, PhrasingContent } from 'mdast';
import { STORAGE_FENCE_LANGUAGE } from '../../shared/storage-fence.js';
import { isPhrasing, isWhitespace } from '../elements.js';
import { keepBlock, keepInline, keepInlineRun } from '../lossless.js';
import type { BlockHandler, Converters, InlineHandler, PullState } from '../state.js';
import { blockquote } from './blockquote.js';
import { emoticon } from './emoticon.js';
import { footnoteReference } from './footnote.js';
import { heading } from './heading.js';
import { image } from './image.js';
import { code, emphasis, lineBreak, span, strong } from './inline.js';
import { anchorElement, confluenceLink } from './link.js';
import { list } from './list.js';
import { blockMacro, inlineMacro } from './macro.js';
import { paragraph } from './paragraph.js';
import { rule } from './rule.js';
import { table } from './table.js';
import { taskList } from './task-list.js';

export const blockHandlers: Readonly<Record<string, BlockHandler>> = {
  p: paragraph,
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
  ul: list,
  ol: list,
  'ac:task-list': taskList,
  table,
  blockquote,
  hr: rule,
  'ac:structured-macro': blockMacro,
};

export const inlineHandlers: Readonly<Record<string, InlineHandler>> = {
  strong,
  em: emphasis,
  span,
  code,
  br: lineBreak,
  a: anchorElement,
  'ac:link': confluenceLink,
  'ac:image': image,
  'ac:emoticon': emoticon,
  'ac:structured-macro': inlineMacro,
  sup: footnoteReference,
};

/** The registries as maps, looked up once per element. */
const BLOCK_HANDLERS: ReadonlyMap<string, BlockHandler> = new Map(Object.entries(blockHandlers));
const INLINE_HANDLERS: ReadonlyMap<string, InlineHandler> = new Map(Object.entries(inlineHandlers));

function isStorageFence(node: BlockContent | undefined): node is Code {
  return node?.type === 'code' && node.lang === STORAGE_FENCE_LANGUAGE && node.meta === null;
}

/**
 * Appends `converted` to `out`. When `touches` (the storage of the last fence of `out` and of the
 * first fence of `converted` have no whitespace between them, and one of them is a run of inline
 * content), the two become one fence: the push writes a line break between two fences, which
 * would put a space into text that had none. Fences of block elements stay apart (whitespace
 * between blocks is layout).
 */
function append(out: BlockContent[], converted: readonly BlockContent[], touches: boolean): void {
  const [first, ...rest] = converted;
  const previous = out[out.length - 1];
  if (touches && isStorageFence(previous) && isStorageFence(first)) {
    previous.value += first.value;
    out.push(...rest);
  } else {
    out.push(...converted);
  }
}

function flow(state: PullState, children: readonly ElementContent[]): BlockContent[] {
  const out: BlockContent[] = [];
  let run: ElementContent[] = [];
  // What ended right before the current child without whitespace: a kept element, a run, or nothing.
  let touching: 'kept' | 'run' | undefined;
  const flush = (): void => {
    if (run.length > 0) {
      append(out, keepInlineRun(run), touching !== undefined && !isWhitespace(run[0] as ElementContent));
      touching = isWhitespace(run[run.length - 1] as ElementContent) ? undefined : 'run';
    }
    run = [];
  };
  for (const child of children) {
    if (child.type === 'comment') continue;
    if (isPhrasing(child)) {
      run.push(child);
      continue;
    }
    flush();
    if (child.type !== 'element') continue;
    const converted = BLOCK_HANDLERS.get(child.tagName)?.(state, child);
    if (converted) {
      out.push(...converted);
      touching = undefined;
      continue;
    }
    const kept = keepBlock(state, child);
    if (kept.some((node) => node.type === 'code')) state.warn('kept-as-storage', child, `<${child.tagName}${child.tagName === 'ac:structured-macro' ? ` ac:name="${String(child.properties['ac:name'] ?? '')}"` : ''}>`);
    append(out, kept, touching === 'run');
    touching = isStorageFence(kept[kept.length - 1]) ? 'kept' : undefined;
  }
  flush();
  return out;
}

/** Whitespace holding a line break is layout (pretty-printed storage), not text. */
const LAYOUT_SPACE = /[ \t]*[\r\n][ \t\r\n]*/g;

/** Text of a phrasing child with layout whitespace made one space (dropped at the block's edges when `edges`). */
function phrasingText(value: string, first: boolean, last: boolean): string {
  // Every layout rule needs a line ending: text without one is written as it is.
  if (!value.includes('\n') && !value.includes('\r')) return value;
  let out = value;
  if (first) out = out.replace(/^[ \t]*[\r\n]\s*/, '');
  if (last) out = out.replace(/\s*[\r\n][ \t]*$/, '');
  return out.replace(LAYOUT_SPACE, ' ');
}

function phrasing(state: PullState, children: readonly ElementContent[], edges: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const last = children.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const child = children[index] as ElementContent;
    if (child.type === 'text' || child.type === 'cdata') {
      const value = phrasingText(child.value, edges && index === 0, edges && index === last);
      if (value === '') continue;
      const previous = out[out.length - 1];
      if (previous?.type === 'text') previous.value += value;
      else out.push({ type: 'text', value });
      continue;
    }
    if (child.type !== 'element') continue;
    const converted = INLINE_HANDLERS.get(child.tagName)?.(state, child) ?? keepInline(state, child);
    for (const node of converted) {
      const previous = out[out.length - 1];
      if (node.type === 'text' && previous?.type === 'text') previous.value += node.value;
      else out.push(node);
    }
  }
  return out;
}

export const converters: Converters = { flow, phrasing };
