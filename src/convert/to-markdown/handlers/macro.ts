import type { Element } from 'hast';
import type { BlockContent, PhrasingContent } from 'mdast';
import { hasOnlyAttributes } from '../elements.js';
import type { BlockHandler, InlineHandler, PullState } from '../state.js';
import { anchorMacro } from './anchor.js';
import { calloutMacro, panelMacro } from './callout.js';
import { codeMacro, noformatMacro } from './code.js';
import { expandMacro } from './expand.js';
import { tocMacro } from './toc.js';

/** Macros with a Markdown form in a block position, by `ac:name`. */
const BLOCK_MACROS: Readonly<Record<string, BlockHandler>> = {
  code: codeMacro,
  noformat: noformatMacro,
  info: calloutMacro,
  tip: calloutMacro,
  note: calloutMacro,
  warning: calloutMacro,
  panel: panelMacro,
  expand: expandMacro,
  toc: tocMacro,
};

/** Macros with a Markdown form in an inline position. */
const INLINE_MACROS: Readonly<Record<string, InlineHandler>> = {
  anchor: anchorMacro,
};

function macroName(element: Element): string | undefined {
  if (!hasOnlyAttributes(element, ['ac:name'])) return undefined;
  const name = element.properties['ac:name'];
  return name === undefined ? undefined : String(name);
}

/** `ac:structured-macro` in a block position: the handler for its name, if any. */
export function blockMacro(state: PullState, element: Element): BlockContent[] | undefined {
  const name = macroName(element);
  const handler = name === undefined || !Object.hasOwn(BLOCK_MACROS, name) ? undefined : BLOCK_MACROS[name];
  return handler?.(state, element);
}

/** `ac:structured-macro` in an inline position. */
export function inlineMacro(state: PullState, element: Element): PhrasingContent[] | undefined {
  const name = macroName(element);
  const handler = name === undefined || !Object.hasOwn(INLINE_MACROS, name) ? undefined : INLINE_MACROS[name];
  return handler?.(state, element);
}
