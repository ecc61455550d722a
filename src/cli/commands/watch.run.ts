import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { journalOf } from '../../lockfile/io.js';
import { storageStoreOf } from '../../sync/render-cache.js';
import { PlanError } from '../../sync/push.js';
import { TreeError } from '../../tree/errors.js';
import { Batcher } from '../../watch/batch.js';
import { WatchSession } from '../../watch/session.js';
import { watchTree } from '../../watch/watcher.js';
import { clientFromEnv, connectionOf } from '../client-from-env.js';
import { configFromFlags } from '../config-flags.js';
import { CliError, ExitCode } from '../errors.js';
import type { OutputFlags } from '../output/mode.js';
import { outputMode, terminalOf } from '../output/mode.js';
import { consoleWatchReporter } from '../output/watch-reporter.js';
import { cliErrorOf } from '../push-run.js';
import type { SyncFlags } from '../sync-flags.js';

export interface WatchFlags extends SyncFlags, OutputFlags {
  readonly debounce: string;
}

/** Resolves at the first SIGINT or SIGTERM; a second one gets Node's default (exit at once). */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolveSignal(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Errors a save cannot fix stop the watch at its start: credentials, space, root page, lockfile. */
const docsError = (error: unknown) => error instanceof TreeError || error instanceof PlanError;

/** `confluence-sync watch`: the first push, then one push per burst of saves, until a signal. */
export async function runWatch(flags: WatchFlags): Promise<void> {
  const debounce = Number(flags.debounce);
  if (!Number.isInteger(debounce) || debounce < 0) throw new CliError(`--debounce expects milliseconds (got '${flags.debounce}')`, ExitCode.usage);
  const signal = firstSignal();
  const { config, baseDir } = await configFromFlags(flags);
  const docsRoot = resolve(baseDir, config.docs);
  if (!existsSync(docsRoot) || !statSync(docsRoot).isDirectory()) throw new CliError(`the docs root ${config.docs} does not exist or is not a directory: check --docs or "docs" in the config`, ExitCode.usage);
  const mode = outputMode(flags, terminalOf());
  const out = process.stdout;
  const say = (line: string) => {
    if (!mode.quiet) out.write(`${line}\n`);
  };
  const client = await clientFromEnv(process.env, connectionOf(config));
  try {
    const session = new WatchSession({ config, baseDir, client, reporter: consoleWatchReporter(mode, config.docs, out, process.stderr) });
    say(`Publishing ${config.docs.replace(/\/$/, '')}/ to space ${config.space ?? '(none)'}…`);
    try {
      await session.run(undefined, (error) => !docsError(error));
    } catch (error) {
      throw cliErrorOf(error);
    }
    // The files the tool writes, when they are under the docs root.
    const cacheFile = typeof config.cache === 'string' ? resolve(baseDir, config.cache) : undefined;
    const written = [resolve(baseDir, config.lockfile), journalOf(resolve(baseDir, config.lockfile)), ...(cacheFile ? [cacheFile, storageStoreOf(cacheFile).dir] : [])];
    const own = new Set(written.map((f) => relative(docsRoot, f).replace(/\\/g, '/')));
    const batcher = new Batcher((batch) => session.run(batch), debounce);
    const watcher = await watchTree(docsRoot, own, (event) => batcher.add(event), (error) => process.stderr.write(`watch error: ${error.message}\n`));
    say(`Watching ${config.docs.replace(/\/$/, '')}/ for changes. Ctrl-C stops.`);

    await signal;
    if (batcher.busy) say('Stopping after the push in progress (Ctrl-C again quits at once)…');
    await watcher.close();
    const left = await batcher.stop();
    if (left.length > 0) say(`Not pushed (saved after the last push): ${left.join(', ')}. Run confluence-sync push.`);
    say('Stopped; the lockfile is complete.');
  } finally {
    await client.close();
  }
}
