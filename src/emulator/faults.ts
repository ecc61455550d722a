import { Random } from './random.js';

/**
 * Fault injection, reproducible from a seed: latency (fixed + jitter), a token-bucket rate limit per
 * credential answering 429 as Confluence does, random 5xx and connection resets, and one-shot
 * switches ("fail the next N requests") for tests.
 */
export interface FaultOptions {
  /** Added to every API request, in milliseconds. */
  readonly latencyMs: number;
  /** Uniform extra delay in [0, jitterMs). */
  readonly jitterMs: number;
  /** Token bucket per credential: `capacity` requests, refilled at `perSecond`. Absent: no limit. */
  readonly rateLimit?: { readonly perSecond: number; readonly capacity: number };
  /** Share of API requests answered with a 5xx (503 with `Retry-After`, or 500). */
  readonly errorRate: number;
  /** Share of API requests whose connection is reset before any response. */
  readonly resetRate: number;
  readonly seed: number;
}

export const noFaults: FaultOptions = { latencyMs: 0, jitterMs: 0, errorRate: 0, resetRate: 0, seed: 1 };

export type FaultDecision =
  | { readonly kind: 'pass' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'error'; readonly status: 500 | 503 }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number; readonly resetAt: string; readonly limit: number; readonly reason: string };

export type QueuedFault = 'reset' | 500 | 503 | 429;

interface Bucket {
  tokens: number;
  updated: number;
}

export class Faults {
  private options: FaultOptions;
  private random: Random;
  private readonly buckets = new Map<string, Bucket>();
  private queued: QueuedFault[] = [];

  constructor(options: FaultOptions, private readonly clock: () => number = Date.now) {
    this.options = options;
    this.random = new Random(options.seed);
  }

  get settings(): FaultOptions {
    return this.options;
  }

  /** Replaces the settings (admin API); the random sequence restarts from the seed. */
  configure(options: Partial<FaultOptions>): void {
    this.options = { ...this.options, ...options };
    this.random = new Random(this.options.seed);
    this.buckets.clear();
  }

  /** The next `count` API requests fail with `fault`, before any random fault. */
  enqueue(fault: QueuedFault, count: number): void {
    for (let i = 0; i < count; i++) this.queued.push(fault);
  }

  clearQueue(): void {
    this.queued = [];
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.options;
    return latencyMs + (jitterMs > 0 ? Math.floor(this.random.next() * jitterMs) : 0);
  }

  /** Decides what happens to one API request made with `credential` (a non-secret fingerprint). */
  decide(credential: string): FaultDecision {
    const queued = this.queued.shift();
    if (queued === 'reset') return { kind: 'reset' };
    if (queued === 500 || queued === 503) return { kind: 'error', status: queued };
    if (queued === 429) return this.rateLimited(1, this.options.rateLimit?.capacity ?? 100);
    const limit = this.options.rateLimit;
    if (limit) {
      const now = this.clock();
      const bucket = this.buckets.get(credential) ?? { tokens: limit.capacity, updated: now };
      bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((now - bucket.updated) / 1000) * limit.perSecond);
      bucket.updated = now;
      this.buckets.set(credential, bucket);
      if (bucket.tokens < 1) {
        const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
        return this.rateLimited(wait, limit.capacity);
      }
      bucket.tokens -= 1;
    }
    if (this.options.resetRate > 0 && this.random.next() < this.options.resetRate) return { kind: 'reset' };
    if (this.options.errorRate > 0 && this.random.next() < this.options.errorRate) {
      return { kind: 'error', status: this.random.next() < 0.5 ? 503 : 500 };
    }
    return { kind: 'pass' };
  }

  private rateLimited(retryAfterSeconds: number, limit: number): FaultDecision {
    return {
      kind: 'rate-limited',
      retryAfterSeconds,
      resetAt: new Date(this.clock() + retryAfterSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      limit,
      reason: 'confluence-quota-tenant-based',
    };
  }
}
