import type { Action, Plan } from './types.js';

const SYMBOL: Record<Action['type'], string> = { create: '+', update: '~', noop: ' ', conflict: '!', orphan: '-' };

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly move: number;
  readonly unchanged: number;
  readonly conflict: number;
  readonly orphan: number;
}

export function countPlan(plan: Plan): PlanCounts {
  const counts = { create: 0, update: 0, move: 0, unchanged: 0, conflict: 0, orphan: 0 };
  for (const a of plan.actions) {
    if (a.type === 'create') counts.create++;
    else if (a.type === 'update') {
      if (a.changes.length === 1 && a.changes[0] === 'parent') counts.move++;
      else counts.update++;
    } else if (a.type === 'noop') counts.unchanged++;
    else if (a.type === 'conflict') counts.conflict++;
    else counts.orphan++;
  }
  return counts;
}

function describe(action: Action): string {
  switch (action.type) {
    case 'create':
      if (action.kind === 'folder') return `create folder "${action.title}"${action.replaces ? ` in place of folder ${action.replaces} (folders cannot be renamed or moved: deleted, then made again)` : ''}`;
      return `create "${action.title}"${action.attachments.length ? `, ${action.attachments.length} attachment(s)` : ''}${action.labels.add.length ? `, labels ${action.labels.add.join(', ')}` : ''}`;
    case 'update': {
      const symbol = action.changes.length === 1 && action.changes[0] === 'parent' ? 'move' : 'update';
      const details = action.changes.map((c) =>
        c === 'labels' ? `labels ${[...action.labels.add.map((l) => `+${l}`), ...action.labels.remove.map((l) => `-${l}`)].join(' ')}` : c === 'attachments' ? `attachments ${action.attachments.join(', ')}` : c,
      );
      return `${symbol} "${action.title}" (${action.pageId}, v${action.fromVersion}${action.writesVersion ? ` → v${action.fromVersion + 1}` : ''}): ${details.join(', ')}${action.forced ? ' [--force over a Confluence edit]' : ''}`;
    }
    case 'noop':
      return `unchanged ${action.kind === 'folder' ? 'folder ' : ''}"${action.title}" (${action.pageId})`;
    case 'conflict':
      return `conflict "${action.title}" (${action.pageId}): edited in Confluence${action.by ? ` by ${action.by}` : ''}${action.at ? ` at ${action.at}` : ''} (v${action.lockedVersion} → v${action.remoteVersion}); not overwritten (use --force)`;
    case 'orphan':
      return `${action.policy === 'keep' ? 'orphan, kept' : action.policy} ${action.kind === 'folder' ? 'folder ' : ''}"${action.title}" (${action.pageId}): its ${action.kind === 'folder' ? 'folder' : 'file'} is gone${action.blocked ? `; not done: ${action.blocked}` : ''}`;
  }
}

function symbolOf(action: Action): string {
  if (action.type === 'update' && action.changes.length === 1 && action.changes[0] === 'parent') return '>';
  return SYMBOL[action.type];
}

export function summary(counts: PlanCounts): string {
  return `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.move} to move, ${counts.orphan} orphaned, ${counts.conflict} conflict${counts.conflict === 1 ? '' : 's'}, ${counts.unchanged} unchanged.`;
}

/** The plan for a terminal or a CI log, like `terraform plan`. Unchanged pages only with `verbose`. */
export function renderPlanText(plan: Plan, options: { verbose?: boolean } = {}): string {
  const lines = plan.actions.filter((a) => options.verbose || a.type !== 'noop').map((a) => `  ${symbolOf(a)} ${a.path}  ${describe(a)}`);
  return [...lines, '', summary(countPlan(plan)), ''].join('\n');
}

/** The plan as Markdown, for a pull-request comment. */
export function renderPlanMarkdown(plan: Plan): string {
  const rows = plan.actions.filter((a) => a.type !== 'noop').map((a) => `| \`${symbolOf(a)}\` | \`${a.path}\` | ${describe(a).replace(/\|/g, '\\|')} |`);
  return [`### confluence-sync plan for space ${plan.spaceKey}`, '', summary(countPlan(plan)), '', ...(rows.length ? ['| | file | change |', '|---|---|---|', ...rows] : ['No changes.']), ''].join('\n');
}
