import { relative } from 'node:path';
import { ConfluenceError, redact, type ConfluenceClient } from '../client/index.js';
import type { Config } from '../config/schema.js';
import { LockfileError } from '../lockfile/io.js';
import { renderPlanMarkdown } from '../plan/render.js';
import type { Plan, RenderedPage } from '../plan/types.js';
import { storageDiff } from '../sync/storage-diff.js';
import { PlanError, push, type PushResult } from '../sync/push.js';
import { SnapshotError } from '../sync/snapshot.js';
import { TreeError } from '../tree/errors.js';
import { clientFromEnv, connectionOf } from './client-from-env.js';
import { configFromFlags } from './config-flags.js';
import { CliError, ExitCode } from './errors.js';
import type { ReportFlags } from './output/flags.js';
import { outputMode, terminalOf } from './output/mode.js';
import { appendStepSummary, jsonText, runDocument, writeJsonFile, type RunDocument } from './output/report.js';
import { appliedLine, RunReporter } from './output/reporter.js';
import type { SyncFlags } from './sync-flags.js';

/** The flags of `push` and `check`. */
export interface PushRunFlags extends SyncFlags, ReportFlags {
  readonly format?: 'text' | 'markdown';
  readonly verbose?: boolean;
  readonly diff?: boolean;
}

export interface PushRunOptions {
  readonly paths: readonly string[];
  readonly flags: PushRunFlags;
  readonly dryRun: boolean;
  readonly force: boolean;
  /** Check's verdict: the last lines of the text output, and extra fields of the JSON report. */
  readonly conclude?: (result: PushResult, config: Config) => { readonly verdict: string; readonly report: Record<string, unknown> };
}

/** The error of a run as the user sees it (message and exit code); unexpected errors are rethrown. */
export function cliErrorOf(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof TreeError || error instanceof PlanError || error instanceof LockfileError || error instanceof SnapshotError) return new CliError(error.message, ExitCode.usage);
  if (error instanceof ConfluenceError) return new CliError(redact(error.message), ExitCode.failure);
  throw error;
}

/** For each update that changes a body: a unified diff of the page in Confluence and what would be sent. */
async function diffs(client: ConfluenceClient, plan: Plan, pages: ReadonlyMap<string, RenderedPage>): Promise<string> {
  let text = '';
  for (const action of plan.actions) {
    if (action.type !== 'update' || !action.changes.includes('body')) continue;
    const page = pages.get(action.path);
    if (!page) continue;
    const remote = await client.pages.get(action.pageId, { bodyFormat: 'storage' });
    text += `\n${storageDiff(action.path, remote.body?.storage?.value ?? '', page.storage)}`;
  }
  return text;
}

/** PATHS as given (relative to the current directory, or to the docs root) → paths under the docs root. */
export function pathsUnderDocs(config: Config, paths: readonly string[]): string[] {
  return paths.map((p) => (relative(config.docs, p).startsWith('..') ? p : relative(config.docs, p)));
}

/**
 * One push or check from the command line with its output: loads the config, builds the client,
 * runs the push (or its plan), prints through a RunReporter, writes the JSON report to stdout
 * (`--json`) and/or a file (`--json-file`), and on GitHub Actions appends the plan to the job summary.
 * Errors become CliErrors (a JSON file still gets an error report); the caller decides the exit code.
 */
export async function runPushWithOutput(options: PushRunOptions): Promise<{ result: PushResult; document: RunDocument }> {
  const { flags } = options;
  const env = process.env;
  const mode = outputMode(flags, terminalOf(env));
  let started: RunReporter | undefined;
  try {
    const { config, baseDir } = await configFromFlags(flags);
    const reporter = new RunReporter({
      mode,
      format: flags.format === 'markdown' ? 'markdown' : 'text',
      verbose: Boolean(flags.verbose),
      jsonOnStdout: Boolean(flags.json),
      docs: config.docs,
      out: process.stdout,
      err: process.stderr,
    });
    started = reporter;
    const client = await clientFromEnv(env, connectionOf(config));
    let result: PushResult;
    try {
      result = await push({
        config,
        baseDir,
        client,
        dryRun: options.dryRun,
        force: options.force,
        paths: pathsUnderDocs(config, options.paths),
        onEvent: (event) => reporter.event(event),
        onPlan: async (plan, pages, warnings) => {
          reporter.warnings(warnings);
          reporter.plan(plan);
          if (flags.diff) reporter.planDetail(await diffs(client, plan, pages));
          if (!options.dryRun) reporter.startApply(plan.actions.filter((a) => a.type !== 'noop' && a.type !== 'conflict').length);
        },
      });
    } finally {
      await client.close();
    }
    if (result.report) reporter.applied(result.report);
    const conclusion = options.conclude?.(result, config);
    const verdict = conclusion?.verdict;
    if (verdict) reporter.verdict(verdict);
    reporter.endGroup();
    const document = { ...runDocument(options.dryRun, result.plan, result.warnings, result.report), ...conclusion?.report };
    if (flags.json) process.stdout.write(jsonText(document));
    if (flags.jsonFile) await writeJsonFile(flags.jsonFile, document);
    if (mode.ci) await appendStepSummary(env, [renderPlanMarkdown(result.plan), ...(result.report ? [appliedLine(result.report), ''] : []), ...(verdict ? [verdict, ''] : [])].join('\n'));
    return { result, document };
  } catch (error) {
    // A section left open by the failure is closed before the error is printed.
    started?.endGroup();
    const cliError = cliErrorOf(error);
    if (flags.jsonFile) await writeJsonFile(flags.jsonFile, { error: { exitCode: cliError.exitCode, message: cliError.message } });
    if (flags.json) process.stdout.write(jsonText({ error: { exitCode: cliError.exitCode, message: cliError.message } }));
    throw cliError;
  }
}

/** The exit code of a run: failures first, then conflicts left. */
export function pushExitCode(result: PushResult): number {
  const { plan, report } = result;
  if (report && report.failed.length > 0) return ExitCode.failure;
  if (plan.actions.some((a) => a.type === 'conflict') || (report && report.conflicts.length > 0)) return ExitCode.conflicts;
  return ExitCode.ok;
}
