import type { Element, ElementContent } from 'hast';
import type { AlignType, BlockContent, PhrasingContent, Table, TableCell, TableRow } from 'mdast';
import { attributesOf, elementChildren, hasOnlyAttributes, isPhrasing, significant } from '../elements.js';
import type { PullState } from '../state.js';

/** A cell's inline content and the alignment its paragraph asks for. */
interface CellContent {
  readonly inline: readonly ElementContent[];
  readonly align: AlignType;
}

const ALIGN_STYLES: Readonly<Record<string, AlignType>> = {
  'text-align: center;': 'center',
  'text-align: right;': 'right',
};

/**
 * A cell holds inline content directly, or one paragraph (as the Cloud editor writes it), or one
 * paragraph styled `text-align: center|right;` (as the push writes aligned columns).
 */
function cellContent(cell: Element): CellContent | undefined {
  if (!hasOnlyAttributes(cell)) return undefined;
  const content = significant(cell.children);
  if (content.every(isPhrasing)) return { inline: cell.children, align: null };
  const [only] = content;
  if (content.length !== 1 || only?.type !== 'element' || only.tagName !== 'p') return undefined;
  if (!significant(only.children).every(isPhrasing)) return undefined;
  const attributes = attributesOf(only);
  const names = Object.keys(attributes);
  if (names.length === 0) return { inline: only.children, align: null };
  const align = names.length === 1 ? ALIGN_STYLES[attributes['style'] ?? ''] : undefined;
  return align ? { inline: only.children, align } : undefined;
}

/** GFM trims the content of a cell, so spaces at its edges are not written. */
function trimCell(children: PhrasingContent[]): PhrasingContent[] {
  const out = [...children];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.trimStart() };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.trimEnd() };
  return out.filter((node) => node.type !== 'text' || node.value !== '');
}

/**
 * Content a GFM cell cannot hold: a `|` in raw HTML (it would end the cell), and a backslash
 * before a `|` in inline code (the cell's `\|` means a pipe even inside code, so the backslash
 * would be lost).
 */
function unwritableInCell(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some(
    (node) =>
      (node.type === 'html' && node.value.includes('|')) ||
      (node.type === 'inlineCode' && node.value.includes('\\|')) ||
      ('children' in node && unwritableInCell(node.children as PhrasingContent[])),
  );
}

/**
 * `<table><tbody>` whose first row is all `<th>` and the others all `<td>`, every row as long as
 * the first, cells holding inline content → a GFM table; a column whose every cell is aligned the
 * same way gets that alignment. Anything else (merged cells, block content in cells, colours,
 * column widths, a table without a header row) is declined and kept as HTML with Markdown cells.
 */
export function table(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element)) return undefined;
  const sections = elementChildren(element);
  const [tbody] = sections ?? [];
  if (sections?.length !== 1 || tbody?.tagName !== 'tbody' || !hasOnlyAttributes(tbody)) return undefined;
  const rows = elementChildren(tbody);
  if (!rows || rows.length === 0 || rows.some((row) => row.tagName !== 'tr' || !hasOnlyAttributes(row))) return undefined;
  const grid: CellContent[][] = [];
  let width = -1;
  for (const [index, row] of rows.entries()) {
    const cells = elementChildren(row);
    if (!cells || cells.length === 0) return undefined;
    if (width === -1) width = cells.length;
    if (cells.length !== width) return undefined;
    const tag = index === 0 ? 'th' : 'td';
    const contents: CellContent[] = [];
    for (const cell of cells) {
      const content = cell.tagName === tag ? cellContent(cell) : undefined;
      if (!content) return undefined;
      contents.push(content);
    }
    grid.push(contents);
  }
  const align: AlignType[] = [];
  for (let column = 0; column < width; column += 1) {
    const values = new Set(grid.map((row) => row[column]?.align ?? null));
    if (values.size !== 1) return undefined;
    align.push([...values][0] ?? null);
  }
  const children: TableRow[] = [];
  for (const row of grid) {
    const cells: TableCell[] = row.map((cell) => ({ type: 'tableCell', children: trimCell(state.phrasing(cell.inline, true)) }));
    if (cells.some((cell) => unwritableInCell(cell.children))) return undefined;
    children.push({ type: 'tableRow', children: cells });
  }
  const node: Table = { type: 'table', align, children };
  return [node];
}
