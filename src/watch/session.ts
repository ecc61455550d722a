import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ApplyEvent } from '../apply/events.js';
import type { ConfluenceClient } from '../client/index.js';
import type { Config } from '../config/schema.js';
import type { ConversionWarning } from '../convert/index.js';
import type { RenderedPage } from '../plan/types.js';
import { push, type PushResult } from '../sync/push.js';
import type { FileEvent } from './batch.js';
import { nextBaseline, selectChanged } from './changes.js';

/** What a watch prints; the CLI formats and colours it. */
export interface WatchReporter {
  /** A run starts (`changed` is empty for the first, whole-tree run). */
  start(changed: readonly FileEvent[]): void;
  warning(warning: ConversionWarning): void;
  event(event: ApplyEvent): void;
  /** A run ended: what it pushed (the selected paths, or every page for the first run). */
  done(result: PushResult, pushed: readonly string[]): void;
  /** A run stopped on an error; the watch goes on. */
  failed(error: unknown): void;
}

export interface WatchSessionOptions {
  readonly config: Config;
  readonly baseDir: string;
  readonly client: ConfluenceClient;
  readonly reporter: WatchReporter;
}

type Batch = ReadonlyMap<string, FileEvent['kind']>;

const GONE = 'gone';

/**
 * The pushes of a watch. The first run pushes the whole tree, like `push`; each later run (a batch
 * of saves) renders the tree again and pushes only the pages whose rendering changed since the run
 * before, and the orphan policy only for the files that are gone (changes.ts). Saves that changed no
 * byte (a page ID our own push wrote into a new file, an editor's touch) start no run. A run that
 * fails keeps the previous state, so its pages are pushed by the next run.
 */
export class WatchSession {
  private baseline: Map<string, string> | undefined;
  /** sha256 of files as the last run left them (or GONE), to skip events that changed no byte. */
  private readonly seen = new Map<string, string>();
  private readonly docsRoot: string;

  constructor(private readonly o: WatchSessionOptions) {
    this.docsRoot = resolve(o.baseDir, o.config.docs);
  }

  private async hash(path: string): Promise<string> {
    try {
      return createHash('sha256').update(await readFile(resolve(this.docsRoot, path))).digest('hex');
    } catch {
      return GONE;
    }
  }

  /** The paths of a batch whose bytes differ from what the last run left. */
  private async changedPaths(batch: Batch): Promise<string[]> {
    const changed: string[] = [];
    for (const path of batch.keys()) if (this.seen.get(path) !== (await this.hash(path))) changed.push(path);
    return changed.sort();
  }

  /**
   * One run: the whole tree without a batch, else the pages the batch changed. Resolves false when
   * it failed (reported), or throws the errors `rethrow` picks (the first run: a wrong space will
   * not be fixed by a save).
   */
  async run(batch?: Batch, rethrow?: (error: unknown) => boolean): Promise<boolean> {
    const changed = batch ? await this.changedPaths(batch) : [];
    if (batch && changed.length === 0) return true;
    const { reporter } = this.o;
    reporter.start(changed.map((path) => ({ path, kind: batch!.get(path)! })));
    const baseline = this.baseline;
    let rendered: RenderedPage[] = [];
    let pushed: readonly string[] = [];
    try {
      const result = await push({
        config: this.o.config,
        baseDir: this.o.baseDir,
        client: this.o.client,
        dryRun: false,
        force: false,
        paths: baseline === undefined ? undefined : (pages) => (pushed = selectChanged(pages, baseline)),
        orphansOfPaths: true,
        onEvent: (event) => reporter.event(event),
        onPlan: (_plan, pages, warnings) => {
          rendered = [...pages.values()];
          if (baseline === undefined) pushed = rendered.map((p) => p.path);
          const shown = new Set(pushed);
          for (const w of warnings) if (shown.has(w.file)) reporter.warning(w);
        },
      });
      this.baseline = nextBaseline(rendered, result.report?.failed.map((f) => f.path) ?? []);
      reporter.done(result, pushed);
    } catch (error) {
      if (rethrow?.(error)) throw error;
      reporter.failed(error);
      return false;
    }
    // What the files look like now, page IDs written into new files included.
    for (const path of new Set([...changed, ...pushed])) this.seen.set(path, await this.hash(path));
    return true;
  }
}
