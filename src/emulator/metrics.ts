/** When the first write came: its time (ms since the epoch) and how many requests came before it. */
export interface FirstWrite {
  readonly at: number;
  readonly after: number;
}

/** What the counters hold: `firstWrite` only once a write came. */
export interface RequestCounts {
  readonly total: number;
  readonly byRoute: Record<string, number>;
  /** The first request that is not a GET or HEAD (a write). */
  readonly firstWrite?: FirstWrite;
}

/** Whether a request of this method writes: anything but GET and HEAD. */
export const isWriteMethod = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

/**
 * Request counters by method and route pattern (e.g. `POST /wiki/api/v2/pages`), resettable, with
 * when the first write came: what a benchmark needs to split a run into the
 * part before its first write and the writing.
 */
export class RequestCounters {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private firstWrite: FirstWrite | undefined;

  record(method: string, route: string, at: number = Date.now()): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.firstWrite === undefined && isWriteMethod(method)) this.firstWrite = { at, after: this.total };
    this.total += 1;
  }

  snapshot(): RequestCounts {
    return {
      total: this.total,
      byRoute: Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : 1))),
      ...(this.firstWrite ? { firstWrite: this.firstWrite } : {}),
    };
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
    this.firstWrite = undefined;
  }
}
