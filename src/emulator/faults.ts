import { Random } from './random.js';

/**
 * Fault injection, reproducible from a seed: latency (fixed + jitter), a token-bucket rate limit per
 * credential answering 429 as Confluence does (notes §7), random 5xx and connection resets, and
 * one-shot switches ("fail the next N requests") for tests.
 *
 * Outcomes (reset / 5xx / pass) and jitter draw from two separate generators, so the sequence of
 * outcomes depends only on `seed` and the rates, not on whether jitter is on.
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
  /** Share of API requests answered 429 (`Retry-After: 1`) at random, whatever the bucket holds. */
  readonly throttleRate: number;
  /** Share of API requests whose connection is reset before any response. */
  readonly resetRate: number;
  readonly seed: number;
  /**
   * `RateLimit-Reason` on a 429. Confluence documents `confluence-quota-tenant-based` and
   * `confluence-quota-global-based`; `conf-global-based` was also seen live (notes §7). Which one a
   * burst limit carries is not documented (unverified): tenant-based by default.
   */
  readonly rateLimitReason: string;
  /**
   * Also send `Beta-RateLimit-Policy` and `Beta-RateLimit` (notes §7). Real Confluence sends them for
   * its hourly points quota; the emulator maps its token bucket onto them (unverified mapping), so
   * they are off by default.
   */
  readonly betaRateLimitHeaders: boolean;
}

export const noFaults: FaultOptions = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  throttleRate: 0,
  resetRate: 0,
  seed: 1,
  rateLimitReason: 'confluence-quota-tenant-based',
  betaRateLimitHeaders: false,
};

/** `X-RateLimit-NearLimit: true` is sent when less than this share of the bucket is left (notes §7: 20 %). */
export const NEAR_LIMIT_SHARE = 0.2;

export type FaultDecision =
  | { readonly kind: 'pass'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'reset' }
  /** The request is processed, then the connection drops before the answer: an ambiguous failure. */
  | { readonly kind: 'reset-after'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'error'; readonly status: 500 | 503 }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number; readonly headers: Readonly<Record<string, string>> };

export type QueuedFault = 'reset' | 'reset-after' | 500 | 503 | 429;

interface Bucket {
  tokens: number;
  updated: number;
}

export class Faults {
  private options: FaultOptions;
  private outcomes: Random;
  private jitter: Random;
  private readonly buckets = new Map<string, Bucket>();
  private queued: QueuedFault[] = [];

  constructor(
    options: FaultOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.options = options;
    this.outcomes = new Random(options.seed);
    this.jitter = new Random(jitterSeed(options.seed));
  }

  get settings(): FaultOptions {
    return this.options;
  }

  /** The faults waiting for the next requests, first one first. */
  get queue(): readonly QueuedFault[] {
    return [...this.queued];
  }

  /** Replaces the given settings (admin API); the random sequences restart from the seed and the buckets refill. */
  configure(options: Partial<FaultOptions>): void {
    this.options = { ...this.options, ...options };
    this.outcomes = new Random(this.options.seed);
    this.jitter = new Random(jitterSeed(this.options.seed));
    this.buckets.clear();
  }

  /** Forgets rate-limit state and queued faults; the settings stay. */
  clearState(): void {
    this.buckets.clear();
    this.queued = [];
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
    return latencyMs + (jitterMs > 0 ? Math.floor(this.jitter.next() * jitterMs) : 0);
  }

  /** Decides what happens to one API request made with `credential` (a non-secret fingerprint). */
  decide(credential: string): FaultDecision {
    const queued = this.queued.shift();
    if (queued === 'reset') return { kind: 'reset' };
    if (queued === 'reset-after') return { kind: 'reset-after', headers: {} };
    if (queued === 500 || queued === 503) return { kind: 'error', status: queued };
    if (queued === 429) return this.rateLimited(1, this.options.rateLimit?.capacity ?? 1, this.options.rateLimit?.perSecond ?? 1);

    let headers: Record<string, string> = {};
    const limit = this.options.rateLimit;
    if (limit) {
      const now = this.clock();
      const bucket = this.buckets.get(credential) ?? { tokens: limit.capacity, updated: now };
      bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((now - bucket.updated) / 1000) * limit.perSecond);
      bucket.updated = now;
      this.buckets.set(credential, bucket);
      if (bucket.tokens < 1) {
        const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
        return this.rateLimited(wait, limit.capacity, limit.perSecond, bucket.tokens);
      }
      bucket.tokens -= 1;
      headers = this.normalHeaders(bucket.tokens, limit);
    }
    if (this.options.throttleRate > 0 && this.outcomes.next() < this.options.throttleRate) {
      return this.rateLimited(1, limit?.capacity ?? 100, limit?.perSecond ?? 100, 0);
    }
    if (this.options.resetRate > 0 && this.outcomes.next() < this.options.resetRate) return { kind: 'reset' };
    if (this.options.errorRate > 0 && this.outcomes.next() < this.options.errorRate) {
      return { kind: 'error', status: this.outcomes.next() < 0.5 ? 503 : 500 };
    }
    return { kind: 'pass', headers };
  }

  /** Headers of a request that got through the bucket: `X-RateLimit-NearLimit` below 20 %, and the beta headers if on. */
  private normalHeaders(tokens: number, limit: { perSecond: number; capacity: number }): Record<string, string> {
    const headers: Record<string, string> = {};
    if (tokens < NEAR_LIMIT_SHARE * limit.capacity) headers['x-ratelimit-nearlimit'] = 'true';
    if (this.options.betaRateLimitHeaders) Object.assign(headers, this.betaHeaders(tokens, limit.capacity, limit.perSecond));
    return headers;
  }

  /**
   * `Beta-RateLimit-Policy: "<policy>";q=<capacity>;w=<seconds to refill from empty>` and
   * `Beta-RateLimit: "<policy>";[r=<remaining>;]t=<seconds until full>`, `r` only above 80 % use (notes §7).
   */
  private betaHeaders(tokens: number, capacity: number, perSecond: number): Record<string, string> {
    const policy = this.options.rateLimitReason.includes('global') ? 'global-app-quota' : 'tenant-app-quota';
    const window = Math.max(1, Math.ceil(capacity / perSecond));
    const untilFull = Math.max(0, Math.ceil((capacity - tokens) / perSecond));
    const remaining = Math.max(0, Math.floor(tokens));
    const used = 1 - tokens / capacity;
    return {
      'beta-ratelimit-policy': `"${policy}";q=${capacity};w=${window}`,
      'beta-ratelimit': `"${policy}";${used > 0.8 ? `r=${remaining};` : ''}t=${untilFull}`,
    };
  }

  private rateLimited(retryAfterSeconds: number, limit: number, perSecond: number, tokens = 0): FaultDecision {
    const headers: Record<string, string> = {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': isoSeconds(this.clock() + retryAfterSeconds * 1000),
      'ratelimit-reason': this.options.rateLimitReason,
    };
    if (this.options.betaRateLimitHeaders) Object.assign(headers, this.betaHeaders(Math.max(0, tokens), limit, perSecond));
    return { kind: 'rate-limited', retryAfterSeconds, headers };
  }
}

/** An ISO-8601 UTC timestamp to the second, as in Confluence's `X-RateLimit-Reset: 2025-10-08T15:00:00Z`. */
function isoSeconds(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function jitterSeed(seed: number): number {
  return (seed ^ 0x9e3779b9) >>> 0;
}
