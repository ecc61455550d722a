import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, defaultRetrySettings, retryAfterMs, type Attempt } from '../../src/client/retry-policy.js';

const base: Attempt = { method: 'GET', status: 503, code: undefined, retryAfter: undefined, retry: 1, remainingMs: Infinity, now: 0, random: 0.5 };

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates, and ignores nonsense', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:01 GMT', 4000)).toBe(0);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs('-1', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
  it('clamps absurd values such as Long.MAX seconds (seen on Confluence) to a finite number', () => {
    expect(Number.isFinite(retryAfterMs('9223372036854775807', 0)!)).toBe(true);
  });
});

describe('decideRetry', () => {
  it('retries 429 for every method, waiting as Retry-After says', () => {
    expect(decideRetry({ ...base, method: 'POST', status: 429, retryAfter: '2' })).toEqual({ retry: true, delayMs: 2000 });
  });
  it('retries 5xx and connection resets only for idempotent methods', () => {
    expect(decideRetry({ ...base, method: 'GET' }).retry).toBe(true);
    expect(decideRetry({ ...base, method: 'PUT', status: undefined, code: 'ECONNRESET' }).retry).toBe(true);
    expect(decideRetry({ ...base, method: 'POST' })).toEqual({ retry: false, reason: 'not-retriable' });
    expect(decideRetry({ ...base, method: 'POST', status: undefined, code: 'UND_ERR_SOCKET' })).toEqual({ retry: false, reason: 'not-retriable' });
  });
  it('does not retry client errors', () => {
    for (const status of [400, 401, 403, 404, 409, 413]) expect(decideRetry({ ...base, status }).retry).toBe(false);
  });
  it('backs off exponentially with jitter between 0.7 and 1.3, capped', () => {
    expect(backoffMs(1, defaultRetrySettings, 0)).toBe(350);
    expect(backoffMs(1, defaultRetrySettings, 0.999)).toBeLessThanOrEqual(650);
    expect(backoffMs(3, defaultRetrySettings, 0.5)).toBe(2000);
    expect(backoffMs(30, defaultRetrySettings, 0.5)).toBe(30_000);
  });
  it('stops after maxRetries', () => {
    expect(decideRetry({ ...base, retry: defaultRetrySettings.maxRetries + 1 })).toEqual({ retry: false, reason: 'exhausted' });
  });
  it('does not wait past the deadline or an hourly quota reset: it stops and says how long', () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: '1847' })).toEqual({ retry: false, reason: 'beyond-deadline', waitMs: 1_847_000 });
    expect(decideRetry({ ...base, status: 429, retryAfter: '5', remainingMs: 4000 })).toEqual({ retry: false, reason: 'beyond-deadline', waitMs: 5000 });
  });
});
