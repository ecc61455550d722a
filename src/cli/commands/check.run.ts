import { checkOutcome, checkVerdict } from '../check-outcome.js';
import { runPushWithOutput, type PushRunFlags } from '../push-run.js';

export interface CheckFlags extends PushRunFlags {
  readonly detailedExitcode?: boolean;
}

/** `confluence-sync check`: a dry run whose exit code says whether the docs would publish cleanly. */
export async function runCheck(paths: string[], flags: CheckFlags): Promise<void> {
  let exitCode = 0;
  await runPushWithOutput({
    paths,
    flags,
    dryRun: true,
    force: false,
    conclude: (result, config) => {
      const outcome = checkOutcome(result.plan, result.warnings, Boolean(flags.detailedExitcode));
      exitCode = outcome.exitCode;
      return { verdict: checkVerdict(outcome, config.docs), report: { check: { status: outcome.status, exitCode: outcome.exitCode, errors: outcome.errors } } };
    },
  });
  if (exitCode !== 0) process.exitCode = exitCode;
}
