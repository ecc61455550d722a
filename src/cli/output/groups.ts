import type { OutputMode } from './mode.js';

/**
 * The lines that open and close a collapsible section of a CI log (pure): GitHub Actions'
 * `::group::` workflow command, or GitLab CI's `section_start`/`section_end` markers; '' without.
 */
export function groupOpen(groups: OutputMode['groups'], title: string, id: string, nowSeconds: number): string {
  if (groups === 'github') return `::group::${title}\n`;
  if (groups === 'gitlab') return `\x1b[0Ksection_start:${nowSeconds}:${id}[collapsed=true]\r\x1b[0K${title}\n`;
  return '';
}

export function groupClose(groups: OutputMode['groups'], id: string, nowSeconds: number): string {
  if (groups === 'github') return '::endgroup::\n';
  if (groups === 'gitlab') return `\x1b[0Ksection_end:${nowSeconds}:${id}\r\x1b[0K\n`;
  return '';
}
