/**
 * A GFM table as mdast-util-gfm-table writes it with our options: cells padded with one space,
 * columns aligned to their longest cell (by UTF-16 length), the delimiter row carrying the
 * alignment colons.
 */
import type { AlignType, Table } from 'mdast';
import { containerPhrasing } from './phrasing.js';
import { PHRASING, TABLE_CELL } from './scope.js';
import { unsupported } from './unsupported.js';

function delimiter(align: AlignType | undefined, width: number): string {
  const left = align === 'left' || align === 'center' ? ':' : '';
  const right = align === 'right' || align === 'center' ? ':' : '';
  return left + '-'.repeat(Math.max(1, width - left.length - right.length)) + right;
}

function pad(cell: string, width: number, align: AlignType | undefined): string {
  const room = width - cell.length;
  if (align === 'right') return ' '.repeat(room) + cell;
  if (align === 'center') {
    const before = Math.ceil(room / 2);
    return ' '.repeat(before) + cell + ' '.repeat(room - before);
  }
  return cell + ' '.repeat(room);
}

export function table(node: Table): string {
  const align = node.align ?? [];
  const columns = align.length;
  const rows = node.children.map((row) => {
    if (row.children.length !== columns) unsupported('table row with another number of cells than columns');
    return row.children.map((cell) => containerPhrasing(cell.children, PHRASING | TABLE_CELL, '|', '|'));
  });
  if (rows.length === 0 || columns === 0) unsupported('empty table');
  const delimiters = align.map((value, column) => delimiter(value, Math.max(...rows.map((row) => (row[column] as string).length))));
  const widths = delimiters.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] as string).length)));
  const lines = [rows[0] as string[], delimiters, ...rows.slice(1)].map(
    (row) => `| ${row.map((cell, column) => pad(cell, widths[column] as number, align[column])).join(' | ')} |`,
  );
  return lines.join('\n');
}
