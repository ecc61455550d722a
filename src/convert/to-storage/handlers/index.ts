/**
 * The registry: one handler per mdast node type, ours included. Types that produce nothing are
 * listed explicitly (`definition`, `footnoteDefinition`, `yaml`).
 */
import type { Handler, Handlers } from 'mdast-util-to-hast';
import { blockquote } from './blockquote.js';
import { callout, tocMarker } from './callout.js';
import { code } from './code.js';
import { footnoteReference } from './footnote.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { image, imageReference } from './image.js';
import { emphasis, hardBreak, inlineCode, strikethrough, strong, thematicBreak } from './inline.js';
import { link, linkReference } from './link.js';
import { list, listItem } from './list.js';
import { paragraph } from './paragraph.js';
import { root } from './root.js';
import { table, tableCell, tableRow } from './table.js';
import { text } from './text.js';
import { xhtmlCdata, xhtmlElement, xhtmlText } from './xhtml.js';

function nothing(): undefined {
  return undefined;
}

export const handlers: Handlers = {
  blockquote,
  break: hardBreak,
  callout,
  code,
  definition: nothing,
  delete: strikethrough,
  emphasis,
  footnoteDefinition: nothing,
  footnoteReference,
  heading,
  html,
  image,
  imageReference,
  inlineCode,
  link,
  linkReference,
  list,
  listItem,
  paragraph,
  // The root handler returns a hast root, which the Handler type does not model.
  root: root as unknown as Handler,
  strong,
  table,
  tableCell,
  tableRow,
  text,
  thematicBreak,
  tocMarker,
  xhtmlCdata,
  xhtmlElement,
  xhtmlText,
  yaml: nothing,
};
