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
const storage = (value: string) => ({ representation: 'storage', value });
const TYPE = 'ac:com.example.app:note';

async function custom(extra: Json): Promise<Json> {
  const r = await h.call('POST', `${v2}/custom-content`, { type: TYPE, title: 'Note', body: storage('<p>data</p>'), ...extra });
  expect(r.status).toBe(201);
  return r.body as Json;
}

async function page(title: string): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: storage('<p>x</p>') });
  expect(r.status).toBe(200);
  return r.body as Json;
}

const ids = (r: { body: unknown }) => ((r.body as Json).results as Json[]).map((x) => x.id as string);

describe('POST /custom-content', () => {
  it('answers 201 with a location header and CustomContentSingle (space-level)', async () => {
    await start();
    const r = await h.call('POST', `${v2}/custom-content`, { type: TYPE, spaceId: h.spaceId, title: 'Settings', body: storage('<p>v</p>') });
    expect(r.status).toBe(201);
    const c = r.body as Json;
    expect(r.headers.get('location')).toBe(`/wiki/api/v2/custom-content/${c.id}`);
    expect(c).toMatchObject({
      type: TYPE,
      status: 'current',
      title: 'Settings',
      spaceId: h.spaceId,
      authorId: h.emulator.user.accountId,
      version: { number: 1 },
      body: { storage: { representation: 'storage', value: '<p>v</p>' } },
      _links: { webui: `/spaces/DEMO/customcontent/${c.id}`, base: `${h.base}/wiki` },
    });
    expect(c).not.toHaveProperty('pageId');
  });

  it('takes a page, blog post or custom content container, whose space it gets', async () => {
    await start();
    const p = await page('Holder');
    const onPage = await custom({ pageId: p.id });
    expect(onPage).toMatchObject({ pageId: p.id, spaceId: h.spaceId });
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage('') })).body as Json;
    expect(await custom({ blogPostId: post.id, spaceId: h.spaceId })).toMatchObject({ blogPostId: post.id });
    expect(await custom({ customContentId: onPage.id })).toMatchObject({ customContentId: onPage.id, spaceId: h.spaceId });
  });

  it('refuses a missing type, title, body or place, two containers, a space mismatch, and non-storage bodies', async () => {
    await start();
    const p = await page('Strict');
    const post = (body: Json) => h.call('POST', `${v2}/custom-content`, body);
    const base = { type: TYPE, title: 'T', body: storage('<p>x</p>'), spaceId: h.spaceId };
    expect((await post({ ...base, type: undefined })).body).toEqual(error(400, 'BAD_REQUEST', "'type' is required"));
    expect((await post({ ...base, title: ' ' })).body).toEqual(error(400, 'BAD_REQUEST', "'title' is required"));
    expect((await post({ ...base, body: undefined })).body).toEqual(error(400, 'BAD_REQUEST', "'body' is required"));
    expect((await post({ ...base, spaceId: undefined })).body).toEqual(error(400, 'BAD_REQUEST', 'One of spaceId, pageId, blogPostId or customContentId is required'));
    expect((await post({ ...base, pageId: p.id, blogPostId: p.id })).body).toEqual(error(400, 'BAD_REQUEST', 'Only one of pageId, blogPostId or customContentId may be given'));
    expect((await post({ ...base, spaceId: '999999', pageId: p.id })).body).toEqual(error(400, 'BAD_REQUEST', `The spaceId (999999) is not the space of the container (${h.spaceId})`));
    expect((await post({ ...base, status: 'archived' })).body).toEqual(error(400, 'BAD_REQUEST', "Invalid status 'archived': expected current or draft"));
    const raw = await post({ ...base, body: { representation: 'raw', value: '{}' } });
    expect(raw.status).toBe(400);
    expect((raw.body as Json).errors[0].title).toBe("The emulator accepts only the 'storage' representation on write (got 'raw').");
    expect((await post({ ...base, spaceId: undefined, pageId: '999999' })).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a page with id [999999]'));
    expect((await post({ ...base, spaceId: '999999' })).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
    expect((await post({ ...base, spaceId: undefined, customContentId: '999999' })).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find custom content with id [999999]'));
  });

  it('with fidelity.customContentTypes listing the known types, an unknown type is a 404', async () => {
    await start({ fidelity: { customContentTypes: [TYPE] } });
    expect((await h.call('POST', `${v2}/custom-content`, { type: TYPE, spaceId: h.spaceId, title: 'Known', body: storage('') })).status).toBe(201);
    const unknown = await h.call('POST', `${v2}/custom-content`, { type: 'ac:other:type', spaceId: h.spaceId, title: 'X', body: storage('') });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find custom content type [ac:other:type]'));
    expect((await h.call('GET', `${v2}/custom-content?type=ac:other:type`)).status).toBe(404);
  });
});

describe('listing custom content', () => {
  it('GET /custom-content needs type; filters by type, id and space; sorts; paginates', async () => {
    await start();
    const missing = await h.call('GET', `${v2}/custom-content`);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(error(400, 'BAD_REQUEST', "'type' is required"));
    const a = await custom({ spaceId: h.spaceId, title: 'B title' });
    const b = await custom({ spaceId: h.spaceId, title: 'A title' });
    await h.call('POST', `${v2}/custom-content`, { type: 'ac:other:kind', spaceId: h.spaceId, title: 'Other', body: storage('') });
    expect(ids(await h.call('GET', `${v2}/custom-content?type=${TYPE}`))).toEqual([a.id, b.id]);
    expect(ids(await h.call('GET', `${v2}/custom-content?type=${TYPE}&sort=title`))).toEqual([b.id, a.id]);
    expect(ids(await h.call('GET', `${v2}/custom-content?type=${TYPE}&id=${b.id}`))).toEqual([b.id]);
    expect(ids(await h.call('GET', `${v2}/custom-content?type=${TYPE}&space-id=999999`))).toEqual([]);
    const withBody = await h.call('GET', `${v2}/custom-content?type=${TYPE}&body-format=raw&limit=1`);
    expect((withBody.body as Json).results[0].body).toEqual({ raw: { representation: 'raw', value: '<p>data</p>' } });
    expect(ids(await h.call('GET', (withBody.body as Json)._links.next as string))).toEqual([b.id]);
    expect((await h.call('GET', `${v2}/custom-content?type=${TYPE}&sort=size`)).status).toBe(400);
  });

  it('lists by space, page and blog post (type required on each)', async () => {
    await start();
    const p = await page('Container');
    const inSpace = await custom({ spaceId: h.spaceId });
    const onPage = await custom({ pageId: p.id });
    expect(ids(await h.call('GET', `${v2}/spaces/${h.spaceId}/custom-content?type=${TYPE}`))).toEqual([inSpace.id, onPage.id]);
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/custom-content?type=${TYPE}`))).toEqual([onPage.id]);
    expect((await h.call('GET', `${v2}/pages/${p.id}/custom-content`)).status).toBe(400);
    expect((await h.call('GET', `${v2}/pages/999999/custom-content?type=${TYPE}`)).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a page with id [999999]'));
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage('') })).body as Json;
    const onPost = await custom({ blogPostId: post.id });
    expect(ids(await h.call('GET', `${v2}/blogposts/${post.id}/custom-content?type=${TYPE}`))).toEqual([onPost.id]);
    expect((await h.call('GET', `${v2}/spaces/999999/custom-content?type=${TYPE}`)).status).toBe(404);
    const child = await custom({ customContentId: inSpace.id, title: 'Child' });
    expect((await h.call('GET', `${v2}/custom-content/${inSpace.id}/children`)).body).toMatchObject({
      results: [{ id: child.id, status: 'current', title: 'Child', type: TYPE, spaceId: h.spaceId }],
    });
  });
});

describe('GET, PUT and DELETE /custom-content/{id}', () => {
  it('GET answers the record with its body format, past versions and include blocks; 404 when missing', async () => {
    await start();
    const c = await custom({ spaceId: h.spaceId });
    await h.call('PUT', `${v2}/custom-content/${c.id}`, { id: c.id, type: TYPE, status: 'current', title: 'Note 2', body: storage('<p>two</p>'), version: { number: 2 } });
    const r = await h.call('GET', `${v2}/custom-content/${c.id}?body-format=storage&include-versions=true&include-properties=true&include-labels=true&include-operations=true`);
    const body = r.body as Json;
    expect(body).toMatchObject({ title: 'Note 2', version: { number: 2 }, body: { storage: { value: '<p>two</p>' } } });
    expect(body.versions.results.map((v: Json) => v.number)).toEqual([2, 1]);
    expect(body.properties.results).toEqual([]);
    expect(body.labels.results).toEqual([]);
    expect(body.operations.results.map((o: Json) => o.operation)).toEqual(['read', 'update', 'delete']);
    const old = await h.call('GET', `${v2}/custom-content/${c.id}?version=1&body-format=storage`);
    expect(old.body).toMatchObject({ title: 'Note', status: 'historical', body: { storage: { value: '<p>data</p>' } } });
    expect((await h.call('GET', `${v2}/custom-content/${c.id}?version=7`)).status).toBe(404);
    expect((await h.call('GET', `${v2}/custom-content/${c.id}?include-version=false`)).body).not.toHaveProperty('version');
    const missing = await h.call('GET', `${v2}/custom-content/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find custom content with id [999999]'));
  });

  it('PUT needs version current+1 (409 otherwise), the same type and container', async () => {
    await start();
    const c = await custom({ spaceId: h.spaceId });
    const put = (extra: Json) =>
      h.call('PUT', `${v2}/custom-content/${c.id}`, { id: c.id, type: TYPE, status: 'current', title: 'Note', body: storage('<p>new</p>'), version: { number: 2 }, ...extra });
    const stale = await put({ version: { number: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(error(409, 'CONFLICT', 'Version must be incremented when updating a custom content. Current Version: [1]. Provided version: [1]'));
    expect((await put({ type: 'ac:other:type' })).body).toEqual(error(400, 'BAD_REQUEST', "The type of custom content cannot be changed (from 'ac:com.example.app:note' to 'ac:other:type')"));
    const p = await page('Elsewhere');
    expect((await put({ pageId: p.id })).body).toEqual(error(400, 'BAD_REQUEST', 'Moving custom content to another container is not supported.'));
    expect((await put({ status: 'draft' })).body).toEqual(error(400, 'BAD_REQUEST', "Invalid status 'draft': expected current"));
    expect((await put({ id: '1' })).body).toEqual(error(400, 'BAD_REQUEST', `The id in the body (1) does not match the id in the path (${c.id})`));
    const good = await put({ title: 'Renamed', version: { number: 2, message: 'm' } });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ title: 'Renamed', version: { number: 2, message: 'm' }, body: { storage: { value: '<p>new</p>' } } });
    const versions = await h.call('GET', `${v2}/custom-content/${c.id}/versions?body-format=storage`);
    expect(((versions.body as Json).results as Json[]).map((v) => [v.number, v.custom.title])).toEqual([
      [2, 'Renamed'],
      [1, 'Note'],
    ]);
    expect((await h.call('GET', `${v2}/custom-content/${c.id}/versions/1`)).body).toMatchObject({ number: 1, nextVersion: 2 });
    expect((await h.call('GET', `${v2}/custom-content/${c.id}/versions/3`)).status).toBe(404);
  });

  it('DELETE trashes (gone from lists), a PUT restores, purge removes only trashed content, drafts go at once', async () => {
    await start();
    const c = await custom({ spaceId: h.spaceId });
    expect((await h.call('DELETE', `${v2}/custom-content/${c.id}?purge=true`)).body).toEqual(
      error(400, 'BAD_REQUEST', `Only trashed content can be purged; trash custom content ${c.id} first.`),
    );
    expect((await h.call('DELETE', `${v2}/custom-content/${c.id}`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/custom-content/${c.id}`)).body).toMatchObject({ status: 'trashed' });
    expect(ids(await h.call('GET', `${v2}/custom-content?type=${TYPE}`))).toEqual([]);
    expect((await h.call('DELETE', `${v2}/custom-content/${c.id}`)).status).toBe(404);
    const restored = await h.call('PUT', `${v2}/custom-content/${c.id}`, { id: c.id, type: TYPE, status: 'current', title: 'Note', body: storage(''), version: { number: 2 } });
    expect(restored.body).toMatchObject({ status: 'current', version: { number: 1 } });
    await h.call('DELETE', `${v2}/custom-content/${c.id}`);
    expect((await h.call('DELETE', `${v2}/custom-content/${c.id}?purge=true`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/custom-content/${c.id}`)).status).toBe(404);
    const draft = await custom({ spaceId: h.spaceId, status: 'draft' });
    expect(draft.status).toBe('draft');
    expect((await h.call('DELETE', `${v2}/custom-content/${draft.id}`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/custom-content/${draft.id}`)).status).toBe(404);
  });
});
