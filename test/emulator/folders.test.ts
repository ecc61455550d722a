import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
async function start(options: Partial<EmulatorOptions> = {}) {
  h = await startHarness(options);
}
afterEach(() => h.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const error = (status: number, code: string, title: string) => ({ errors: [{ status, code, title, detail: null }] });

async function folder(title: string, parentId?: string): Promise<Json> {
  const r = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title, ...(parentId ? { parentId } : {}) });
  expect(r.status).toBe(200);
  return r.body as Json;
}

async function page(title: string, parentId?: string): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: { representation: 'storage', value: '<p>x</p>' }, ...(parentId ? { parentId } : {}) });
  expect(r.status).toBe(200);
  return r.body as Json;
}

const ids = (r: { body: unknown }) => ((r.body as Json).results as Json[]).map((x) => x.id as string);

describe('POST /folders', () => {
  it('answers 200 with the folder under the space homepage when no parent is given', async () => {
    await start();
    const r = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title: 'Guides' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      type: 'folder',
      status: 'current',
      title: 'Guides',
      spaceId: h.spaceId,
      parentId: h.homepageId,
      parentType: 'page',
      version: { number: 1 },
      _links: { base: `${h.base}/wiki` },
    });
  });

  it('nests folders: a folder parent gives parentType folder', async () => {
    await start();
    const outer = await folder('Outer');
    const inner = await folder('Inner', outer.id);
    expect(inner).toMatchObject({ parentId: outer.id, parentType: 'folder' });
  });

  it('answers 404 for a missing space or parent, 400 without a title', async () => {
    await start();
    const space = await h.call('POST', `${v2}/folders`, { spaceId: '999999', title: 'X' });
    expect(space.status).toBe(404);
    expect(space.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
    const parent = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title: 'X', parentId: '999999' });
    expect(parent.status).toBe(404);
    expect(parent.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a parent with id [999999] in this space'));
    const untitled = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId });
    expect(untitled.status).toBe(400);
    expect(untitled.body).toEqual(error(400, 'BAD_REQUEST', 'Title is required for a folder.'));
    const noSpace = await h.call('POST', `${v2}/folders`, { title: 'X' });
    expect(noSpace.body).toEqual(error(400, 'BAD_REQUEST', "'spaceId' is required"));
  });

  it('cannot go to the space root: without a homepage and without a parent it is a 400', async () => {
    await start();
    expect((await h.call('DELETE', `${v2}/pages/${h.homepageId}`)).status).toBe(204);
    const r = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title: 'Rootless' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual(error(400, 'BAD_REQUEST', 'A folder cannot be created at the root of a space: give a parentId.'));
  });

  it('folder titles are unique among the space’s folders (any parent) but never collide with page titles', async () => {
    await start();
    const a = await folder('Reference');
    const dup = await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title: 'reference', parentId: a.id });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual(error(400, 'BAD_REQUEST', 'A folder exists with the same title in this space'));
    await page('Reference');
    await folder('Manual');
    expect((await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Manual', body: { representation: 'storage', value: '' } })).status).toBe(200);
  });

  it('a trashed folder frees its title; fidelity.folderTitles=unrestricted drops the rule', async () => {
    await start();
    const a = await folder('Old');
    expect((await h.call('DELETE', `${v2}/folders/${a.id}`)).status).toBe(204);
    await folder('Old');
    await h.close();
    await start({ fidelity: { folderTitles: 'unrestricted' } });
    await folder('Twice');
    await folder('Twice');
  });
});

describe('GET /folders/{id}', () => {
  it('answers the folder; a missing id or a page id is 404 "Content with id: [N] not found"', async () => {
    await start();
    const f = await folder('Docs');
    const r = await h.call('GET', `${v2}/folders/${f.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: f.id, title: 'Docs', type: 'folder' });
    const missing = await h.call('GET', `${v2}/folders/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Content with id: [999999] not found'));
    expect((await h.call('GET', `${v2}/folders/${h.homepageId}`)).body).toEqual(error(404, 'NOT_FOUND', `Content with id: [${h.homepageId}] not found`));
    expect((await h.call('GET', `${v2}/folders/abc`)).status).toBe(400);
  });

  it('a folder is not a page: GET /pages/{folderId} is 404', async () => {
    await start();
    const f = await folder('Not a page');
    const r = await h.call('GET', `${v2}/pages/${f.id}`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual(error(404, 'NOT_FOUND', `Cannot find a page with id [${f.id}]`));
  });

  it('include-direct-children, include-properties and include-operations add their blocks', async () => {
    await start();
    const f = await folder('Blocks');
    const child = await page('Inside', f.id);
    await h.call('POST', `${v2}/folders/${f.id}/properties`, { key: 'k', value: 1 });
    const r = await h.call('GET', `${v2}/folders/${f.id}?include-direct-children=true&include-properties=true&include-operations=true`);
    const body = r.body as Json;
    expect(body.directChildren.results.map((c: Json) => [c.id, c.type])).toEqual([[child.id, 'page']]);
    expect(body.properties.results.map((p: Json) => p.key)).toEqual(['k']);
    expect(body.operations.results.map((o: Json) => o.operation)).toEqual(['read', 'update', 'delete']);
    expect(body.directChildren.meta).toEqual({ hasMore: false });
  });
});

describe('pages in folders', () => {
  it('a page under a folder reports parentType folder; /children omits folders and what is under them; /direct-children lists them', async () => {
    await start();
    const f = await folder('Handbook');
    const inside = await page('Inside the folder', f.id);
    expect(inside).toMatchObject({ parentId: f.id, parentType: 'folder' });
    const sibling = await page('Sibling page');
    const children = await h.call('GET', `${v2}/pages/${h.homepageId}/children`);
    expect(ids(children)).toEqual([sibling.id]);
    const direct = await h.call('GET', `${v2}/pages/${h.homepageId}/direct-children`);
    expect(((direct.body as Json).results as Json[]).map((r) => [r.id, r.type])).toEqual([
      [f.id, 'folder'],
      [sibling.id, 'page'],
    ]);
    // The flat listing never shows folders.
    const flat = await h.call('GET', `${v2}/spaces/${h.spaceId}/pages`);
    expect(ids(flat)).not.toContain(f.id);
  });

  it('a page can be moved into a folder with PUT parentId', async () => {
    await start();
    const f = await folder('Target');
    const p = await page('Mover');
    const r = await h.call('PUT', `${v2}/pages/${p.id}`, { id: p.id, status: 'current', title: 'Mover', parentId: f.id, version: { number: 2 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parentId: f.id, parentType: 'folder' });
  });
});

describe('folder hierarchy routes', () => {
  it('direct-children (child-position by default, title sort), descendants with depth, ancestors top-down', async () => {
    await start();
    const f = await folder('Top');
    const b = await page('B page', f.id);
    const sub = await folder('A sub', f.id);
    const deep = await page('Deep', sub.id);
    const direct = await h.call('GET', `${v2}/folders/${f.id}/direct-children`);
    expect(ids(direct)).toEqual([b.id, sub.id]);
    expect((direct.body as Json).results[1]).toEqual({ id: sub.id, status: 'current', title: 'A sub', type: 'folder', spaceId: h.spaceId, childPosition: 1 });
    expect(ids(await h.call('GET', `${v2}/folders/${f.id}/direct-children?sort=title`))).toEqual([sub.id, b.id]);
    expect((await h.call('GET', `${v2}/folders/${f.id}/direct-children?sort=name`)).status).toBe(400);

    const one = await h.call('GET', `${v2}/folders/${f.id}/descendants?depth=1`);
    expect(ids(one)).toEqual([b.id, sub.id]);
    const two = await h.call('GET', `${v2}/folders/${f.id}/descendants`);
    expect(((two.body as Json).results as Json[]).map((r) => [r.id, r.depth, r.parentId])).toEqual([
      [b.id, 1, f.id],
      [sub.id, 1, f.id],
      [deep.id, 2, sub.id],
    ]);
    const tooDeep = await h.call('GET', `${v2}/folders/${f.id}/descendants?depth=11`);
    expect(tooDeep.body).toEqual(error(400, 'BAD_REQUEST', "Invalid value '11' for parameter 'depth': must be between 1 and 10"));

    const ancestors = await h.call('GET', `${v2}/folders/${sub.id}/ancestors`);
    expect((ancestors.body as Json).results).toEqual([
      { id: h.homepageId, type: 'page' },
      { id: f.id, type: 'folder' },
    ]);
    const nearest = await h.call('GET', `${v2}/folders/${sub.id}/ancestors?limit=1`);
    expect((nearest.body as Json).results).toEqual([{ id: f.id, type: 'folder' }]);
    expect((await h.call('GET', `${v2}/folders/999999/direct-children`)).body).toEqual(error(404, 'NOT_FOUND', 'Content with id: [999999] not found'));
  });

  it('paginates direct-children with a cursor', async () => {
    await start();
    const f = await folder('Many');
    const made = [];
    for (const t of ['P1', 'P2', 'P3']) made.push((await page(t, f.id)).id);
    const first = await h.call('GET', `${v2}/folders/${f.id}/direct-children?limit=2`);
    expect(ids(first)).toEqual(made.slice(0, 2));
    const second = await h.call('GET', (first.body as Json)._links.next as string);
    expect(ids(second)).toEqual(made.slice(2));
  });
});

describe('DELETE /folders/{id}', () => {
  it('answers 204, trashes the folder (GET shows trashed, no parent) and moves its children up', async () => {
    await start();
    const f = await folder('Temporary');
    const child = await page('Survivor', f.id);
    expect((await h.call('DELETE', `${v2}/folders/${f.id}`)).status).toBe(204);
    const gone = await h.call('GET', `${v2}/folders/${f.id}`);
    expect(gone.body).toMatchObject({ status: 'trashed', parentId: null, position: null });
    const moved = await h.call('GET', `${v2}/pages/${child.id}`);
    expect(moved.body).toMatchObject({ parentId: h.homepageId, parentType: 'page' });
    expect(ids(await h.call('GET', `${v2}/pages/${h.homepageId}/direct-children`))).toEqual([child.id]);
    const again = await h.call('DELETE', `${v2}/folders/${f.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(error(404, 'NOT_FOUND', `Content with id: [${f.id}] not found`));
  });
});
