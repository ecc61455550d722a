import { describe, expect, it } from 'vitest';
import { runWorkload } from './workload.js';

describe('a workload under injected faults', () => {
  it('ends in the same state as a fault-free run with 20% 429s and 5% 5xx, and no duplicate page', async () => {
    const clean = await runWorkload(8, {});
    const faulty = await runWorkload(8, { throttleRate: 0.2, errorRate: 0.05 });
    expect(faulty.pages).toEqual(clean.pages);
    expect(faulty.pages).toHaveLength(9);
    expect(new Set(faulty.pages.map((p) => p.title)).size).toBe(9);
    expect(faulty.retries).toBeGreaterThan(0);
    expect(faulty.requests).toBeGreaterThan(clean.requests);
  }, 60_000);
});
