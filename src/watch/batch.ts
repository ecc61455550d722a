/** A file event under the docs root (path relative to it, with `/`). */
export interface FileEvent {
  readonly kind: 'add' | 'change' | 'unlink';
  readonly path: string;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Turns bursts of file events into runs: a run starts once no event came for `quietMs` (an editor
 * writes several events per save; a `git checkout` writes many files), never two at once. Events
 * that arrive during a run wait for it and start the next one. When a run fails, its events are
 * kept and join the next run (a broken file is retried on its next save).
 */
export class Batcher {
  private pending = new Map<string, FileEvent['kind']>();
  private timer: unknown;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Events recorded since the current run started. */
  private arrivedDuringRun = 0;

  constructor(
    private readonly run: (batch: ReadonlyMap<string, FileEvent['kind']>) => Promise<boolean>,
    private readonly quietMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Records an event; the last event of a path wins (an unlink then an add is a change). */
  add(event: FileEvent): void {
    if (this.stopped) return;
    if (this.running) this.arrivedDuringRun++;
    const before = this.pending.get(event.path);
    this.pending.set(event.path, before === 'unlink' && event.kind === 'add' ? 'change' : event.kind);
    this.schedule();
  }

  /** Paths waiting for a run. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.quietMs);
  }

  private flush(): void {
    if (this.running || this.stopped || this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.arrivedDuringRun = 0;
    this.running = (async () => {
      let ok = false;
      try {
        ok = await this.run(batch);
      } catch {
        ok = false;
      } finally {
        this.running = undefined;
      }
      // A failed batch waits, with its events, for the next one (the next save).
      if (!ok) for (const [path, kind] of batch) if (!this.pending.has(path)) this.pending.set(path, kind);
      // Events that came during the run waited for it: their quiet period may be over already.
      if (this.arrivedDuringRun > 0 && this.timer === undefined) this.schedule();
    })();
  }

  /** Stops taking events and waits for the run in progress; returns the paths that were never pushed. */
  async stop(): Promise<string[]> {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    return [...this.pending.keys()];
  }
}
