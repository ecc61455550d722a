import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { isPhrasing, macroParts, parameterText, significant } from '../elements.js';
import type { PullState } from '../state.js';

/** (macro, title) pairs the push writes for a GitHub alert without its own title. */
const DEFAULT_TITLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  info: { Note: 'NOTE' },
  tip: { Tip: 'TIP' },
  note: { Important: 'IMPORTANT', Warning: 'WARNING' },
  warning: { Caution: 'CAUTION' },
};

/** The alert type for a macro with a title of its own (docs/converter-to-storage.md). */
const ALERT_BY_MACRO: Readonly<Record<string, string>> = { info: 'NOTE', tip: 'TIP', note: 'WARNING', warning: 'CAUTION' };

/** The MkDocs admonition type whose colour is the macro's, for callouts without a title. */
const ADMONITION_BY_MACRO: Readonly<Record<string, string>> = { info: 'info', tip: 'tip', note: 'warning', warning: 'danger' };

/**
 * The blocks of a macro's `ac:rich-text-body`, or `undefined` when it holds inline content or
 * other children. `nested`: the body goes inside a Markdown block quote.
 */
export function richBody(state: PullState, rest: readonly Element[], nested = false): BlockContent[] | undefined {
  if (rest.length === 0) return [];
  const [body] = rest;
  if (rest.length !== 1 || body?.tagName !== 'ac:rich-text-body' || Object.keys(body.properties).length > 0) return undefined;
  if (significant(body.children).some(isPhrasing)) return undefined;
  return nested ? state.nestedFlow(body.children) : state.flow(body.children);
}

/** A line of raw storage at block level: the push finds those by source offset, which an indented block's re-parse loses. */
function hasRawStorageLine(blocks: readonly BlockContent[]): boolean {
  return blocks.some((block) => {
    if (block.type === 'html') return block.value.startsWith('<ac:') || block.value.startsWith('</ac:') || block.value.startsWith('<ri:') || block.value.startsWith('</ri:');
    if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'table') return false;
    return 'children' in block && hasRawStorageLine(block.children as BlockContent[]);
  });
}

/**
 * An indented block (`!!! type` / `=== "Tab"`) around `body`, where the push reads one: at the top
 * level (not in a quote or list item), without raw storage lines inside.
 */
function indented(state: PullState, marker: string, rest: readonly Element[]): BlockContent[] | undefined {
  if (state.nested) return undefined;
  const body = richBody(state, rest);
  if (!body || hasRawStorageLine(body)) return undefined;
  return [{ type: 'indentedBlock', marker, children: body }];
}

/** A title the MkDocs marker line can carry between double quotes. */
export function quotable(title: string): boolean {
  return !title.includes('"') && !/[\r\n]/.test(title);
}

/**
 * `info`/`tip`/`note`/`warning` → a GitHub alert (`> [!NOTE]`, title after the marker when it is
 * not the default one), the mapping the push reads back. A callout without a title becomes
 * `!!! type ""` (an admonition with an empty title), since an alert always gets one. Other
 * parameters (`icon`) decline.
 */
export function calloutMacro(state: PullState, element: Element): BlockContent[] | undefined {
  const name = String(element.properties['ac:name']);
  const parts = macroParts(element);
  if (!parts || [...parts.parameters.keys()].some((key) => key !== 'title')) return undefined;
  const title = parts.parameters.has('title') ? parameterText(parts.parameters.get('title')) : undefined;
  if (parts.parameters.has('title') && (title === undefined || title === '')) return undefined;
  const type = ADMONITION_BY_MACRO[name];
  if (!type) return undefined;
  if (title === undefined) return indented(state, `!!! ${type} ""`, parts.rest);
  // The alert title is Markdown text: GFM would read `www.`, `://` and `@` in it as a link.
  const plainTitle = title.trim() === title && !/[\r\n]/.test(title) && !/www\.|:\/\/|@/i.test(title);
  const kind = DEFAULT_TITLES[name]?.[title] ?? (plainTitle ? ALERT_BY_MACRO[name] : undefined);
  if (kind) {
    const body = richBody(state, parts.rest, true);
    if (!body) return undefined;
    return [{ type: 'githubAlert', kind, title: DEFAULT_TITLES[name]?.[title] ? '' : title, children: body }];
  }
  if (!quotable(title)) return undefined;
  return indented(state, `!!! ${type} "${title}"`, parts.rest);
}

/** `panel` with at most a title → a content tab `=== "Title"` (how the push writes panels). */
export function panelMacro(state: PullState, element: Element): BlockContent[] | undefined {
  const parts = macroParts(element);
  if (!parts || [...parts.parameters.keys()].some((key) => key !== 'title')) return undefined;
  const title = parts.parameters.has('title') ? parameterText(parts.parameters.get('title')) : '';
  if (title === undefined || (parts.parameters.has('title') && title === '') || !quotable(title)) return undefined;
  return indented(state, `=== "${title}"`, parts.rest);
}
