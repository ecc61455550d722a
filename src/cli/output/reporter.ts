import type { ApplyEvent, ApplyReport } from '../../apply/events.js';
import type { ConversionWarning } from '../../convert/index.js';
import { renderPlanMarkdown, renderPlanText, summary, countPlan } from '../../plan/render.js';
import type { Plan } from '../../plan/types.js';
import { eventLine } from './events.js';
import { groupClose, groupOpen } from './groups.js';
import type { OutputMode } from './mode.js';
import { ProgressBar } from './progress.js';
import { colorPlan, style, type Style } from './style.js';

export interface ReporterOptions {
  readonly mode: OutputMode;
  readonly format: 'text' | 'markdown';
  /** List unchanged pages in the plan. */
  readonly verbose: boolean;
  /** `--json`: stdout carries only the JSON report, so nothing else is printed there and no log lines. */
  readonly jsonOnStdout: boolean;
  /** The docs root as configured, to print warnings as `docs/file.md:line:col`. */
  readonly docs: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly now?: () => number;
}

/** Whether an action writes to Confluence (what the progress bar counts). */
function writes(action: Plan['actions'][number]): boolean {
  return action.type === 'create' || action.type === 'update' || (action.type === 'orphan' && action.policy !== 'keep' && action.blocked === undefined);
}

export function appliedLine(report: ApplyReport): string {
  return `Applied: ${report.created.length} created, ${report.updated.length} updated, ${report.archived.length} archived, ${report.deleted.length} deleted, ${report.conflicts.length} conflicts, ${report.failed.length} failed.`;
}

export function warningLine(docs: string, w: ConversionWarning, s: Style = style(false)): string {
  return `${s.yellow('warning')} ${docs.replace(/\/$/, '')}/${w.file}:${w.line}:${w.column} ${w.message} [${w.code}]`;
}

/**
 * The human output of a push or check: warnings and per-page lines on stderr, the plan and the
 * summary on stdout; CI sections around each part, a progress bar on a terminal, colour when
 * allowed, and nothing but problems with --quiet.
 */
export class RunReporter {
  private readonly s: Style;
  private progress: ProgressBar | undefined;
  private openGroup: string | undefined;
  /** Paths of the planned actions that write and have not ended yet. */
  private toApply = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly o: ReporterOptions) {
    this.s = style(o.mode.color);
    this.now = o.now ?? Date.now;
  }

  private get silent(): boolean {
    return this.o.jsonOnStdout;
  }

  private group(title: string, id: string): void {
    this.endGroup();
    const open = groupOpen(this.o.mode.groups, title, id, Math.floor(this.now() / 1000));
    if (!open) return;
    this.o.err.write(open);
    this.openGroup = id;
  }

  endGroup(): void {
    if (this.openGroup === undefined) return;
    this.o.err.write(groupClose(this.o.mode.groups, this.openGroup, Math.floor(this.now() / 1000)));
    this.openGroup = undefined;
  }

  warnings(warnings: readonly ConversionWarning[]): void {
    if (this.silent || warnings.length === 0) return;
    this.group(`${warnings.length} warning${warnings.length === 1 ? '' : 's'}`, 'confluence_sync_warnings');
    for (const w of warnings) this.o.err.write(`${warningLine(this.o.docs, w, this.s)}\n`);
    this.endGroup();
  }

  /** Prints the plan and prepares the progress bar for the actions that write. */
  plan(plan: Plan): void {
    this.toApply = new Set(plan.actions.filter(writes).map((a) => a.path));
    this.progress = new ProgressBar(this.o.err, this.toApply.size, this.o.mode.progress && !this.silent, this.now);
    if (this.silent || this.o.mode.quiet) return;
    this.group(`Plan: ${summary(countPlan(plan)).replace(/^Plan: /, '')}`, 'confluence_sync_plan');
    const text = this.o.format === 'markdown' ? renderPlanMarkdown(plan) : colorPlan(renderPlanText(plan, { verbose: this.o.verbose }), this.s);
    this.o.out.write(text);
    this.endGroup();
  }

  /** Text that belongs to the plan (the --diff output). */
  planDetail(text: string): void {
    if (!this.silent && !this.o.mode.quiet) this.o.out.write(text);
  }

  startApply(count: number): void {
    if (this.silent || this.o.mode.quiet || count === 0) return;
    this.group(`Publishing ${count} change${count === 1 ? '' : 's'}`, 'confluence_sync_apply');
  }

  event(event: ApplyEvent): void {
    if (this.silent) return;
    // One step per action that writes, however it ends (done, failed, a conflict found on write, kept with a warning).
    const path = event.type === 'warning' ? event.path : event.action.path;
    if (this.toApply.delete(path)) this.progress?.tick();
    if (this.o.mode.quiet && event.type === 'done') return;
    const line = eventLine(event, this.s);
    if (line === undefined) return;
    if (this.progress) this.progress.line(line);
    else this.o.err.write(`${line}\n`);
  }

  /** The summary at the end of a run that applied its plan. */
  applied(report: ApplyReport): void {
    this.progress?.clear();
    this.endGroup();
    if (this.silent || this.o.mode.quiet) return;
    this.o.out.write(`${this.s.bold(appliedLine(report))}\n`);
  }

  /** A line of the final summary (check's verdict). */
  verdict(text: string): void {
    this.progress?.clear();
    this.endGroup();
    if (!this.silent && !this.o.mode.quiet) this.o.out.write(`${text}\n`);
  }
}
