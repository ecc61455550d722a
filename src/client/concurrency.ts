import pLimit, { type LimitFunction } from 'p-limit';

/**
 * A limit on requests in flight shared by every caller of one client, that halves when Confluence
 * answers 429 and grows back by one after a run of successes (additive increase, multiplicative
 * decrease), never above the configured maximum. As in TCP, it halves at most once per window: the
 * 429s of requests already in flight when the first one arrived say nothing new.
 */
export class AdaptiveLimit {
  private readonly limit: LimitFunction;
  private successes = 0;
  private lowest: number;
  private lastDecrease = -Infinity;

  constructor(
    readonly maximum: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(maximum) || maximum < 1) throw new RangeError(`concurrency must be a positive integer (got ${maximum})`);
    this.limit = pLimit(maximum);
    this.lowest = maximum;
  }

  get current(): number {
    return this.limit.concurrency;
  }

  /** The lowest limit reached so far (for reports). */
  get lowestReached(): number {
    return this.lowest;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  onThrottled(): void {
    const now = this.now();
    if (now - this.lastDecrease < this.windowMs) return;
    this.lastDecrease = now;
    this.successes = 0;
    const next = Math.max(1, Math.floor(this.limit.concurrency / 2));
    if (next !== this.limit.concurrency) this.limit.concurrency = next;
    this.lowest = Math.min(this.lowest, next);
  }

  onSuccess(): void {
    if (this.limit.concurrency >= this.maximum) return;
    this.successes += 1;
    if (this.successes >= this.limit.concurrency) {
      this.successes = 0;
      this.limit.concurrency = Math.min(this.maximum, this.limit.concurrency + 1);
    }
  }
}
