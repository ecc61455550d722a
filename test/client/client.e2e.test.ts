import { afterEach, describe, expect, it } from 'vitest';
import { createClient, ConfluenceError, type ConfluenceClient } from '../../src/client/index.js';
import { createSpace } from '../../src/emulator/routes/spaces.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

async function tokenClient(h: Harness, extra: Partial<Parameters<typeof createClient>[0]> = {}): Promise<ConfluenceClient> {
  const client = await createClient({
    auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token },
    retry: { maxRetries: 6, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
    ...extra,
  });
  open.push(client);
  return client;
}

const body = '<p>Hello</p>';

describe('API-token mode', () => {
  it('creates, reads, updates, lists and deletes pages', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    const space = await client.spaces.byKey('demo');
    expect(space.id).toBe(h.spaceId);
    const created = await client.pages.create({ spaceId: space.id, title: 'One', body });
    expect(created.version?.number).toBe(1);
    const updated = await client.pages.update(created.id, { title: 'One', body: '<p>Two</p>', version: 2 });
    expect(updated.version?.number).toBe(2);
    const read = await client.pages.get(created.id, { bodyFormat: 'storage' });
    expect(read.body?.storage?.value).toBe('<p>Two</p>');
    const titles: string[] = [];
    for await (const page of client.pages.inSpace(space.id)) titles.push(page.title);
    expect(titles).toEqual(['Demo Home', 'One']);
    await client.pages.delete(created.id);
    expect((await client.pages.get(created.id)).status).toBe('trashed');
  });

  it('turns a version conflict into an error with Confluence message and a hint', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    const created = await client.pages.create({ spaceId: h.spaceId, title: 'Conflict', body });
    const error = await client.pages.update(created.id, { title: 'Conflict', body, version: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    const e = error as ConfluenceError;
    expect(e.status).toBe(409);
    expect(e.apiMessage).toBe('Version must be incremented when updating a page. Current Version: [1]. Provided version: [5]');
    expect(e.message).toContain(`PUT /wiki/api/v2/pages/${created.id} failed: 409`);
    expect(e.hint).toMatch(/Version conflict/);
  });

  it('explains the bare 404 that v2 gives for refused credentials, without showing them', async () => {
    const h = await harness();
    const client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: 'wrong-token-value' } });
    open.push(client);
    const error = (await client.spaces.byKey('DEMO').catch((e: unknown) => e)) as ConfluenceError;
    expect(error.status).toBe(404);
    expect(error.hint).toMatch(/bare 404[\s\S]*CONFLUENCE_API_TOKEN/);
    expect(error.message).not.toContain('wrong-token-value');
    expect(error.message).not.toContain(Buffer.from('writer@example.com:wrong-token-value').toString('base64'));
  });

  it('paginates with limit 250 across several pages', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    for (let i = 0; i < 260; i++) await client.pages.create({ spaceId: h.spaceId, title: `Page ${i}`, body });
    await fetch(`${h.base}/__emulator/requests`, { method: 'DELETE' });
    let count = 0;
    for await (const _ of client.pages.inSpace(h.spaceId)) count++;
    expect(count).toBe(261);
    const counters = (await (await fetch(`${h.base}/__emulator/requests`)).json()) as { byRoute: Record<string, number> };
    expect(counters.byRoute['GET /wiki/api/v2/spaces/{id}/pages']).toBe(2);
  });
});

describe('OAuth mode through api.atlassian.com', () => {
  it('discovers the cloud ID, and puts the gateway base in front of _links.next', async () => {
    const h = await harness();
    const client = await createClient({ auth: { mode: 'oauth', accessToken: testCredentials.accessTokens[0], apiBase: h.base } });
    open.push(client);
    expect(client.connection.root).toBe(`${h.base}/ex/confluence/${h.emulator.defaultSite.cloudId}`);
    for (let i = 0; i < 3; i++) await client.pages.create({ spaceId: h.spaceId, title: `G${i}`, body });
    const titles: string[] = [];
    for await (const page of client.http.paginate<{ title: string }>('/wiki/api/v2/pages', { limit: 2, 'space-id': h.spaceId })) titles.push(page.title);
    expect(titles).toEqual(['Demo Home', 'G0', 'G1', 'G2']);
  });

  it('refuses v2 for a token with classic scopes only, with a hint about granular scopes', async () => {
    const h = await harness();
    const client = await createClient({ auth: { mode: 'oauth', accessToken: 'test-classic-only-token', cloudId: h.emulator.defaultSite.cloudId, apiBase: h.base } });
    open.push(client);
    const error = (await client.spaces.byKey('DEMO').catch((e: unknown) => e)) as ConfluenceError;
    expect(error.status).toBe(401);
    expect(error.apiMessage).toBe('Unauthorized; scope does not match');
    expect(error.hint).toMatch(/granular scopes/);
  });
});

describe('Maton gateway', () => {
  const sites = [
    { cloudId: '11111111-1111-4111-8111-111111111111', name: 'acme' },
    { cloudId: '22222222-2222-4222-8222-222222222222', name: 'beta', url: 'https://beta.atlassian.net' },
  ];

  it('discovers the only site of the default connection', async () => {
    const h = await harness();
    const client = await createClient({ auth: { mode: 'maton', apiKey: testCredentials.matonKeys[0], gatewayBase: h.base } });
    open.push(client);
    expect(client.connection.root).toBe(`${h.base}/confluence/ex/confluence/${h.emulator.defaultSite.cloudId}`);
    expect((await client.spaces.byKey('DEMO')).id).toBe(h.spaceId);
  });

  it('lists the sites when several are reachable and none is chosen; chooses by name', async () => {
    const h = await harness({ sites });
    createSpace(h.emulator.sites[1]!, h.emulator.user, { key: 'BETA', name: 'Beta space' });
    const ambiguous = await createClient({ auth: { mode: 'maton', apiKey: testCredentials.matonKeys[0], gatewayBase: h.base } }).catch((e: unknown) => e);
    expect(String(ambiguous)).toMatch(/reaches 2 sites[\s\S]*acme[\s\S]*beta/);
    const client = await createClient({ auth: { mode: 'maton', apiKey: testCredentials.matonKeys[0], gatewayBase: h.base, site: 'beta' } });
    open.push(client);
    expect(client.connection.siteUrl).toBe('https://beta.atlassian.net');
    expect((await client.spaces.byKey('BETA')).name).toBe('Beta space');
  });

  it('sends Maton-Connection to pick a connection', async () => {
    const h = await harness({
      sites,
      connections: [
        { id: 'conn-old', cloudIds: [sites[0]!.cloudId], createdAt: '2026-01-01T00:00:00.000Z' },
        { id: 'conn-new', cloudIds: [sites[1]!.cloudId], createdAt: '2026-02-01T00:00:00.000Z' },
      ],
    });
    const viaDefault = await createClient({ auth: { mode: 'maton', apiKey: testCredentials.matonKeys[0], gatewayBase: h.base } });
    open.push(viaDefault);
    expect(viaDefault.connection.cloudId).toBe(sites[0]!.cloudId);
    const viaNew = await createClient({ auth: { mode: 'maton', apiKey: testCredentials.matonKeys[0], gatewayBase: h.base, connection: 'conn-new' } });
    open.push(viaNew);
    expect(viaNew.connection.cloudId).toBe(sites[1]!.cloudId);
    expect(viaNew.connection.headers['maton-connection']).toBe('conn-new');
  });

  it('gives a clear error for a wrong Maton key, without the key', async () => {
    const h = await harness();
    const error = await createClient({ auth: { mode: 'maton', apiKey: 'not-the-key-xyz', gatewayBase: h.base } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    expect((error as ConfluenceError).status).toBe(401);
    expect(String(error)).not.toContain('not-the-key-xyz');
  });
});

describe('faults', () => {
  it('completes a workload through a 429 storm, honouring Retry-After, and adapts its concurrency', async () => {
    const h = await harness();
    h.emulator.faults.configure({ rateLimit: { perSecond: 40, capacity: 10 } });
    const waits: number[] = [];
    const throttled = await createClient({
      auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token },
      concurrency: 8,
      onRetry: (event) => {
        if (event.kind === 'retry' && event.status === 429) waits.push(event.delayMs);
      },
    });
    open.push(throttled);
    const results = await Promise.all(Array.from({ length: 40 }, () => throttled.spaces.get(h.spaceId)));
    expect(results.every((s) => s.key === 'DEMO')).toBe(true);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w >= 1000)).toBe(true);
    expect(throttled.http.options.limit.lowestReached).toBeLessThan(8);
  });

  it('retries idempotent requests through 5xx and connection resets', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    h.emulator.faults.enqueue(503, 1);
    h.emulator.faults.enqueue('reset', 2);
    h.emulator.faults.enqueue(500, 1);
    expect((await client.spaces.get(h.spaceId)).key).toBe('DEMO');
  });

  it('makes no duplicate when a create lands but its answer is lost', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    await fetch(`${h.base}/__emulator/requests`, { method: 'DELETE' });
    // The create is carried out, then the connection drops before the answer.
    h.emulator.faults.enqueue('reset-after', 1);
    const created = await client.pages.create({ spaceId: h.spaceId, title: 'Once', body });
    expect(created.title).toBe('Once');
    const titles: string[] = [];
    for await (const p of client.pages.inSpace(h.spaceId)) titles.push(p.title);
    expect(titles.filter((t) => t === 'Once')).toHaveLength(1);
    const counters = (await (await fetch(`${h.base}/__emulator/requests`)).json()) as { byRoute: Record<string, number> };
    // One create, then a lookup by title instead of a second create.
    expect(counters.byRoute['POST /wiki/api/v2/pages']).toBe(1);
    expect(counters.byRoute['GET /wiki/api/v2/pages']).toBe(1);
  });

  it('creates again when a create failed before it was carried out', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    h.emulator.faults.enqueue('reset', 1);
    const created = await client.pages.create({ spaceId: h.spaceId, title: 'Twice asked', body });
    expect(created.title).toBe('Twice asked');
    const titles: string[] = [];
    for await (const p of client.pages.inSpace(h.spaceId)) titles.push(p.title);
    expect(titles.filter((t) => t === 'Twice asked')).toHaveLength(1);
  });

  it('does not report a conflict for its own update whose answer was lost', async () => {
    const h = await harness();
    const client = await tokenClient(h);
    const page = await client.pages.create({ spaceId: h.spaceId, title: 'Lost answer', body });
    h.emulator.faults.enqueue('reset-after', 1);
    const updated = await client.pages.update(page.id, { title: 'Lost answer', body: '<p>v2</p>', version: 2, message: 'unique message 42' });
    expect(updated.version?.number).toBe(2);
    expect((await client.pages.get(page.id)).version?.number).toBe(2);
    // Somebody else's version 2 is still a conflict.
    const other = await client.pages.create({ spaceId: h.spaceId, title: 'Raced', body });
    await client.pages.update(other.id, { title: 'Raced', body: '<p>theirs</p>', version: 2, message: 'theirs' });
    const error = (await client.pages.update(other.id, { title: 'Raced', body: '<p>mine</p>', version: 2, message: 'mine' }).catch((e: unknown) => e)) as ConfluenceError;
    expect(error.status).toBe(409);
  });

  it('stops with a clear message when Confluence asks to wait beyond the deadline', async () => {
    const h = await harness();
    const client = await tokenClient(h, { deadline: Date.now() + 500 });
    h.emulator.faults.enqueue(429, 1);
    const error = (await client.spaces.get(h.spaceId).catch((e: unknown) => e)) as ConfluenceError;
    expect(error.status).toBe(429);
    expect(error.hint).toMatch(/rate limit is exhausted and asks to wait 1 s[\s\S]*Retry after/);
  });

  it('gives up on an attempt that takes too long, and retries it', async () => {
    const h = await harness();
    const client = await tokenClient(h, { attemptTimeoutMs: 150 });
    h.emulator.faults.configure({ latencyMs: 400 });
    setTimeout(() => h.emulator.faults.configure({ latencyMs: 0 }), 500);
    expect((await client.spaces.get(h.spaceId)).key).toBe('DEMO');
  });
});
