import type { AlignType, Table, TableCell, TableRow } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { h, text } from '../build.js';

/**
 * One cell. Confluence ignores `align` on cells; alignment is a styled paragraph inside the cell
 * (confluence-api-notes §10.1). `left` is the default and cannot be expressed, so it is omitted.
 */
function cell(state: State, node: TableCell, header: boolean, align: AlignType | undefined): Element {
  const content = state.all(node);
  const children: ElementContent[] =
    align === 'center' || align === 'right' ? [h('p', { style: `text-align: ${align};` }, content)] : content;
  return h(header ? 'th' : 'td', {}, children);
}

function row(state: State, node: TableRow, header: boolean, align: readonly (AlignType | undefined)[]): Element {
  const cells: ElementContent[] = node.children.map((child, index) => cell(state, child, header, align[index] ?? undefined));
  return h('tr', {}, cells);
}

/** A GFM table: every row in `<tbody>`, the first row as `<th>` cells, as Confluence stores tables. */
export function table(state: State, node: Table): Element {
  const align = node.align ?? [];
  const rows: ElementContent[] = [];
  node.children.forEach((child, index) => rows.push(text('\n'), row(state, child, index === 0, align)));
  rows.push(text('\n'));
  return h('table', {}, [h('tbody', {}, rows)]);
}

/** A row met outside {@link table} (not produced by the parser; kept for callers). */
export function tableRow(state: State, node: TableRow): Element {
  return row(state, node, false, []);
}

/** A cell met outside {@link table}. */
export function tableCell(state: State, node: TableCell): Element {
  return cell(state, node, false, undefined);
}
