import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../src/client/concurrency.js';

describe('AdaptiveLimit', () => {
  it('halves on a 429 at most once per window, and grows back by one after a run of successes', () => {
    let now = 0;
    const limit = new AdaptiveLimit(8, 1000, () => now);
    limit.onThrottled();
    limit.onThrottled();
    expect(limit.current).toBe(4);
    now = 1500;
    limit.onThrottled();
    expect(limit.current).toBe(2);
    limit.onSuccess();
    expect(limit.current).toBe(2);
    limit.onSuccess();
    expect(limit.current).toBe(3);
    for (let i = 0; i < 100; i++) limit.onSuccess();
    expect(limit.current).toBe(8);
    expect(limit.lowestReached).toBe(2);
  });

  it('never goes below one nor above the maximum, and refuses a nonsensical maximum', () => {
    let now = 0;
    const limit = new AdaptiveLimit(2, 10, () => now);
    for (let i = 0; i < 5; i++) {
      now += 100;
      limit.onThrottled();
    }
    expect(limit.current).toBe(1);
    expect(() => new AdaptiveLimit(0)).toThrow(RangeError);
  });

  it('runs no more tasks at once than the current limit', async () => {
    const limit = new AdaptiveLimit(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limit.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
