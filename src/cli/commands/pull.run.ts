import { ConfluenceError, redact } from '../../client/index.js';
import { LockfileError } from '../../lockfile/io.js';
import { countPull, describeAction, jsonAction, pullSummary } from '../../pull/report.js';
import { pull, type PullResult } from '../../sync/pull.js';
import { SnapshotError } from '../../sync/snapshot.js';
import { TreeError } from '../../tree/errors.js';
import { clientFromEnv, connectionOf } from '../client-from-env.js';
import { configFromFlags } from '../config-flags.js';
import { outputMode, terminalOf } from '../output/mode.js';
import { ProgressBar } from '../output/progress.js';
import { CliError, ExitCode } from '../errors.js';
import type { SyncFlags } from '../sync-flags.js';

export interface PullFlags extends SyncFlags {
  readonly root?: string;
  readonly includeBlogposts?: boolean;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
}

function printText(result: PullResult, docs: string, verbose: boolean, quiet: boolean): void {
  const root = docs.replace(/\/$/, '');
  for (const s of result.skipped) process.stderr.write(`warning skipped page ${s.pageId} "${s.title}": ${s.reason}\n`);
  for (const w of result.warnings) process.stderr.write(`warning ${root}/${w.file}${w.line !== undefined ? `:${w.line}` : ''} ${w.message} [${w.code}]\n`);
  for (const f of result.failed) process.stderr.write(`failed  ${f.path} (page ${f.pageId} "${f.title}"): ${redact(f.error)}\n`);
  if (quiet) {
    // Only problems: conflicts still say where Confluence's side was written.
    for (const a of result.actions) if (a.type === 'conflict') process.stderr.write(`${describeAction(a) ?? a.path}\n`);
    return;
  }
  const lines = result.actions.map((a) => describeAction(a) ?? (verbose && (a.type === 'unchanged' || a.type === 'write') ? `    ${a.path}  unchanged "${a.title}" (${a.pageId})` : undefined)).filter((l): l is string => l !== undefined);
  process.stdout.write([...lines, '', pullSummary(countPull(result.actions), result.dryRun), ''].join('\n'));
  if (result.attachments.downloaded > 0) process.stdout.write(`Attachments: ${result.attachments.downloaded} ${result.dryRun ? 'to download' : 'downloaded'}, ${result.attachments.kept} already here.\n`);
}

export async function runPull(flags: PullFlags): Promise<void> {
  if (flags.root !== undefined && flags.rootPage !== undefined && flags.root !== flags.rootPage) throw new CliError('--root and --root-page name different pages: give one of them', ExitCode.usage);
  const { config, baseDir } = await configFromFlags({ ...flags, rootPage: flags.root ?? flags.rootPage });
  const client = await clientFromEnv(process.env, connectionOf(config));
  // A progress bar on a terminal (not in CI, not with --json or --quiet).
  const mode = outputMode({ quiet: Boolean(flags.json) || Boolean(flags.quiet) }, terminalOf(process.env));
  let bar: ProgressBar | undefined;
  const onProgress = (done: number, total: number) => {
    bar ??= new ProgressBar(process.stderr, total, mode.progress);
    bar.tick();
  };
  let result: PullResult;
  try {
    result = await pull({ config, baseDir, client, dryRun: Boolean(flags.dryRun), force: Boolean(flags.force), includeBlogposts: Boolean(flags.includeBlogposts), onProgress });
  } catch (error) {
    if (error instanceof TreeError || error instanceof LockfileError || error instanceof SnapshotError) throw new CliError(error.message, ExitCode.usage);
    if (error instanceof ConfluenceError) throw new CliError(redact(error.message), ExitCode.failure);
    throw error;
  } finally {
    bar?.clear();
    await client.close();
  }
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          dryRun: result.dryRun,
          space: result.spaceKey,
          rootId: result.rootId,
          counts: countPull(result.actions),
          actions: result.actions.filter((a) => a.type !== 'unchanged').map(jsonAction),
          skipped: result.skipped,
          warnings: result.warnings,
          attachments: result.attachments,
          written: result.written,
          removed: result.removed,
          failed: result.failed,
        },
        null,
        2,
      )}\n`,
    );
  } else printText(result, config.docs, Boolean(flags.verbose), Boolean(flags.quiet));
  if (result.failed.length > 0) process.exitCode = ExitCode.failure;
  else if (result.actions.some((a) => a.type === 'conflict')) process.exitCode = ExitCode.conflicts;
}
