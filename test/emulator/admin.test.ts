import { afterEach, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/emulator/seed.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { applyEditorRewrites } from '../../src/emulator/storage/editor-rewrites.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
async function start(options: Partial<EmulatorOptions> = {}) {
  h = await startHarness(options);
  return h;
}
afterEach(() => h?.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; text: string }> {
  const r = await fetch(`${h.base}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Json) : {}, text };
}

async function createPage(title: string, value = '<p>x</p>'): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: { representation: 'storage', value } });
  expect(r.status).toBe(200);
  return r.body as Json;
}

const startData: Seed = {
  spaces: [{ key: 'SEED', name: 'Seeded', pages: [{ title: 'Seeded page', body: '<p>from the seed</p>', children: [{ title: 'Child' }] }] }],
};

describe('GET/DELETE /__emulator/requests', () => {
  it('counts API requests by method and route pattern, says when the first write came, and resets the counters', async () => {
    await start();
    const before = Date.now();
    await h.call('GET', '/wiki/nowhere');
    const page = await createPage('Counted');
    await h.call('GET', `${v2}/pages/${page.id}`);
    await h.call('GET', `${v2}/pages/${page.id}`);
    const after = Date.now();
    const counts = await admin('GET', '/requests');
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({
      total: 4,
      byRoute: { 'GET /wiki/api/v2/pages/{id}': 2, 'GET /wiki/nowhere': 1, 'POST /wiki/api/v2/pages': 1 },
      firstWrite: { at: expect.any(Number), after: 1 },
    });
    const { firstWrite } = counts.body as { firstWrite: { at: number } };
    expect(before).toBeLessThanOrEqual(firstWrite.at);
    expect(firstWrite.at).toBeLessThanOrEqual(after);
    expect((await admin('DELETE', '/requests')).status).toBe(204);
    expect((await admin('GET', '/requests')).body).toEqual({ total: 0, byRoute: {} });
  });

  it('answers 404 with a JSON error for an unknown admin route', async () => {
    await start();
    expect(await admin('GET', '/nope')).toMatchObject({ status: 404, body: { error: 'no admin route GET /__emulator/nope' } });
  });
});

describe('POST /__emulator/reset', () => {
  it('goes back to the start data with the same ids, and clears counters, rate-limit state and queued faults', async () => {
    await start({ initialData: startData });
    const seeded = h.emulator.defaultSite.spaceByKey('SEED')!;
    const listSeeded = async () =>
      (((await h.call('GET', `${v2}/spaces/${seeded.id}/pages`)).body as Json).results as Json[]).map((p) => [p.id, p.title, p.parentId, p.version.number]);
    const before = await listSeeded();
    expect(before.map((row) => row[1])).toEqual(['Seeded Home', 'Seeded page', 'Child']);
    await h.call('POST', `${v2}/pages`, { spaceId: seeded.id, title: 'Added later' });
    await admin('POST', '/faults/queue', { fault: 500, count: 3 });
    const reset = await admin('POST', '/reset');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ reset: 'seed', seeded: { spaces: [{ key: 'SEED', id: seeded.id, homepageId: seeded.homepageId }] } });
    expect((await admin('GET', '/faults')).body.queue).toEqual([]);
    expect((await admin('GET', '/requests')).body.total).toBe(0);
    expect(await listSeeded()).toEqual(before);
    // The DEMO space the harness added after the start data is gone.
    expect(h.emulator.defaultSite.spaceByKey('DEMO')).toBeUndefined();
    // The id sequence restarted: the next id follows the last one of the start data.
    const again = await h.call('POST', `${v2}/pages`, { spaceId: seeded.id, title: 'Added again', body: { representation: 'storage', value: '' } });
    expect((again.body as Json).id).toBe(String(Number(before.at(-1)![0]) + 1));
  });

  it('empties every site with {"to": "empty"}', async () => {
    await start({ initialData: startData });
    const r = await admin('POST', '/reset', { to: 'empty' });
    expect(r).toMatchObject({ status: 200, body: { reset: 'empty', seeded: null } });
    expect(((await h.call('GET', `${v2}/spaces`)).body as Json).results).toEqual([]);
    expect(((await h.call('GET', `${v2}/pages`)).body as Json).results).toEqual([]);
    // The user is still there: credentials keep working.
    expect((await h.call('GET', '/wiki/rest/api/user/current')).status).toBe(200);
  });

  it('refuses an unknown target with 400', async () => {
    await start();
    expect(await admin('POST', '/reset', { to: 'yesterday' })).toMatchObject({
      status: 400,
      body: { error: 'to: must be "seed" (the data the emulator started with) or "empty"' },
    });
    expect(await admin('POST', '/reset', '{not json')).toMatchObject({ status: 400 });
  });
});

describe('POST /__emulator/seed', () => {
  it('loads a seed on top of the current data and answers 201 with the ids it created', async () => {
    await start();
    const r = await admin('POST', '/seed', startData);
    expect(r.status).toBe(201);
    const space = r.body.spaces[0];
    expect(space.key).toBe('SEED');
    expect(Object.keys(space.content)).toEqual(['Seeded Home', 'Seeded page', 'Child']);
    const child = (await h.call('GET', `${v2}/pages/${space.content.Child}`)).body as Json;
    expect(child.parentId).toBe(space.content['Seeded page']);
    expect(((await h.call('GET', `${v2}/spaces`)).body as Json).results.map((s: Json) => s.key)).toEqual(['DEMO', 'SEED']);
  });

  it('answers 400 listing every problem with its JSON path, and changes nothing', async () => {
    await start();
    const r = await admin('POST', '/seed', { spaces: [{ key: 'A-B', name: 'x', pages: [{ titel: 'Typo' }] }] });
    expect(r).toEqual({
      status: 400,
      text: r.text,
      body: {
        error: 'The seed is not valid.',
        problems: [
          'spaces[0].key: must be 1–255 letters and digits, e.g. "DOCS"',
          'spaces[0].pages[0].title: is required: give a title',
          'spaces[0].pages[0]: unknown field "titel": remove it or fix the spelling (see "Seed file format" in docs/emulator.md)',
        ],
      },
    });
  });

  it('applies the API rules: a duplicate title fails with the path and rolls back the whole seed', async () => {
    await start();
    const r = await admin('POST', '/seed', { spaces: [{ key: 'NEW', name: 'New', pages: [{ title: 'Intro' }, { title: 'intro' }] }] });
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([
      'spaces[0].pages[1] (page "intro"): A page with this title already exists: A page already exists with the same TITLE in this space — titles are unique within a space (case-insensitive by default): rename one of them',
    ]);
    expect(((await h.call('GET', `${v2}/spaces`)).body as Json).results.map((s: Json) => s.key)).toEqual(['DEMO']);
  });
});

describe('GET/PUT /__emulator/faults', () => {
  it('shows the settings and changes only the fields given; rateLimit null removes the limit', async () => {
    await start();
    expect((await admin('GET', '/faults')).body).toEqual({
      latencyMs: 0,
      jitterMs: 0,
      errorRate: 0,
      resetRate: 0,
      throttleRate: 0,
      seed: 1,
      rateLimitReason: 'confluence-quota-tenant-based',
      betaRateLimitHeaders: false,
      rateLimit: null,
      queue: [],
    });
    const put = await admin('PUT', '/faults', { rateLimit: { perSecond: 2, capacity: 4 }, seed: 5 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ rateLimit: { perSecond: 2, capacity: 4 }, seed: 5, errorRate: 0 });
    expect((await admin('PUT', '/faults', { errorRate: 0.1 })).body).toMatchObject({ rateLimit: { perSecond: 2, capacity: 4 }, errorRate: 0.1 });
    expect((await admin('PUT', '/faults', { rateLimit: null })).body.rateLimit).toBeNull();
  });

  it('refuses invalid settings with 400 naming the field', async () => {
    await start();
    expect(await admin('PUT', '/faults', { errorRate: 2 })).toMatchObject({ status: 400, body: { error: 'errorRate: must be a number from 0 to 1' } });
    expect(await admin('PUT', '/faults', { latencyMs: -1 })).toMatchObject({
      status: 400,
      body: { error: 'latencyMs: must be a whole number of milliseconds from 0 to 600000' },
    });
    expect(await admin('PUT', '/faults', { rateLimit: { perSecond: 0, capacity: 1 } })).toMatchObject({
      status: 400,
      body: { error: 'rateLimit.perSecond: must be a positive number of requests per second' },
    });
    expect(await admin('PUT', '/faults', { latency: 5 })).toMatchObject({ status: 400, body: { error: '(body): Unrecognized key: "latency"' } });
    expect(await admin('PUT', '/faults')).toMatchObject({ status: 400, body: { error: 'A request body is required' } });
  });
});

describe('POST /__emulator/pages/{id}/editor-save', () => {
  const original = [
    '<p>Intro <b>bold</b></p><p></p>',
    '<table><tbody><tr><td><p>a</p></td></tr></tbody></table>',
    '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Body</p></ac:rich-text-body></ac:structured-macro>',
    '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">a.ts</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>',
    '<ac:link><ri:page ri:content-title="Target" /></ac:link>',
  ].join('');

  it('saves a new version by the user with the body rewritten as the editor does', async () => {
    await start();
    await createPage('Target');
    const page = await createPage('Edited', original);
    const v1 = page.body.storage.value as string;
    const v1MacroIds = [...v1.matchAll(/ac:macro-id="([^"]+)"/g)].map((m) => m[1]);
    const r = await admin('POST', `/pages/${page.id}/editor-save`, { message: 'typo' });
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ number: 2, message: 'typo', minorEdit: false, authorId: h.emulator.user.accountId });
    const v2Body = r.body.body.storage.value as string;
    const id = '[0-9a-f-]{36}';
    expect(v2Body).toMatch(
      new RegExp(
        [
          '^<p>Intro <strong>bold</strong></p><p />',
          `<table data-layout="default" data-table-width="760" ac:local-id="${id}"><tbody><tr><td><p>a</p></td></tr></tbody></table>`,
          `<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="${id}"><ac:rich-text-body><p><strong>Heads up</strong></p><p>Body</p></ac:rich-text-body></ac:structured-macro>`,
          `<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="${id}"><ac:plain-text-body><!\\[CDATA\\[x\\]\\]></ac:plain-text-body></ac:structured-macro>`,
          `<ac:link ac:local-id="${id}"><ri:page ri:content-title="Target" ri:version-at-save="1" /></ac:link>$`,
        ].join(''),
      ),
    );
    const v2MacroIds = [...v2Body.matchAll(/ac:macro-id="([^"]+)"/g)].map((m) => m[1]);
    expect(v2MacroIds).toHaveLength(2);
    for (const macroId of v2MacroIds) expect(v1MacroIds).not.toContain(macroId);
    const fetched = (await h.call('GET', `${v2}/pages/${page.id}?body-format=storage`)).body as Json;
    expect(fetched.version.number).toBe(2);
    expect(fetched.body.storage.value).toBe(v2Body);
  });

  it('applies a human edit given as the body, a new title and codeTitle "keep"', async () => {
    await start();
    const page = await createPage('Before', original);
    const r = await admin('POST', `/pages/${page.id}/editor-save`, {
      title: 'After',
      body: '<p>Rewritten by a human</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="title">b.ts</ac:parameter></ac:structured-macro>',
      codeTitle: 'keep',
      minorEdit: true,
    });
    expect(r.status).toBe(200);
    expect(r.body.title).toBe('After');
    expect(r.body.version).toMatchObject({ number: 2, minorEdit: true });
    expect(r.body.body.storage.value).toMatch(/^<p>Rewritten by a human<\/p><ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="[0-9a-f-]{36}"><ac:parameter ac:name="title">b.ts<\/ac:parameter><\/ac:structured-macro>$/);
  });

  it('works for blog posts too', async () => {
    await start();
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'News', body: { representation: 'storage', value: '<p></p>' } })).body as Json;
    const r = await admin('POST', `/blogposts/${post.id}/editor-save`);
    expect(r.status).toBe(200);
    expect(r.body.version.number).toBe(2);
    expect(r.body.body.storage.value).toBe('<p />');
  });

  it('answers 404 for a missing page, 409 for one that is not current, 400 for a malformed body', async () => {
    await start();
    expect(await admin('POST', '/pages/999999/editor-save')).toMatchObject({ status: 404, body: { error: 'Cannot find a page with id [999999]' } });
    const page = await createPage('Trashed');
    await h.call('DELETE', `${v2}/pages/${page.id}`);
    expect(await admin('POST', `/pages/${page.id}/editor-save`)).toMatchObject({
      status: 409,
      body: { error: `Only a current page can be edited in the editor; ${page.id} is trashed.` },
    });
    const live = await createPage('Live');
    expect(await admin('POST', `/pages/${live.id}/editor-save`, { body: '<p>a</b>' })).toMatchObject({
      status: 400,
      body: { error: 'Error parsing xhtml: Unexpected close tag </b>; expected another close tag' },
    });
    expect(await admin('POST', `/pages/${live.id}/editor-save`, { codeTitle: 'maybe' })).toMatchObject({ status: 400, body: { error: 'codeTitle: must be "drop" or "keep"' } });
    expect(((await h.call('GET', `${v2}/pages/${live.id}`)).body as Json).version.number).toBe(1);
  });
});

describe('applyEditorRewrites (notes §11 "Changes after any human edit")', () => {
  const rewrite = (storage: string, codeTitle: 'drop' | 'keep' = 'drop') => {
    let n = 0;
    return applyEditorRewrites(storage, { uuid: () => `u${++n}`, codeTitle });
  };

  it('adds task ids, uuids and the list id, and wraps task bodies', () => {
    expect(
      rewrite(
        '<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>todo</ac:task-body></ac:task></ac:task-list>',
      ),
    ).toBe(
      '<ac:task-list ac:task-list-id="u3"><ac:task><ac:task-id>7</ac:task-id><ac:task-uuid>u1</ac:task-uuid><ac:task-status>complete</ac:task-status><ac:task-body><span class="placeholder-inline-tasks">done</span></ac:task-body></ac:task><ac:task><ac:task-id>8</ac:task-id><ac:task-uuid>u2</ac:task-uuid><ac:task-status>incomplete</ac:task-status><ac:task-body><span class="placeholder-inline-tasks">todo</span></ac:task-body></ac:task></ac:task-list>',
    );
  });

  it('turns ADF-extension panels of the four callout types back into macros, and leaves the others', () => {
    const panel = (type: string) =>
      `<ac:adf-extension><ac:adf-node type="panel"><ac:adf-attribute key="panel-type">${type}</ac:adf-attribute><ac:adf-content><p>P</p></ac:adf-content></ac:adf-node><ac:adf-fallback><div>P</div></ac:adf-fallback></ac:adf-extension>`;
    expect(rewrite(panel('success'))).toBe('<ac:structured-macro ac:name="tip" ac:schema-version="1" ac:macro-id="u1"><ac:rich-text-body><p>P</p></ac:rich-text-body></ac:structured-macro>');
    expect(rewrite(panel('error'))).toContain('ac:name="warning"');
    expect(rewrite(panel('warning'))).toContain('ac:name="note"');
    expect(rewrite(panel('note'))).toBe(panel('note'));
  });

  it('keeps existing local ids and table attributes, putting the editor attributes first', () => {
    expect(rewrite('<table class="c" data-table-width="900" ac:local-id="keep"><tbody /></table><ac:image ac:local-id="img"><ri:url ri:value="https://x/y.png" /></ac:image>')).toBe(
      '<table data-layout="default" data-table-width="900" ac:local-id="keep" class="c"><tbody /></table><ac:image ac:local-id="img"><ri:url ri:value="https://x/y.png" /></ac:image>',
    );
  });

  it('drops the code title by default and keeps it on request; a callout with an empty title gets no paragraph', () => {
    const code = '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">a.ts</ac:parameter></ac:structured-macro>';
    expect(rewrite(code)).toBe('<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="u1"></ac:structured-macro>');
    expect(rewrite(code, 'keep')).toBe('<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="u1"><ac:parameter ac:name="title">a.ts</ac:parameter></ac:structured-macro>');
    expect(rewrite('<ac:structured-macro ac:name="tip"><ac:parameter ac:name="title"></ac:parameter><ac:rich-text-body><p>t</p></ac:rich-text-body></ac:structured-macro>')).toBe(
      '<ac:structured-macro ac:name="tip" ac:schema-version="1" ac:macro-id="u1"><ac:rich-text-body><p>t</p></ac:rich-text-body></ac:structured-macro>',
    );
  });
});

describe('GET /__emulator/state', () => {
  it('summarizes every site, the request total and the faults', async () => {
    await start({ initialData: startData });
    await createPage('One more');
    const r = await admin('GET', '/state');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      sites: [
        {
          cloudId: h.emulator.defaultSite.cloudId,
          name: 'emulator',
          url: h.base,
          spaces: [
            { key: 'SEED', name: 'Seeded', status: 'current', homepageId: '65538' },
            { key: 'DEMO', name: 'Demo', status: 'current' },
          ],
          pages: { current: 5 },
          blogposts: {},
          folders: {},
          attachments: 0,
        },
      ],
      requests: 1,
      faults: { errorRate: 0, queue: [] },
    });
  });
});
