import { describe, expect, it } from 'vitest';
import { RequestCounters } from '../../src/emulator/metrics.js';

describe('RequestCounters', () => {
  it('counts by method and route, sorted by key', () => {
    const counters = new RequestCounters();
    counters.record('GET', '/wiki/api/v2/pages/{id}', 10);
    counters.record('GET', '/wiki/api/v2/spaces', 11);
    counters.record('GET', '/wiki/api/v2/pages/{id}', 12);
    expect(counters.snapshot()).toEqual({ total: 3, byRoute: { 'GET /wiki/api/v2/pages/{id}': 2, 'GET /wiki/api/v2/spaces': 1 } });
  });

  it('keeps when the first write came and how many requests came before it; GET and HEAD are not writes', () => {
    const counters = new RequestCounters();
    counters.record('GET', '/a', 100);
    counters.record('HEAD', '/a', 101);
    counters.record('PUT', '/wiki/api/v2/pages/{id}', 105);
    counters.record('POST', '/wiki/api/v2/pages', 107);
    counters.record('GET', '/a', 110);
    expect(counters.snapshot()).toMatchObject({ total: 5, firstWrite: { at: 105, after: 2 } });
  });

  it('has no first write when only reads came', () => {
    const counters = new RequestCounters();
    expect(counters.snapshot()).toEqual({ total: 0, byRoute: {} });
    counters.record('GET', '/a', 5);
    expect(counters.snapshot()).toEqual({ total: 1, byRoute: { 'GET /a': 1 } });
  });

  it('forgets the counts and the first write on reset', () => {
    const counters = new RequestCounters();
    counters.record('DELETE', '/wiki/api/v2/pages/{id}', 1);
    counters.reset();
    expect(counters.snapshot()).toEqual({ total: 0, byRoute: {} });
    counters.record('GET', '/a', 2);
    counters.record('POST', '/b', 3);
    expect(counters.snapshot().firstWrite).toEqual({ at: 3, after: 1 });
  });
});
