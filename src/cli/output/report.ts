import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ApplyReport } from '../../apply/events.js';
import type { ConversionWarning } from '../../convert/index.js';
import { countPlan, type PlanCounts } from '../../plan/render.js';
import type { Plan } from '../../plan/types.js';

/** The JSON report of a push or check (docs/push.md, docs/ci.md): `--json` on stdout, `--json-file`. */
export interface RunDocument {
  readonly dryRun: boolean;
  readonly counts: PlanCounts;
  readonly plan: Plan;
  readonly warnings: readonly ConversionWarning[];
  readonly report: ApplyReport | null;
}

export function runDocument(dryRun: boolean, plan: Plan, warnings: readonly ConversionWarning[], report: ApplyReport | undefined): RunDocument {
  return { dryRun, counts: countPlan(plan), plan, warnings, report: report ?? null };
}

/** The report of a run that stopped before its plan (invalid input, Confluence unreachable). */
export interface ErrorDocument {
  readonly error: { readonly exitCode: number; readonly message: string };
}

export function jsonText(doc: object): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Writes a JSON report to a file (its folder is created), relative to `cwd`. */
export async function writeJsonFile(file: string, doc: object, cwd = process.cwd()): Promise<void> {
  const path = resolve(cwd, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, jsonText(doc));
}

/** Appends Markdown to the GitHub Actions job summary when the runner provides one (GITHUB_STEP_SUMMARY). */
export async function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
