import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { escapeXmlText } from '../../shared/xml.js';
import { macroParts, parameterText } from '../elements.js';
import type { PullState } from '../state.js';
import { richBody } from './callout.js';

/**
 * `expand` with at most a title → `<details><summary>Title</summary>` … `</details>` around the
 * body as Markdown (the push reads it back as the same macro). The push collapses whitespace in
 * the summary, so a title with runs of whitespace declines.
 */
export function expandMacro(state: PullState, element: Element): BlockContent[] | undefined {
  const parts = macroParts(element);
  if (!parts || [...parts.parameters.keys()].some((key) => key !== 'title')) return undefined;
  const title = parts.parameters.has('title') ? parameterText(parts.parameters.get('title')) : undefined;
  if (parts.parameters.has('title') && (title === undefined || title === '' || title.replace(/\s+/g, ' ').trim() !== title)) return undefined;
  const body = richBody(state, parts.rest);
  if (!body) return undefined;
  const open = title === undefined ? '<details>' : `<details>\n<summary>${escapeXmlText(title)}</summary>`;
  if (body.length === 0) return [{ type: 'html', value: `${open}\n</details>` }];
  return [{ type: 'html', value: open }, ...body, { type: 'html', value: '</details>' }];
}
