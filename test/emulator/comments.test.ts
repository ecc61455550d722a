import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachment } from '../../src/emulator/attachments-store.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const error = (status: number, code: string, title: string) => ({ errors: [{ status, code, title, detail: null }] });
const storage = (value: string) => ({ representation: 'storage', value });

async function page(title: string, value = '<p>The quick brown fox jumps over the lazy fox.</p>'): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: storage(value) });
  expect(r.status).toBe(200);
  return r.body as Json;
}

async function footer(body: Json): Promise<Json> {
  const r = await h.call('POST', `${v2}/footer-comments`, { body: storage('<p>Nice</p>'), ...body });
  expect(r.status).toBe(201);
  return r.body as Json;
}

const ids = (r: { body: unknown }) => ((r.body as Json).results as Json[]).map((x) => x.id as string);

describe('POST /footer-comments', () => {
  it('answers 201 with a location header and FooterCommentModel', async () => {
    const p = await page('Commented');
    const r = await h.call('POST', `${v2}/footer-comments`, { pageId: p.id, body: storage('<p>First<br/>comment</p>') });
    expect(r.status).toBe(201);
    const c = r.body as Json;
    expect(r.headers.get('location')).toBe(`/wiki/api/v2/footer-comments/${c.id}`);
    expect(c).toMatchObject({ status: 'current', title: 'Re: Commented', pageId: p.id, version: { number: 1, minorEdit: false }, _links: { base: `${h.base}/wiki` } });
    expect(c).not.toHaveProperty('parentCommentId');
    // The body is saved like a page body: validated and rewritten.
    expect(c.body.storage.value).toBe('<p>First<br />comment</p>');
    expect(c._links.webui).toBe(`/spaces/DEMO/pages/${p.id}/Commented?focusedCommentId=${c.id}`);
  });

  it('replies with parentCommentId (same container); blog posts and custom content take comments too', async () => {
    const p = await page('Thread');
    const root = await footer({ pageId: p.id });
    const reply = await footer({ parentCommentId: root.id });
    expect(reply).toMatchObject({ pageId: p.id, parentCommentId: root.id, title: 'Re: Thread' });
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage('') })).body as Json;
    expect(await footer({ blogPostId: post.id })).toMatchObject({ blogPostId: post.id, title: 'Re: Post' });
    const custom = (await h.call('POST', `${v2}/custom-content`, { type: 'ac:app:x', spaceId: h.spaceId, title: 'Thing', body: storage('') })).body as Json;
    expect(await footer({ customContentId: custom.id })).toMatchObject({ customContentId: custom.id });
    expect(ids(await h.call('GET', `${v2}/custom-content/${custom.id}/footer-comments`))).toHaveLength(1);
  });

  it('needs exactly one place, an existing container, and a non-empty, well-formed body', async () => {
    const p = await page('Strict');
    const post = (body: Json) => h.call('POST', `${v2}/footer-comments`, body);
    const places = 'parentCommentId, pageId, blogPostId, attachmentId, customContentId';
    expect((await post({ body: storage('<p>x</p>') })).body).toEqual(error(400, 'BAD_REQUEST', `One of ${places} is required`));
    expect((await post({ pageId: p.id, blogPostId: p.id, body: storage('<p>x</p>') })).body).toEqual(error(400, 'BAD_REQUEST', `Only one of ${places} may be given`));
    const missing = await post({ pageId: '999999', body: storage('<p>x</p>') });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a page with id [999999]'));
    expect((await post({ blogPostId: p.id, body: storage('<p>x</p>') })).body).toEqual(error(404, 'NOT_FOUND', `Cannot find a blog post with id [${p.id}]`));
    expect((await post({ attachmentId: 'att999999', body: storage('<p>x</p>') })).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find an attachment with id [att999999]'));
    expect((await post({ parentCommentId: '999999', body: storage('<p>x</p>') })).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a comment with id [999999]'));
    expect((await post({ pageId: p.id })).body).toEqual(error(400, 'BAD_REQUEST', "'body' is required"));
    expect((await post({ pageId: p.id, body: storage('  ') })).body).toEqual(error(400, 'BAD_REQUEST', 'A comment body cannot be empty.'));
    const malformed = await post({ pageId: p.id, body: storage('<p>a</b>') });
    expect(malformed.status).toBe(400);
    expect((malformed.body as Json).errors[0].title).toMatch(/^Error parsing xhtml: /);
    // A trashed page takes no new comments.
    await h.call('DELETE', `${v2}/pages/${p.id}`);
    expect((await post({ pageId: p.id, body: storage('<p>x</p>') })).status).toBe(404);
  });
});

describe('footer comments on attachments', () => {
  it('take attachmentId (shown with att) and are listed under /attachments/{id}/footer-comments', async () => {
    const p = await page('With file');
    const site = h.emulator.defaultSite;
    const container = site.content.get(p.id as string);
    if (!container || container.kind !== 'page') throw new Error('page expected');
    const file = createAttachment(site, h.emulator.user, container, { filename: 'a.txt', data: Buffer.from('a'), declaredType: 'text/plain', comment: '', minorEdit: false });
    const c = await footer({ attachmentId: `att${file.id}` });
    expect(c).toMatchObject({ attachmentId: `att${file.id}`, title: 'Re: a.txt' });
    expect(ids(await h.call('GET', `${v2}/attachments/att${file.id}/footer-comments`))).toEqual([c.id]);
    const missing = await h.call('GET', `${v2}/attachments/att999999/footer-comments`);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find an attachment with id [att999999]'));
  });
});

describe('reading footer comments', () => {
  it('GET by id (body-format, version), 404 for a missing id or an inline comment id', async () => {
    const p = await page('Readable');
    const c = await footer({ pageId: p.id });
    const r = await h.call('GET', `${v2}/footer-comments/${c.id}?body-format=storage`);
    expect(r.status).toBe(200);
    expect((r.body as Json).body.storage.value).toBe('<p>Nice</p>');
    expect((await h.call('GET', `${v2}/footer-comments/${c.id}`)).body).toMatchObject({ body: {} });
    const missing = await h.call('GET', `${v2}/footer-comments/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a comment with id [999999]'));
    const inline = (await h.call('POST', `${v2}/inline-comments`, { pageId: p.id, body: storage('<p>i</p>'), inlineCommentProperties: { textSelection: 'quick' } })).body as Json;
    expect((await h.call('GET', `${v2}/footer-comments/${inline.id}`)).status).toBe(404);
    expect((await h.call('GET', `${v2}/footer-comments/${c.id}?version=2`)).body).toEqual(error(404, 'NOT_FOUND', `Cannot find version 2 of comment with id [${c.id}]`));
  });

  it('page lists hold root comments only; children lists hold replies; the global list holds all', async () => {
    const p = await page('Lists');
    const a = await footer({ pageId: p.id });
    const b = await footer({ pageId: p.id });
    const reply = await footer({ parentCommentId: a.id });
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/footer-comments`))).toEqual([a.id, b.id]);
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/footer-comments?sort=-created-date`))).toEqual([b.id, a.id]);
    const children = await h.call('GET', `${v2}/footer-comments/${a.id}/children?body-format=storage`);
    expect(ids(children)).toEqual([reply.id]);
    expect((children.body as Json).results[0]).toMatchObject({ parentCommentId: a.id, body: { storage: { value: '<p>Nice</p>' } } });
    expect(ids(await h.call('GET', `${v2}/footer-comments`))).toEqual([a.id, b.id, reply.id]);
    const first = await h.call('GET', `${v2}/footer-comments?limit=2`);
    expect(ids(first)).toEqual([a.id, b.id]);
    expect(ids(await h.call('GET', (first.body as Json)._links.next as string))).toEqual([reply.id]);
    expect((await h.call('GET', `${v2}/pages/999999/footer-comments`)).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a page with id [999999]'));
    expect((await h.call('GET', `${v2}/pages/${p.id}/footer-comments?sort=title`)).status).toBe(400);
  });

  it('blog posts list their footer comments', async () => {
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage('') })).body as Json;
    const c = await footer({ blogPostId: post.id });
    expect(ids(await h.call('GET', `${v2}/blogposts/${post.id}/footer-comments`))).toEqual([c.id]);
  });
});

describe('PUT and DELETE /footer-comments/{id}', () => {
  it('PUT needs version current+1 (409 otherwise); versions are listed and detailed', async () => {
    const p = await page('Edited');
    const c = await footer({ pageId: p.id });
    const put = (n: number, value = '<p>Edited</p>') => h.call('PUT', `${v2}/footer-comments/${c.id}`, { version: { number: n, message: 'fix' }, body: storage(value) });
    const stale = await put(1);
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(error(409, 'CONFLICT', 'Version must be incremented when updating a comment. Current Version: [1]. Provided version: [1]'));
    const good = await put(2);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ version: { number: 2, message: 'fix' }, body: { storage: { value: '<p>Edited</p>' } } });
    expect((await h.call('PUT', `${v2}/footer-comments/${c.id}`, { body: storage('<p>x</p>') })).body).toEqual(error(400, 'BAD_REQUEST', "'version.number' is required"));
    expect((await h.call('PUT', `${v2}/footer-comments/${c.id}`, { version: { number: 3 } })).body).toEqual(error(400, 'BAD_REQUEST', "'body' is required"));
    expect((await h.call('PUT', `${v2}/footer-comments/${c.id}`, { version: { number: 3 }, body: storage('<p>x</p>'), resolved: true })).body).toEqual(
      error(400, 'BAD_REQUEST', "'resolved' applies to inline comments only"),
    );

    const versions = await h.call('GET', `${v2}/footer-comments/${c.id}/versions?body-format=storage`);
    expect(((versions.body as Json).results as Json[]).map((v) => [v.number, v.comment.body.storage.value])).toEqual([
      [2, '<p>Edited</p>'],
      [1, '<p>Nice</p>'],
    ]);
    expect((await h.call('GET', `${v2}/footer-comments/${c.id}/versions/2`)).body).toEqual({
      number: 2,
      authorId: h.emulator.user.accountId,
      message: 'fix',
      createdAt: expect.any(String),
      minorEdit: false,
      contentTypeModified: false,
      collaborators: [h.emulator.user.accountId],
      prevVersion: 1,
    });
    expect(((await h.call('GET', `${v2}/footer-comments/${c.id}?version=1&body-format=storage`)).body as Json).body.storage.value).toBe('<p>Nice</p>');
    expect((await h.call('GET', `${v2}/footer-comments/${c.id}/versions/5`)).status).toBe(404);
  });

  it('DELETE is permanent (204) and takes the replies with it', async () => {
    const p = await page('Deleted');
    const c = await footer({ pageId: p.id });
    const reply = await footer({ parentCommentId: c.id });
    expect((await h.call('DELETE', `${v2}/footer-comments/${c.id}`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/footer-comments/${c.id}`)).status).toBe(404);
    expect((await h.call('GET', `${v2}/footer-comments/${reply.id}`)).status).toBe(404);
    expect((await h.call('DELETE', `${v2}/footer-comments/${c.id}`)).status).toBe(404);
  });

  it('GET with include-versions, include-operations, include-likes and include-version=false', async () => {
    const p = await page('Includes');
    const c = await footer({ pageId: p.id });
    const r = await h.call('GET', `${v2}/footer-comments/${c.id}?include-versions=true&include-operations=true&include-likes=true&include-version=false`);
    const body = r.body as Json;
    expect(body.versions.results.map((v: Json) => v.number)).toEqual([1]);
    expect(body.operations.results.map((o: Json) => o.operation)).toEqual(['read', 'update', 'delete']);
    expect(body.likes.results).toEqual([]);
    expect(body).not.toHaveProperty('version');
  });
});

describe('inline comments', () => {
  async function inline(pageId: string, textSelection = 'quick', extra: Json = {}) {
    return h.call('POST', `${v2}/inline-comments`, { pageId, body: storage('<p>Here</p>'), inlineCommentProperties: { textSelection, ...extra } });
  }

  it('POST answers 201 with the selection and resolutionStatus open', async () => {
    const p = await page('Inline');
    const r = await inline(p.id);
    expect(r.status).toBe(201);
    const c = r.body as Json;
    expect(r.headers.get('location')).toBe(`/wiki/api/v2/inline-comments/${c.id}`);
    expect(c).toMatchObject({ pageId: p.id, resolutionStatus: 'open', properties: { inlineOriginalSelection: 'quick' } });
    expect(c.properties.inlineMarkerRef).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await h.call('GET', `${v2}/pages/${p.id}/inline-comments`);
    expect(ids(listed)).toEqual([c.id]);
    expect(ids(await h.call('GET', `${v2}/inline-comments`))).toEqual([c.id]);
    // Inline comments are not footer comments.
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/footer-comments`))).toEqual([]);
  });

  it('needs a selection that occurs in the page text (enough times for the match index)', async () => {
    const p = await page('Selections');
    const none = await h.call('POST', `${v2}/inline-comments`, { pageId: p.id, body: storage('<p>x</p>') });
    expect(none.status).toBe(400);
    expect(none.body).toEqual(error(400, 'BAD_REQUEST', "'inlineCommentProperties.textSelection' is required for an inline comment"));
    expect((await inline(p.id, 'absent')).body).toEqual(error(400, 'BAD_REQUEST', "The text selection 'absent' was not found in the content (match index 0)."));
    expect((await inline(p.id, 'fox', { textSelectionMatchIndex: 1, textSelectionMatchCount: 2 })).status).toBe(201);
    expect((await inline(p.id, 'fox', { textSelectionMatchIndex: 2 })).status).toBe(400);
    expect((await h.call('POST', `${v2}/inline-comments`, { attachmentId: 'att1', body: storage('<p>x</p>') })).body).toEqual(
      error(400, 'BAD_REQUEST', "'attachmentId' is not supported for inline comments"),
    );
  });

  it('resolves and reopens with PUT resolved; a reply cannot be resolved; resolution-status filters', async () => {
    const p = await page('Resolution');
    const c = (await inline(p.id)).body as Json;
    const other = (await inline(p.id, 'lazy')).body as Json;
    const resolved = await h.call('PUT', `${v2}/inline-comments/${c.id}`, { resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolutionStatus: 'resolved', resolutionLastModifierId: h.emulator.user.accountId, version: { number: 1 } });
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/inline-comments?resolution-status=resolved`))).toEqual([c.id]);
    expect(ids(await h.call('GET', `${v2}/pages/${p.id}/inline-comments?resolution-status=open`))).toEqual([other.id]);
    const reopened = await h.call('PUT', `${v2}/inline-comments/${c.id}`, { resolved: false, version: { number: 2 }, body: storage('<p>Again</p>') });
    expect(reopened.body).toMatchObject({ resolutionStatus: 'reopened', version: { number: 2 } });
    const reply = await h.call('POST', `${v2}/inline-comments`, { parentCommentId: c.id, body: storage('<p>Reply</p>') });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ parentCommentId: c.id, pageId: p.id });
    expect(ids(await h.call('GET', `${v2}/inline-comments/${c.id}/children`))).toEqual([(reply.body as Json).id]);
    const bad = await h.call('PUT', `${v2}/inline-comments/${(reply.body as Json).id}`, { resolved: true });
    expect(bad.body).toEqual(error(400, 'BAD_REQUEST', 'A reply cannot be resolved; resolve the comment it answers.'));
    expect((await h.call('PUT', `${v2}/inline-comments/${c.id}`, { resolved: 'yes' })).body).toEqual(error(400, 'BAD_REQUEST', "'resolved' must be true or false"));
    expect((await h.call('GET', `${v2}/pages/${p.id}/inline-comments?resolution-status=closed`)).status).toBe(400);
  });

  it('blog posts list their inline comments; DELETE removes one', async () => {
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage('<p>Blog words here</p>') })).body as Json;
    const c = await h.call('POST', `${v2}/inline-comments`, { blogPostId: post.id, body: storage('<p>x</p>'), inlineCommentProperties: { textSelection: 'words' } });
    expect(c.status).toBe(201);
    expect(ids(await h.call('GET', `${v2}/blogposts/${post.id}/inline-comments`))).toEqual([(c.body as Json).id]);
    expect((await h.call('DELETE', `${v2}/inline-comments/${(c.body as Json).id}`)).status).toBe(204);
    expect(ids(await h.call('GET', `${v2}/blogposts/${post.id}/inline-comments`))).toEqual([]);
  });
});
