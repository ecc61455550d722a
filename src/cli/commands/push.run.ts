import { relative } from 'node:path';
import type { ApplyEvent } from '../../apply/events.js';
import { ConfluenceError, redact, type ConfluenceClient } from '../../client/index.js';
import type { Plan, RenderedPage } from '../../plan/types.js';
import { storageDiff } from '../../sync/storage-diff.js';
import { countPlan, renderPlanMarkdown, renderPlanText } from '../../plan/render.js';
import { LockfileError } from '../../lockfile/io.js';
import { PlanError, push, type PushResult } from '../../sync/push.js';
import { SnapshotError } from '../../sync/snapshot.js';
import { TreeError } from '../../tree/errors.js';
import { clientFromEnv } from '../client-from-env.js';
import { configFromFlags } from '../config-flags.js';
import type { SyncFlags } from '../sync-flags.js';
import { CliError, ExitCode } from '../errors.js';

export interface PushFlags extends SyncFlags {
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly format?: 'text' | 'markdown';
  readonly verbose?: boolean;
  readonly diff?: boolean;
}

/** For each update that changes a body: a unified diff of the page in Confluence and what would be sent. */
async function printDiffs(client: ConfluenceClient, plan: Plan, pages: ReadonlyMap<string, RenderedPage>): Promise<void> {
  for (const action of plan.actions) {
    if (action.type !== 'update' || !action.changes.includes('body')) continue;
    const page = pages.get(action.path);
    if (!page) continue;
    const remote = await client.pages.get(action.pageId, { bodyFormat: 'storage' });
    process.stdout.write(`\n${storageDiff(action.path, remote.body?.storage?.value ?? '', page.storage)}`);
  }
}

function eventLine(event: ApplyEvent): string | undefined {
  switch (event.type) {
    case 'done':
      if (event.action.type === 'noop') return undefined;
      return `${event.action.type === 'create' ? 'created' : event.action.type === 'update' ? 'updated' : event.action.type === 'orphan' ? `${event.action.policy === 'delete' ? 'deleted' : 'archived'}` : 'done'} ${event.action.path}${event.url ? `  ${event.url}` : ''}${event.note ? ` (${event.note})` : ''}`;
    case 'failed':
      return `failed  ${event.action.path}: ${redact(event.error)}`;
    case 'conflict':
      return `conflict ${event.action.path}: ${event.error}`;
    case 'warning':
      return `warning ${event.message}`;
  }
}

export async function runPush(paths: string[], flags: PushFlags): Promise<void> {
  const { config, baseDir } = await configFromFlags(flags);
  const client = await clientFromEnv(process.env, { baseUrl: config.site.baseUrl, authMode: config.site.authMode, cloudId: config.site.cloudId, site: config.site.site, connection: config.site.connection, concurrency: config.concurrency });
  let result: PushResult;
  try {
    result = await push({
      config,
      baseDir,
      client,
      dryRun: Boolean(flags.dryRun),
      force: Boolean(flags.force),
      paths: paths.map((p) => relative(config.docs, p).startsWith('..') ? p : relative(config.docs, p)),
      onEvent: (event) => {
        if (flags.json) return;
        const line = eventLine(event);
        if (line) process.stderr.write(`${line}\n`);
      },
      onPlan: async (plan, pages, warnings) => {
        if (flags.json) return;
        for (const w of warnings) process.stderr.write(`warning ${config.docs.replace(/\/$/, '')}/${w.file}:${w.line}:${w.column} ${w.message} [${w.code}]\n`);
        process.stdout.write(flags.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, { verbose: flags.verbose }));
        if (flags.diff) await printDiffs(client, plan, pages);
      },
    });
  } catch (error) {
    if (error instanceof TreeError || error instanceof PlanError || error instanceof LockfileError || error instanceof SnapshotError) throw new CliError(error.message, ExitCode.usage);
    if (error instanceof ConfluenceError) throw new CliError(redact(error.message), ExitCode.failure);
    throw error;
  } finally {
    await client.close();
  }
  const { plan, warnings, report } = result;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ dryRun: Boolean(flags.dryRun), counts: countPlan(plan), plan, warnings, report: report ?? null }, null, 2)}\n`);
  } else {
    if (report) {
      process.stdout.write(
        `Applied: ${report.created.length} created, ${report.updated.length} updated, ${report.archived.length} archived, ${report.deleted.length} deleted, ${report.conflicts.length} conflicts, ${report.failed.length} failed.\n`,
      );
    }
  }
  if (report && report.failed.length > 0) process.exitCode = ExitCode.failure;
  else if (plan.actions.some((a) => a.type === 'conflict') || (report && report.conflicts.length > 0)) process.exitCode = ExitCode.conflicts;
}
