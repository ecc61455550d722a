import type { ConversionWarning, WarningCode } from '../convert/index.js';
import type { Plan } from '../plan/types.js';
import { ExitCode } from './errors.js';

/**
 * Warnings that make `check` fail: the page would be published broken (a link or image that does
 * not resolve, an anchor that is not there, HTML shown as literal text, a dropped unsafe link, a
 * replaced control character, frontmatter that is ignored). The others stay warnings.
 */
export const CHECK_ERRORS: ReadonlySet<WarningCode> = new Set<WarningCode>([
  'link-unresolved',
  'attachment-unresolved',
  'anchor-not-found',
  'link-unsafe',
  'html-malformed',
  'html-disallowed',
  'frontmatter-invalid',
  'control-character',
]);

export type CheckStatus = 'up-to-date' | 'changes' | 'conflicts' | 'invalid';

export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly exitCode: number;
  /** The warnings that are errors for check. */
  readonly errors: readonly ConversionWarning[];
}

/**
 * The verdict of `check` on a plan (pure). Invalid pages (exit 3) before conflicts (2); then a plan
 * that would change Confluence is exit 4 with `detailedExitCode`, like `terraform plan
 * -detailed-exitcode`, and 0 without; up to date is 0.
 */
export function checkOutcome(plan: Plan, warnings: readonly ConversionWarning[], detailedExitCode: boolean): CheckOutcome {
  const errors = warnings.filter((w) => CHECK_ERRORS.has(w.code));
  if (errors.length > 0) return { status: 'invalid', exitCode: ExitCode.usage, errors };
  if (plan.actions.some((a) => a.type === 'conflict')) return { status: 'conflicts', exitCode: ExitCode.conflicts, errors };
  // Orphans that are only kept change nothing in Confluence.
  const changes = plan.actions.some((a) => a.type === 'create' || a.type === 'update' || (a.type === 'orphan' && a.policy !== 'keep' && a.blocked === undefined));
  if (changes) return { status: 'changes', exitCode: detailedExitCode ? ExitCode.changes : ExitCode.ok, errors };
  return { status: 'up-to-date', exitCode: ExitCode.ok, errors };
}

/** The last lines of check's text output. */
export function checkVerdict(outcome: CheckOutcome, docs: string): string {
  const root = docs.replace(/\/$/, '');
  switch (outcome.status) {
    case 'invalid':
      return [
        `Check failed: ${outcome.errors.length} error${outcome.errors.length === 1 ? '' : 's'} in the docs (see the warnings above):`,
        ...outcome.errors.map((w) => `  ${root}/${w.file}:${w.line}:${w.column} [${w.code}]`),
      ].join('\n');
    case 'conflicts':
      return 'Check failed: pages were edited in Confluence since they were published (conflicts above); bring the edits into the files, or publish with push --force.';
    case 'changes':
      return 'Check passed: the docs are valid; a push would change Confluence as planned above.';
    case 'up-to-date':
      return 'Check passed: the docs are valid and Confluence is up to date.';
  }
}
