import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const error = (status: number, code: string, title: string) => ({ errors: [{ status, code, title, detail: null }] });

async function createPost(title: string, extra: Json = {}) {
  return h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, status: 'current', title, body: { representation: 'storage', value: '<p>News</p>' }, ...extra });
}

async function post(title: string, extra: Json = {}): Promise<Json> {
  const r = await createPost(title, extra);
  expect(r.status).toBe(200);
  return r.body as Json;
}

describe('POST /blogposts', () => {
  it('answers 200 with BlogPostSingle: version 1, no page-tree fields, a dated web link', async () => {
    const r = await createPost('Launch');
    expect(r.status).toBe(200);
    const body = r.body as Json;
    expect(body).toMatchObject({ status: 'current', title: 'Launch', spaceId: h.spaceId, version: { number: 1 } });
    expect(body.body.storage.value).toBe('<p>News</p>');
    expect(body).not.toHaveProperty('parentId');
    expect(body).not.toHaveProperty('position');
    expect(body._links.base).toBe(`${h.base}/wiki`);
    expect(body._links.webui).toMatch(new RegExp(`^/spaces/DEMO/blog/\\d{4}/\\d{2}/\\d{2}/${body.id}/Launch$`));
  });

  it('takes createdAt (normalized to the spec format) and refuses one it cannot read', async () => {
    const body = await post('Backdated', { createdAt: '2025-03-04T05:06:07Z' });
    expect(body.createdAt).toBe('2025-03-04T05:06:07.000Z');
    expect(body._links.webui).toContain('/blog/2025/03/04/');
    const bad = await createPost('Bad date', { createdAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(error(400, 'BAD_REQUEST', "Invalid value 'yesterday' for 'createdAt': expected yyyy-MM-ddTHH:mm:ss.SSSZ"));
  });

  it('refuses a duplicate title in the space with 400', async () => {
    await post('Weekly');
    const r = await createPost('weekly');
    expect(r.status).toBe(400);
    expect(r.body).toEqual(
      error(400, 'BAD_REQUEST', 'A blog post with this title already exists: A blog post already exists with the same TITLE in this space on the same day'),
    );
  });

  it('a blog post and a page may share a title', async () => {
    const page = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Shared', body: { representation: 'storage', value: '' } });
    expect(page.status).toBe(200);
    expect((await createPost('Shared')).status).toBe(200);
  });

  it('answers 404 for a missing space and 400 for a status other than current or draft', async () => {
    const missing = await h.call('POST', `${v2}/blogposts`, { spaceId: '999999', title: 'X' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
    const archived = await createPost('Archived', { status: 'archived' });
    expect(archived.status).toBe(400);
    expect(archived.body).toEqual(error(400, 'BAD_REQUEST', "Invalid status 'archived': expected current or draft"));
  });

  it('requires a title unless the post is a draft', async () => {
    const r = await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, body: { representation: 'storage', value: '' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual(error(400, 'BAD_REQUEST', 'Title is required for content that is not a draft.'));
    const draft = await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, status: 'draft' });
    expect(draft.status).toBe(200);
    expect((draft.body as Json).status).toBe('draft');
  });
});

describe('GET /blogposts/{id}', () => {
  it('answers the post, and 404 for a missing id or a page id', async () => {
    const created = await post('Readable');
    const r = await h.call('GET', `${v2}/blogposts/${created.id}?body-format=storage`);
    expect(r.status).toBe(200);
    expect((r.body as Json).body.storage.value).toBe('<p>News</p>');
    const missing = await h.call('GET', `${v2}/blogposts/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a blog post with id [999999]'));
    const page = await h.call('GET', `${v2}/blogposts/${h.homepageId}`);
    expect(page.body).toEqual(error(404, 'NOT_FOUND', `Cannot find a blog post with id [${h.homepageId}]`));
  });
});

describe('PUT /blogposts/{id}', () => {
  it('requires version current+1 (409 otherwise) and saves title and body', async () => {
    const created = await post('Versioned');
    const put = (n: number, title = 'Versioned') =>
      h.call('PUT', `${v2}/blogposts/${created.id}`, { id: created.id, status: 'current', title, body: { representation: 'storage', value: '<p>v2</p>' }, version: { number: n } });
    const stale = await put(1);
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(error(409, 'CONFLICT', 'Version must be incremented when updating a blog post. Current Version: [1]. Provided version: [1]'));
    const good = await put(2, 'Renamed');
    expect(good.status).toBe(200);
    expect((good.body as Json).version.number).toBe(2);
    expect((good.body as Json).title).toBe('Renamed');
    expect((good.body as Json).body.storage.value).toBe('<p>v2</p>');
  });

  it('refuses status archived (blog posts have no archive) and a missing status', async () => {
    const created = await post('No archive');
    const archived = await h.call('PUT', `${v2}/blogposts/${created.id}`, { id: created.id, status: 'archived', title: 'No archive', version: { number: 2 } });
    expect(archived.status).toBe(400);
    expect(archived.body).toEqual(error(400, 'BAD_REQUEST', "Invalid status 'archived': expected current or draft"));
    const none = await h.call('PUT', `${v2}/blogposts/${created.id}`, { id: created.id, title: 'No archive', version: { number: 2 } });
    expect(none.body).toEqual(error(400, 'BAD_REQUEST', "'status' is required"));
  });

  it('can move the publishing date with createdAt', async () => {
    const created = await post('Moved date');
    const r = await h.call('PUT', `${v2}/blogposts/${created.id}`, {
      id: created.id,
      status: 'current',
      title: 'Moved date',
      createdAt: '2024-12-31T23:00:00.000Z',
      body: { representation: 'storage', value: '<p>x</p>' },
      version: { number: 2 },
    });
    expect(r.status).toBe(200);
    expect((r.body as Json).createdAt).toBe('2024-12-31T23:00:00.000Z');
  });
});

describe('DELETE /blogposts/{id}', () => {
  it('trashes (listed only with status=trashed), purges only trashed posts, then answers 404', async () => {
    const created = await post('Doomed');
    expect((await h.call('DELETE', `${v2}/blogposts/${created.id}?purge=true`)).status).toBe(400);
    expect((await h.call('DELETE', `${v2}/blogposts/${created.id}`)).status).toBe(204);
    const trashed = await h.call('GET', `${v2}/blogposts/${created.id}`);
    expect((trashed.body as Json).status).toBe('trashed');
    expect(((await h.call('GET', `${v2}/blogposts`)).body as Json).results).toEqual([]);
    const listed = await h.call('GET', `${v2}/blogposts?status=trashed`);
    expect((listed.body as Json).results.map((r: Json) => r.id)).toEqual([created.id]);
    // The title is free again once the post is in the trash.
    expect((await createPost('Doomed')).status).toBe(200);
    expect((await h.call('DELETE', `${v2}/blogposts/${created.id}?purge=true`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/blogposts/${created.id}`)).status).toBe(404);
  });

  it('deletes a draft for good with draft=true', async () => {
    const draft = await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, status: 'draft', title: 'Draft' });
    const id = (draft.body as Json).id as string;
    expect((await h.call('DELETE', `${v2}/blogposts/${id}?draft=true`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/blogposts/${id}?get-draft=true`)).status).toBe(404);
  });
});

describe('GET /blogposts and /spaces/{id}/blogposts', () => {
  it('lists current posts by id, filters by id, space-id and title, sorts, and paginates with cursors', async () => {
    const a = await post('Alpha');
    const b = await post('Beta');
    const c = await post('Gamma');
    const all = await h.call('GET', `${v2}/blogposts`);
    expect((all.body as Json).results.map((r: Json) => r.id)).toEqual([a.id, b.id, c.id]);
    expect((all.body as Json).results[0]).not.toHaveProperty('body.storage');
    const desc = await h.call('GET', `${v2}/blogposts?sort=-id`);
    expect((desc.body as Json).results.map((r: Json) => r.id)).toEqual([c.id, b.id, a.id]);
    const byId = await h.call('GET', `${v2}/blogposts?id=${a.id},${c.id}`);
    expect((byId.body as Json).results.map((r: Json) => r.id)).toEqual([a.id, c.id]);
    const byTitle = await h.call('GET', `${v2}/blogposts?title=beta&body-format=storage`);
    expect((byTitle.body as Json).results.map((r: Json) => r.id)).toEqual([b.id]);
    expect((byTitle.body as Json).results[0].body.storage.value).toBe('<p>News</p>');
    expect(((await h.call('GET', `${v2}/blogposts?space-id=999999`)).body as Json).results).toEqual([]);

    const first = await h.call('GET', `${v2}/blogposts?limit=2`);
    const next = (first.body as Json)._links.next as string;
    expect(next).toMatch(/^\/wiki\/api\/v2\/blogposts\?limit=2&cursor=/);
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = await h.call('GET', next);
    expect((second.body as Json).results.map((r: Json) => r.id)).toEqual([c.id]);
    expect((second.body as Json)._links.next).toBeUndefined();
  });

  it('lists a space’s posts, 404 for a missing space, 400 for a status blog posts cannot have', async () => {
    const a = await post('One');
    const r = await h.call('GET', `${v2}/spaces/${h.spaceId}/blogposts?sort=-created-date`);
    expect(r.status).toBe(200);
    expect((r.body as Json).results.map((x: Json) => x.id)).toEqual([a.id]);
    const missing = await h.call('GET', `${v2}/spaces/999999/blogposts`);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
    const bad = await h.call('GET', `${v2}/spaces/${h.spaceId}/blogposts?status=archived`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(
      error(400, 'BAD_REQUEST', "Provided value {archived} for 'status' is not the correct type. Expected one of [current, deleted, trashed]"),
    );
  });
});

describe('blog post versions', () => {
  it('lists versions newest first and answers one version in detail', async () => {
    const created = await post('History');
    for (const n of [2, 3]) {
      const r = await h.call('PUT', `${v2}/blogposts/${created.id}`, { id: created.id, status: 'current', title: 'History', body: { representation: 'storage', value: `<p>${n}</p>` }, version: { number: n, message: `v${n}` } });
      expect(r.status).toBe(200);
    }
    const list = await h.call('GET', `${v2}/blogposts/${created.id}/versions?body-format=storage`);
    expect((list.body as Json).results.map((v: Json) => v.number)).toEqual([3, 2, 1]);
    expect((list.body as Json).results[0].message).toBe('v3');
    const detail = await h.call('GET', `${v2}/blogposts/${created.id}/versions/2`);
    expect(detail.body).toMatchObject({ number: 2, message: 'v2', prevVersion: 1, nextVersion: 3 });
    expect((await h.call('GET', `${v2}/blogposts/${created.id}/versions/9`)).status).toBe(404);
  });
});
