import { withoutTexts, type PulledAction } from './action-texts.js';
import type { WriteKind } from './plan.js';

export interface PullCounts {
  readonly written: number;
  readonly moved: number;
  readonly merged: number;
  readonly deleted: number;
  readonly conflicts: number;
  readonly unchanged: number;
  readonly local: number;
}

export function countPull(actions: readonly PulledAction[]): PullCounts {
  const counts = { written: 0, moved: 0, merged: 0, deleted: 0, conflicts: 0, unchanged: 0, local: 0 };
  for (const a of actions) {
    if (a.type === 'write') {
      if (a.kind === 'merge') counts.merged++;
      else if (a.kind === 'move') counts.moved++;
      else if (a.kind === 'record') counts.unchanged++;
      else counts.written++;
    } else if (a.type === 'delete') counts.deleted++;
    else if (a.type === 'conflict') counts.conflicts++;
    else if (a.type === 'local') counts.local++;
    else if (a.type === 'unchanged') counts.unchanged++;
  }
  return counts;
}

const VERB: Record<WriteKind, string> = {
  new: 'new',
  update: 'updated',
  move: 'moved',
  merge: 'merged with the changes made here',
  force: 'updated, the changes made here dropped (--force)',
  restore: 'restored (--force)',
  record: 'already what Confluence has (recorded)',
};

/** One line per file that changes (`+` new, `~` updated, `>` moved, `=` merged, `-` deleted, `!` conflict, `·` left for push). */
export function describeAction(a: PulledAction): string | undefined {
  const page = (id: string, title: string) => `"${title}" (${id})`;
  switch (a.type) {
    case 'unchanged':
    case 'forget':
      return undefined;
    case 'write': {
      if (a.kind === 'record') return undefined;
      const symbol = a.kind === 'new' ? '+' : a.kind === 'merge' ? '=' : a.kind === 'move' ? '>' : '~';
      const where = a.from !== undefined ? `${a.from} → ${a.path}` : a.path;
      const versions = a.fromVersion !== undefined && a.fromVersion !== a.toVersion ? `, v${a.fromVersion} → v${a.toVersion}` : a.fromVersion === undefined ? `, v${a.toVersion}` : '';
      return `  ${symbol} ${where}  ${VERB[a.kind]} ${page(a.pageId, a.title)}${versions}`;
    }
    case 'delete':
      return `  - ${a.path}  deleted ${page(a.pageId, a.title)}: ${a.why}`;
    case 'conflict':
      return `  ! ${a.path}  conflict ${page(a.pageId, a.title)}: ${a.why}${a.remotePath ? `; Confluence's version is in ${a.remotePath}` : ''}`;
    case 'local':
      return `  · ${a.path}  left as it is ${page(a.pageId, a.title)}: ${a.why}`;
  }
}

export function pullSummary(counts: PullCounts, dryRun: boolean): string {
  return `${dryRun ? 'Pull (dry run, nothing written)' : 'Pull'}: ${counts.written} written, ${counts.moved} moved, ${counts.merged} merged, ${counts.deleted} deleted, ${counts.conflicts} conflict${counts.conflicts === 1 ? '' : 's'}, ${counts.unchanged} unchanged${counts.local ? `, ${counts.local} left as ${counts.local === 1 ? 'it is' : 'they are'}` : ''}.`;
}

/** An action as `--json` shows it: without the file texts. */
export function jsonAction(a: PulledAction): Record<string, unknown> {
  return withoutTexts(a);
}
