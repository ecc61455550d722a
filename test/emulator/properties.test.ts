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

async function page(title: string): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: { representation: 'storage', value: '<p>x</p>' } });
  expect(r.status).toBe(200);
  return r.body as Json;
}

async function pageVersion(id: string): Promise<number> {
  return ((await h.call('GET', `${v2}/pages/${id}`)).body as Json).version.number as number;
}

describe('page properties', () => {
  it('POST answers 200 with ContentProperty at version 1; GET reads it back', async () => {
    await start();
    const p = await page('Props');
    const r = await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'sync-state', value: { hash: 'abc', n: 1 } });
    expect(r.status).toBe(200);
    const prop = r.body as Json;
    expect(prop).toMatchObject({ key: 'sync-state', value: { hash: 'abc', n: 1 }, version: { number: 1, message: '', minorEdit: false } });
    expect(prop.id).toMatch(/^\d+$/);
    const read = await h.call('GET', `${v2}/pages/${p.id}/properties/${prop.id}`);
    expect(read.body).toEqual(prop);
  });

  it('never bumps the page version: create, update and delete leave it at 1', async () => {
    await start();
    const p = await page('Unbumped');
    const prop = (await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 'a' })).body as Json;
    expect(await pageVersion(p.id)).toBe(1);
    expect((await h.call('PUT', `${v2}/pages/${p.id}/properties/${prop.id}`, { key: 'k', value: 'b', version: { number: 2 } })).status).toBe(200);
    expect(await pageVersion(p.id)).toBe(1);
    expect((await h.call('DELETE', `${v2}/pages/${p.id}/properties/${prop.id}`)).status).toBe(204);
    expect(await pageVersion(p.id)).toBe(1);
  });

  it('an existing key is a 409', async () => {
    await start();
    const p = await page('Dup key');
    await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 1 });
    const r = await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 2 });
    expect(r.status).toBe(409);
    expect(r.body).toEqual(error(409, 'CONFLICT', "A property with key 'k' already exists on this entity."));
  });

  it('PUT needs the property version + 1 (409 otherwise), keeps the key, and keeps its own counter', async () => {
    await start();
    const p = await page('Versions');
    const prop = (await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 'a' })).body as Json;
    const put = (body: Json) => h.call('PUT', `${v2}/pages/${p.id}/properties/${prop.id}`, body);
    const stale = await put({ key: 'k', value: 'b', version: { number: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(error(409, 'CONFLICT', 'Version must be incremented when updating a property. Current Version: [1]. Provided version: [1]'));
    expect((await put({ key: 'k', value: 'b', version: { number: 3 } })).status).toBe(409);
    const good = await put({ key: 'k', value: ['b'], version: { number: 2, message: 'second' } });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ id: prop.id, key: 'k', value: ['b'], version: { number: 2, message: 'second' } });
    const renamed = await put({ key: 'other', value: 'c', version: { number: 3 } });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toEqual(error(400, 'BAD_REQUEST', "The key of a property cannot be changed (from 'k' to 'other')."));
    const noVersion = await put({ key: 'k', value: 'c' });
    expect(noVersion.body).toEqual(error(400, 'BAD_REQUEST', "'version.number' is required"));
  });

  it('validates key and value; null is a value', async () => {
    await start();
    const p = await page('Validation');
    const post = (body: Json) => h.call('POST', `${v2}/pages/${p.id}/properties`, body);
    expect((await post({ value: 1 })).body).toEqual(error(400, 'BAD_REQUEST', "'key' is required"));
    expect((await post({ key: '', value: 1 })).body).toEqual(error(400, 'BAD_REQUEST', "'key' is required"));
    expect((await post({ key: 'k' })).body).toEqual(error(400, 'BAD_REQUEST', "'value' is required"));
    expect((await post({ key: 'x'.repeat(256), value: 1 })).body).toEqual(error(400, 'BAD_REQUEST', 'Property key cannot be longer than 255 characters.'));
    expect((await post({ key: 'x'.repeat(255), value: 1 })).status).toBe(200);
    expect((await post({ key: 'nothing', value: null })).status).toBe(200);
  });

  it('fidelity.maxPropertyValueBytes refuses larger values', async () => {
    await start({ fidelity: { maxPropertyValueBytes: 10 } });
    const p = await page('Small values');
    const big = await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 'x'.repeat(20) });
    expect(big.status).toBe(400);
    expect(big.body).toEqual(error(400, 'BAD_REQUEST', 'Property value cannot be larger than 10 bytes.'));
    expect((await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 'tiny' })).status).toBe(200);
  });

  it('answers 404 for a missing page ("Could not find page…") and a missing property', async () => {
    await start();
    const missing = await h.call('GET', `${v2}/pages/999999/properties`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Could not find page with id [999999]'));
    const p = await page('No such property');
    const none = await h.call('GET', `${v2}/pages/${p.id}/properties/999999`);
    expect(none.body).toEqual(error(404, 'NOT_FOUND', 'Could not find property with id [999999]'));
    expect((await h.call('DELETE', `${v2}/pages/${p.id}/properties/999999`)).status).toBe(404);
    expect((await h.call('GET', `${v2}/pages/${p.id}/properties/abc`)).status).toBe(400);
  });

  it('DELETE answers 204 and the property is gone', async () => {
    await start();
    const p = await page('Deleted property');
    const prop = (await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 1 })).body as Json;
    expect((await h.call('DELETE', `${v2}/pages/${p.id}/properties/${prop.id}`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/pages/${p.id}/properties/${prop.id}`)).status).toBe(404);
    // The key is free again.
    expect((await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: 2 })).status).toBe(200);
  });

  it('lists in creation order, filters by exact key (case-sensitive), sorts by key and paginates', async () => {
    await start();
    const p = await page('Listing');
    for (const key of ['b', 'a', 'C']) await h.call('POST', `${v2}/pages/${p.id}/properties`, { key, value: key });
    const keys = async (query: string) => (((await h.call('GET', `${v2}/pages/${p.id}/properties${query}`)).body as Json).results as Json[]).map((x) => x.key);
    expect(await keys('')).toEqual(['b', 'a', 'C']);
    expect(await keys('?sort=key')).toEqual(['C', 'a', 'b']);
    expect(await keys('?sort=-key')).toEqual(['b', 'a', 'C']);
    expect(await keys('?key=a')).toEqual(['a']);
    expect(await keys('?key=c')).toEqual([]);
    expect((await h.call('GET', `${v2}/pages/${p.id}/properties?sort=value`)).status).toBe(400);
    const first = await h.call('GET', `${v2}/pages/${p.id}/properties?limit=2`);
    expect(((first.body as Json).results as Json[]).map((x) => x.key)).toEqual(['b', 'a']);
    const second = await h.call('GET', (first.body as Json)._links.next as string);
    expect(((second.body as Json).results as Json[]).map((x) => x.key)).toEqual(['C']);
  });

  it('shows up in GET /pages/{id}?include-properties=true', async () => {
    await start();
    const p = await page('Included');
    await h.call('POST', `${v2}/pages/${p.id}/properties`, { key: 'k', value: true });
    const r = await h.call('GET', `${v2}/pages/${p.id}?include-properties=true`);
    expect((r.body as Json).properties.results).toEqual([expect.objectContaining({ key: 'k', value: true })]);
  });
});

describe('properties of blog posts, folders, comments and custom content', () => {
  it('offer the same CRUD under their own paths, with their own 404s', async () => {
    await start();
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: { representation: 'storage', value: '' } })).body as Json;
    const folder = (await h.call('POST', `${v2}/folders`, { spaceId: h.spaceId, title: 'Folder' })).body as Json;
    const comment = (await h.call('POST', `${v2}/footer-comments`, { pageId: h.homepageId, body: { representation: 'storage', value: '<p>c</p>' } })).body as Json;
    const custom = (await h.call('POST', `${v2}/custom-content`, { type: 'ac:app:thing', spaceId: h.spaceId, title: 'Thing', body: { representation: 'storage', value: '' } })).body as Json;
    for (const [base, missing] of [
      [`${v2}/blogposts/${post.id}/properties`, ['blogposts', 'Could not find blog post with id [999999]']],
      [`${v2}/folders/${folder.id}/properties`, ['folders', 'Could not find folder with id [999999]']],
      [`${v2}/comments/${comment.id}/properties`, ['comments', 'Could not find comment with id [999999]']],
      [`${v2}/custom-content/${custom.id}/properties`, ['custom-content', 'Could not find custom content with id [999999]']],
    ] as const) {
      const created = await h.call('POST', base, { key: 'k', value: 1 });
      expect(created.status).toBe(200);
      const id = (created.body as Json).id as string;
      expect(((await h.call('GET', base)).body as Json).results.map((x: Json) => x.id)).toEqual([id]);
      expect((await h.call('PUT', `${base}/${id}`, { key: 'k', value: 2, version: { number: 2 } })).status).toBe(200);
      expect(((await h.call('GET', `${base}/${id}`)).body as Json).value).toBe(2);
      expect((await h.call('DELETE', `${base}/${id}`)).status).toBe(204);
      const notFound = await h.call('GET', `${v2}/${missing[0]}/999999/properties`);
      expect(notFound.body).toEqual(error(404, 'NOT_FOUND', missing[1]));
    }
    // A blog post's property does not bump its version either.
    expect(((await h.call('GET', `${v2}/blogposts/${post.id}`)).body as Json).version.number).toBe(1);
  });
});

describe('space properties', () => {
  it('POST answers 201 with a location and SpaceProperty; list, update, delete', async () => {
    await start();
    const base = `${v2}/spaces/${h.spaceId}/properties`;
    const r = await h.call('POST', base, { key: 'theme', value: { dark: true } });
    expect(r.status).toBe(201);
    const prop = r.body as Json;
    expect(r.headers.get('location')).toBe(`/wiki/api/v2/spaces/${h.spaceId}/properties/${prop.id}`);
    expect(prop).toMatchObject({ key: 'theme', value: { dark: true }, createdBy: h.emulator.user.accountId, version: { number: 1, createdBy: h.emulator.user.accountId, message: '' } });
    expect(prop.version).not.toHaveProperty('minorEdit');
    expect(typeof prop.createdAt).toBe('string');
    expect(((await h.call('GET', `${base}?key=theme`)).body as Json).results.map((x: Json) => x.id)).toEqual([prop.id]);
    expect((await h.call('POST', base, { key: 'theme', value: 1 })).status).toBe(409);
    const updated = await h.call('PUT', `${base}/${prop.id}`, { key: 'theme', value: { dark: false }, version: { number: 2 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ value: { dark: false }, version: { number: 2 }, createdAt: prop.createdAt });
    expect((await h.call('DELETE', `${base}/${prop.id}`)).status).toBe(204);
    expect(((await h.call('GET', base)).body as Json).results).toEqual([]);
    const missing = await h.call('POST', `${v2}/spaces/999999/properties`, { key: 'k', value: 1 });
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
  });
});
