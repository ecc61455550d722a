import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ToMarkdownResult } from '../convert/index.js';
import type { ConvertTask, ConvertTaskResult, MarkdownTask, Shared, StorageTask, TreeFactsData } from './convert-tasks.js';
import type { ConvertedPage, PageSource } from './render-resolve.js';

export interface ConvertPoolOptions {
  /** Worker threads (default: `os.availableParallelism()`). */
  readonly threads?: number;
  /**
   * A cap on each worker's young generation, in MB (`resourceLimits.maxYoungGenerationSizeMb`);
   * V8's default lets it grow to 48 MB. A lower cap holds less memory at the cost of more frequent
   * collections: see {@link RENDER_YOUNG_GENERATION_MB}.
   */
  readonly youngGenerationMb?: number;
}

/**
 * The young generation of the conversion workers of a push (render-parallel.ts) and of a pull
 * (pull.ts). A push peaks while it renders, with its workers; 12 MB instead of V8's 48 lowered a
 * 1,000-page render's peak by about 30 MB (from 244 to 216 MB) for 5-10 % more CPU, and a
 * 5,000-page render's by 25-40 MB. A pull, whose texts wait on disk until it writes them, peaks
 * while its worker renders ahead too: 281-293 MB against 292-307 for a 5,000-page first pull, for
 * about a fifth more time, the worker's renders being its longest path (docs/benchmarks.md).
 */
export const RENDER_YOUNG_GENERATION_MB = 12;

/**
 * Converts Markdown → storage and storage → Markdown on worker threads (piscina), one task per
 * page. The tasks are plain data (convert-tasks.ts): a worker rebuilds a conversion's resolvers
 * from the tree's facts, shared once per run. Idle workers do not keep the process alive; `close()`
 * ends them.
 *
 * The worker module is loaded as what this module is: `convert-worker.js` next to the built
 * `dist/sync/convert-pool.js`, or `convert-worker.ts` under tsx or vitest, with tsx loaded into
 * the workers.
 */
export class ConvertPool {
  readonly threads: number;
  readonly #pool: Piscina<ConvertTask, ConvertTaskResult>;
  #completed = 0;
  #failure: Error | undefined;

  constructor(options: ConvertPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    const typescript = import.meta.url.endsWith('.ts');
    this.#pool = new Piscina({
      filename: new URL(`./convert-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Conversions are synchronous, so a worker runs its tasks one after the other; the second is
      // handed over while the first runs, so the worker never waits for this thread to send the next
      // (which is late when this thread is busy converting too, see render-parallel.ts).
      concurrentTasksPerWorker: 2,
      // Tasks take milliseconds, so piscina's Atomics.wait hand-off saves nothing, and it keeps a
      // busy worker's event loop from ever running (V8's foreground GC tasks run there).
      atomics: 'disabled',
      ...(options.youngGenerationMb !== undefined ? { resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb } } : {}),
      ...(typescript ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    // A worker that cannot start rejects the tasks it was given; without a listener, the pool's
    // 'error' event would also end the process.
    this.#pool.on('error', (error: unknown) => {
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  /** The resource limits each worker runs with, as V8 applied them (one entry per running worker; empty for one that ended). */
  get workerLimits(): readonly ResourceLimits[] {
    return this.#pool.threads.map((worker) => worker.resourceLimits ?? {});
  }

  /** The first error of a worker (one that could not start, or died), if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Tasks completed by the workers so far. */
  get completed(): number {
    return this.#completed;
  }

  /** Markdown → storage of one page of a tree (render-resolve.ts `convertPage`). */
  async toStorage(facts: Shared<TreeFactsData>, page: PageSource): Promise<ConvertedPage> {
    const task: StorageTask = { kind: 'storage', facts, page };
    const result = (await this.#pool.run(task)) as ConvertedPage;
    this.#completed += 1;
    return result;
  }

  /** Storage → Markdown of one page (convert-tasks.ts `runMarkdownTask`). */
  async toMarkdown(task: Omit<MarkdownTask, 'kind'>): Promise<ToMarkdownResult> {
    const result = (await this.#pool.run({ ...task, kind: 'markdown' })) as ToMarkdownResult;
    this.#completed += 1;
    return result;
  }

  /** Ends the worker threads (tasks still queued are rejected). */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
