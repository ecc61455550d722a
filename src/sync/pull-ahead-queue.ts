import type { ConvertPool } from './convert-pool.js';
import type { Shared, TreeFactsData } from './convert-tasks.js';
import { aheadSource, renderAhead, type AheadRender } from './pull-ahead.js';
import type { TreeFacts } from './render-resolve.js';

/** A pulled file to render ahead: its tree path, its text, and the attachments it will have beside it. */
export interface AheadJob {
  readonly path: string;
  readonly text: string;
  readonly assets: readonly string[];
}

/**
 * Queued renders per worker thread beyond which this thread renders the newest itself: with more
 * waiting than the workers finish soon, this thread is the one falling behind less.
 */
const BACKLOG = 8;

/**
 * The ahead renders of a pull (pull-ahead.ts), on the conversion pool with this thread taking the
 * overflow, or on this thread alone. A pull converts storage → Markdown on this thread as the pages
 * come in, and hands each file's render (Markdown → storage, five times the work) to the workers,
 * two in flight per thread; when more than {@link BACKLOG} per thread wait, this thread renders the
 * newest, and once every page is in, it renders what still waits alongside the workers.
 *
 * A render that fails (a worker that cannot start, an error converting) is simply not recorded:
 * the pull's render before writing converts that file, and reports what is wrong with it.
 */
export class AheadRenders {
  readonly #queue: AheadJob[] = [];
  readonly #running = new Set<Promise<void>>();

  constructor(
    readonly facts: TreeFacts,
    /** Called with each render as it is done. */
    readonly record: (path: string, render: AheadRender) => void,
    readonly pool?: { readonly pool: ConvertPool; readonly facts: Shared<TreeFactsData> },
  ) {}

  add(job: AheadJob): void {
    if (!this.pool) {
      this.#here(job);
      return;
    }
    this.#queue.push(job);
    this.#pump();
    if (this.#queue.length > BACKLOG * this.pool.pool.threads) this.#here(this.#queue.pop()!);
  }

  /** Waits for every render queued; this thread renders queued ones meanwhile. */
  async finish(): Promise<void> {
    while (this.#queue.length > 0) {
      this.#here(this.#queue.pop()!);
      // Let the workers' answers in (each frees a slot for the next job).
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  #here(job: AheadJob): void {
    let render: AheadRender | undefined;
    try {
      render = renderAhead(this.facts, job.path, job.text, job.assets);
    } catch {
      return;
    }
    if (render) this.record(job.path, render);
  }

  #pump(): void {
    const pool = this.pool;
    if (!pool) return;
    while (this.#running.size < pool.pool.threads * 2 && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      // Parsed here (a fraction of a millisecond): the workers load only the converter.
      let source: ReturnType<typeof aheadSource>;
      try {
        source = aheadSource(job.path, job.text, job.assets);
      } catch {
        continue;
      }
      if (!source) continue;
      const { key, page } = source;
      const run: Promise<void> = pool.pool
        .toStorage(pool.facts, page)
        .then(
          (conversion) => this.record(job.path, { source: key, conversion }),
          () => this.#here(job),
        )
        .finally(() => {
          this.#running.delete(run);
          this.#pump();
        });
      this.#running.add(run);
    }
  }
}
