import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Faults, noFaults, type FaultOptions } from '../../src/emulator/faults.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { startHarness, testCredentials, type Harness } from './harness.js';

let h: Harness;
async function start(options: Partial<EmulatorOptions> = {}) {
  h = await startHarness(options);
  return h;
}
afterEach(() => h?.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isoSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** An admin call: no auth, plain fetch. */
async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const r = await fetch(`${h.base}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** One API request's outcome: its status, or `reset` when the connection was dropped. */
async function outcome(path = `${v2}/spaces`): Promise<number | 'reset'> {
  try {
    return (await h.call('GET', path)).status;
  } catch {
    return 'reset';
  }
}

async function outcomes(n: number): Promise<Array<number | 'reset'>> {
  const out: Array<number | 'reset'> = [];
  for (let i = 0; i < n; i++) out.push(await outcome());
  return out;
}

describe('latency', () => {
  it('delays every API request by at least the fixed latency, and never admin requests', async () => {
    await start();
    expect((await admin('PUT', '/faults', { latencyMs: 120 })).status).toBe(200);
    const t0 = performance.now();
    expect(await outcome()).toBe(200);
    // Timers may fire up to a millisecond early against performance.now(); no upper bound is asserted.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(119);
    // Admin requests skip the latency: with 5 s configured, one still answers well before that.
    await admin('PUT', '/faults', { latencyMs: 5_000 });
    const t1 = performance.now();
    expect((await admin('GET', '/state')).status).toBe(200);
    expect(performance.now() - t1).toBeLessThan(2_500);
  });

  it('adds jitter in [0, jitterMs), the same delays for the same seed', () => {
    const options: FaultOptions = { ...noFaults, latencyMs: 10, jitterMs: 50, seed: 9 };
    const a = new Faults(options);
    const b = new Faults(options);
    const delays = Array.from({ length: 40 }, () => a.delayMs());
    expect(Array.from({ length: 40 }, () => b.delayMs())).toEqual(delays);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(10);
      expect(d).toBeLessThan(60);
    }
    expect(new Set(delays).size).toBeGreaterThan(5);
  });
});

describe('rate limit (token bucket per credential)', () => {
  it('answers 429 with Retry-After, X-RateLimit-* and RateLimit-Reason as notes §7 describes, then recovers after the refill', async () => {
    await start({ faults: { rateLimit: { perSecond: 5, capacity: 2 } } });
    expect(await outcome()).toBe(200);
    expect(await outcome()).toBe(200);
    const before = Date.now();
    const limited = await h.call('GET', `${v2}/spaces`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: 'Rate limit exceeded' });
    const retryAfter = limited.headers.get('retry-after')!;
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBe(1);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = limited.headers.get('x-ratelimit-reset')!;
    expect(reset).toMatch(isoSeconds);
    expect(Date.parse(reset)).toBeGreaterThan(before);
    expect(limited.headers.get('ratelimit-reason')).toBe('confluence-quota-tenant-based');
    expect(limited.headers.get('beta-ratelimit-policy')).toBeNull();
    // 5 tokens per second: one is back after 200 ms.
    await sleep(260);
    expect(await outcome()).toBe(200);
  });

  it('keeps one bucket per credential: another credential still gets through', async () => {
    await start({ faults: { rateLimit: { perSecond: 0.5, capacity: 1 } } });
    expect(await outcome()).toBe(200);
    expect(await outcome()).toBe(429);
    const cloudId = h.emulator.defaultSite.cloudId;
    const other = await h.call('GET', `/ex/confluence/${cloudId}/wiki/api/v2/spaces`, undefined, { authorization: `Bearer ${testCredentials.accessTokens[0]}` });
    expect(other.status).toBe(200);
  });

  it('computes Retry-After and X-RateLimit-Reset from the refill rate (fake clock)', () => {
    let now = Date.parse('2026-03-02T10:00:00.000Z');
    const faults = new Faults({ ...noFaults, rateLimit: { perSecond: 0.25, capacity: 1 } }, () => now);
    expect(faults.decide('a').kind).toBe('pass');
    const limited = faults.decide('a');
    expect(limited).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 4,
      headers: {
        'retry-after': '4',
        'x-ratelimit-limit': '1',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2026-03-02T10:00:04Z',
        'ratelimit-reason': 'confluence-quota-tenant-based',
      },
    });
    now += 3_000;
    expect(faults.decide('a')).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 1 });
    now += 1_000;
    expect(faults.decide('a').kind).toBe('pass');
  });

  it('sends X-RateLimit-NearLimit: true on normal responses once less than 20 % is left', async () => {
    await start({ faults: { rateLimit: { perSecond: 0.01, capacity: 10 } } });
    const near: Array<string | null> = [];
    for (let i = 0; i < 10; i++) {
      const r = await h.call('GET', `${v2}/spaces`);
      expect(r.status).toBe(200);
      near.push(r.headers.get('x-ratelimit-nearlimit'));
    }
    // After request 9 one token (10 %) is left, after request 10 none.
    expect(near).toEqual([null, null, null, null, null, null, null, null, 'true', 'true']);
  });

  it('sends Beta-RateLimit-Policy and Beta-RateLimit only when the option is on, `r` only above 80 % use', async () => {
    await start({ faults: { rateLimit: { perSecond: 1, capacity: 5 }, betaRateLimitHeaders: true } });
    const first = await h.call('GET', `${v2}/spaces`);
    expect(first.headers.get('beta-ratelimit-policy')).toBe('"tenant-app-quota";q=5;w=5');
    expect(first.headers.get('beta-ratelimit')).toBe('"tenant-app-quota";t=1');
    for (let i = 0; i < 3; i++) await h.call('GET', `${v2}/spaces`);
    const fifth = await h.call('GET', `${v2}/spaces`);
    expect(fifth.headers.get('beta-ratelimit')).toMatch(/^"tenant-app-quota";r=0;t=[45]$/);
    const limited = await h.call('GET', `${v2}/spaces`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('beta-ratelimit-policy')).toBe('"tenant-app-quota";q=5;w=5');
  });

  it('uses the configured RateLimit-Reason and its policy name', () => {
    const faults = new Faults({ ...noFaults, rateLimit: { perSecond: 1, capacity: 1 }, rateLimitReason: 'confluence-quota-global-based', betaRateLimitHeaders: true });
    faults.decide('a');
    const limited = faults.decide('a');
    expect(limited.kind === 'rate-limited' && limited.headers['ratelimit-reason']).toBe('confluence-quota-global-based');
    expect(limited.kind === 'rate-limited' && limited.headers['beta-ratelimit-policy']).toBe('"global-app-quota";q=1;w=1');
  });
});

describe('error and reset rates', () => {
  it('answers 503 with Retry-After and 500, with the v2 and v1 error bodies', async () => {
    await start();
    await admin('POST', '/faults/queue', { fault: 503 });
    const unavailable = await h.call('GET', `${v2}/spaces`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect(unavailable.body).toEqual({ errors: [{ status: 503, code: 'SERVICE_UNAVAILABLE', title: 'Service Unavailable', detail: null }] });
    await admin('POST', '/faults/queue', { fault: 500 });
    const broken = await h.call('GET', '/wiki/rest/api/user/current');
    expect(broken.status).toBe(500);
    expect(broken.headers.get('retry-after')).toBeNull();
    expect(broken.body).toEqual({
      statusCode: 500,
      data: { authorized: true, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
      message: 'Internal Server Error',
      reason: 'Internal Server Error',
    });
  });

  it('repeats the same sequence of outcomes for the same seed, and a different one for another seed', async () => {
    await start();
    const settings = { errorRate: 0.3, resetRate: 0.2, seed: 42 };
    await admin('PUT', '/faults', settings);
    const first = await outcomes(24);
    await admin('PUT', '/faults', settings);
    const again = await outcomes(24);
    expect(again).toEqual(first);
    expect(first).toContain('reset');
    expect(first.some((o) => o === 500 || o === 503)).toBe(true);
    expect(first).toContain(200);
    await admin('PUT', '/faults', { ...settings, seed: 43 });
    expect(await outcomes(24)).not.toEqual(first);
  });

  it('gives two emulators started with the same seed the same outcomes', async () => {
    const faults = { errorRate: 0.4, resetRate: 0.1, seed: 7 };
    const sequences: Array<Array<number | 'reset'>> = [];
    for (let run = 0; run < 2; run++) {
      await start({ faults });
      sequences.push(await outcomes(16));
      await h.close();
    }
    expect(sequences[1]).toEqual(sequences[0]);
    await start();
  });

  it('faults neither the admin API nor counts it', async () => {
    await start({ faults: { errorRate: 1, seed: 3 } });
    for (let i = 0; i < 3; i++) expect((await admin('GET', '/state')).status).toBe(200);
    expect(await outcome()).not.toBe(200);
    expect((await admin('GET', '/requests')).body.total).toBe(1);
  });
});

describe('queued faults', () => {
  it('fails exactly the next N API requests, before any random fault; admin requests do not consume them', async () => {
    await start();
    const queued = await admin('POST', '/faults/queue', { fault: 503, count: 2 });
    expect(queued.status).toBe(200);
    expect(queued.body.queue).toEqual([503, 503]);
    expect((await admin('GET', '/faults')).body.queue).toEqual([503, 503]);
    expect(await outcomes(3)).toEqual([503, 503, 200]);
  });

  it('queues 429 (with the rate-limit headers, even without a limit configured) and connection resets', async () => {
    await start();
    await admin('POST', '/faults/queue', { fault: 429 });
    await admin('POST', '/faults/queue', { fault: 'reset' });
    const limited = await h.call('GET', `${v2}/spaces`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(isoSeconds);
    expect(limited.headers.get('ratelimit-reason')).toBe('confluence-quota-tenant-based');
    expect(await outcome()).toBe('reset');
    expect(await outcome()).toBe(200);
  });

  it('clears the queue with DELETE /faults/queue', async () => {
    await start();
    await admin('POST', '/faults/queue', { fault: 500, count: 5 });
    expect((await admin('DELETE', '/faults/queue')).status).toBe(204);
    expect((await admin('GET', '/faults')).body.queue).toEqual([]);
    expect(await outcome()).toBe(200);
  });

  it('refuses a bad fault or count with 400 and says what is allowed', async () => {
    await start();
    expect(await admin('POST', '/faults/queue', { fault: 404 })).toEqual({ status: 400, body: { error: 'fault: must be 429, 500, 503, "reset" or "reset-after"' } });
    expect(await admin('POST', '/faults/queue', { fault: 500, count: 0 })).toEqual({ status: 400, body: { error: 'count: must be a whole number from 1 to 10000' } });
    expect(await admin('POST', '/faults/queue', { fault: 500, times: 2 })).toEqual({ status: 400, body: { error: '(body): Unrecognized key: "times"' } });
  });
});
