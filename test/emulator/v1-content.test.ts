import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FolderRecord } from '../../src/emulator/model.js';
import { basicAuth, startHarness, type Harness } from './harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const v1 = '/wiki/rest/api';
const v2 = '/wiki/api/v2';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const badAuth = { authorization: `Basic ${Buffer.from('writer@example.com:wrong-token').toString('base64')}` };

const v1Error = (statusCode: number, message: string, reason: string, authorized = true) => ({
  statusCode,
  data: { authorized, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
  message,
  reason,
});

async function createPage(title: string, parentId?: string): Promise<string> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, ...(parentId ? { parentId } : {}), body: { representation: 'storage', value: '<p>x</p>' } });
  expect(r.status).toBe(200);
  return (r.body as Json).id as string;
}

const childTitles = async (parentId: string) =>
  (((await h.call('GET', `${v1}/content/${parentId}/child/page?limit=100`)).body as Json).results as Json[]).map((r) => r.title as string);

const page = async (id: string) => (await h.call('GET', `${v2}/pages/${id}`)).body as Json;

describe('GET /user/current', () => {
  it('answers the caller as a v1 User', async () => {
    const r = await h.call('GET', `${v1}/user/current`);
    expect(r.status).toBe(200);
    const user = h.emulator.user;
    expect(r.body).toEqual({
      type: 'known',
      accountId: user.accountId,
      accountType: 'atlassian',
      email: user.email,
      publicName: user.displayName,
      profilePicture: { path: '/wiki/aa-avatar/default.png', width: 48, height: 48, isDefault: true },
      displayName: user.displayName,
      isExternalCollaborator: false,
      isGuest: false,
      _expandable: { operations: '', personalSpace: '' },
      _links: { self: `${h.base}/wiki/rest/api/user?accountId=${encodeURIComponent(user.accountId)}`, base: `${h.base}/wiki`, context: '/wiki' },
    });
  });

  it('answers 403 "caller cannot access Confluence" for bad credentials; other v1 routes name the user', async () => {
    const r = await h.call('GET', `${v1}/user/current`, undefined, badAuth);
    expect(r.status).toBe(403);
    expect(r.body).toEqual(v1Error(403, 'caller cannot access Confluence', 'Forbidden', false));
    const other = await h.call('GET', `${v1}/content/${h.homepageId}/child/page`, undefined, { authorization: '' });
    expect(other.status).toBe(403);
    expect((other.body as Json).message).toBe('Current user not permitted to use Confluence');
  });
});

describe('GET /content/{id}/child/page', () => {
  it('lists child pages in position order with offset pagination (default limit 25), hiding trashed ones', async () => {
    const parent = await createPage('Parent');
    const ids = [];
    for (const title of ['C1', 'C2', 'C3']) ids.push(await createPage(title, parent));
    await h.call('DELETE', `${v2}/pages/${ids[1]!}`);
    const r = await h.call('GET', `${v1}/content/${parent}/child/page`);
    expect(r.status).toBe(200);
    const body = r.body as Json;
    expect(body).toMatchObject({ start: 0, limit: 25, size: 2 });
    expect(body.results.map((p: Json) => [p.title, p.type, p.status])).toEqual([
      ['C1', 'page', 'current'],
      ['C3', 'page', 'current'],
    ]);
    expect(body.results[0]._links.webui).toBe(`/spaces/DEMO/pages/${ids[0]!}/C1`);
    const first = (await h.call('GET', `${v1}/content/${parent}/child/page?limit=1`)).body as Json;
    expect(first._links.next).toBe(`/rest/api/content/${parent}/child/page?next=true&limit=1&start=1`);
    const second = (await h.call('GET', `/wiki${first._links.next as string}`)).body as Json;
    expect(second.results.map((p: Json) => p.title)).toEqual(['C3']);
    expect(second._links.next).toBeUndefined();
  });

  it('lists the pages inside a folder, and answers 404 for missing or trashed content', async () => {
    const site = h.emulator.defaultSite;
    const folder: FolderRecord = {
      kind: 'folder',
      id: site.nextId(),
      spaceId: h.spaceId,
      status: 'current',
      statusBeforeTrash: null,
      title: 'Folder',
      parentId: h.homepageId,
      position: 5,
      authorId: h.emulator.user.accountId,
      ownerId: h.emulator.user.accountId,
      createdAt: site.now(),
      properties: new Map(),
    };
    site.content.set(folder.id, folder);
    await createPage('In folder', folder.id);
    expect(await childTitles(folder.id)).toEqual(['In folder']);
    const missing = await fetch(`${h.base}${v1}/content/999999/child/page`, { headers: { authorization: basicAuth } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual(v1Error(404, 'No content found with id: ContentId{id=999999}', 'Not Found'));
  });
});

describe('PUT /content/{pageId}/move/{position}/{targetId}', () => {
  it('append makes the page the last child of the target; before/after place it next to the target', async () => {
    const a = await createPage('A');
    const b = await createPage('B');
    const c = await createPage('C');
    const x = await createPage('X', a);
    const r = await h.call('PUT', `${v1}/content/${c}/move/append/${a}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ pageId: c });
    expect(await childTitles(a)).toEqual(['X', 'C']);
    expect((await page(c)).parentId).toBe(a);
    expect((await h.call('PUT', `${v1}/content/${b}/move/before/${x}`)).status).toBe(200);
    expect(await childTitles(a)).toEqual(['B', 'X', 'C']);
    expect((await h.call('PUT', `${v1}/content/${b}/move/after/${c}`)).status).toBe(200);
    expect(await childTitles(a)).toEqual(['X', 'C', 'B']);
    // Positions are renumbered in order, as v2 shows them.
    const positions = await Promise.all([x, c, b].map(async (id) => (await page(id)).position as number));
    expect(positions).toEqual([0, 1, 2]);
    // Back to the homepage level, before A.
    expect((await h.call('PUT', `${v1}/content/${b}/move/before/${a}`)).status).toBe(200);
    expect(await childTitles(h.homepageId)).toEqual(['B', 'A']);
  });

  it('does not bump the page version (moveBumpsVersion: true saves one)', async () => {
    const a = await createPage('A');
    const b = await createPage('B');
    await h.call('PUT', `${v1}/content/${b}/move/append/${a}`);
    expect((await page(b)).version.number).toBe(1);
    await h.close();
    h = await startHarness({ fidelity: { moveBumpsVersion: true } });
    const a2 = await createPage('A');
    const b2 = await createPage('B');
    await h.call('PUT', `${v1}/content/${b2}/move/append/${a2}`);
    expect((await page(b2)).version.number).toBe(2);
    // Reordering under the same parent is not a move to a new parent.
    const c2 = await createPage('C', a2);
    await h.call('PUT', `${v1}/content/${c2}/move/before/${b2}`);
    expect((await page(c2)).version.number).toBe(1);
  });

  it('refuses a loop, a move relative to itself and an unknown position with 400, unknown pages with 404', async () => {
    const a = await createPage('A');
    const child = await createPage('Child', a);
    const loop = await h.call('PUT', `${v1}/content/${a}/move/append/${child}`);
    expect(loop.status).toBe(400);
    expect(loop.body).toEqual(
      v1Error(
        400,
        'com.atlassian.confluence.api.service.exceptions.api.BadRequestException: The move would create a parent-child loop: a page cannot be moved under itself or one of its descendants.',
        'Bad Request',
      ),
    );
    expect((await h.call('PUT', `${v1}/content/${a}/move/after/${a}`)).status).toBe(400);
    const position = await h.call('PUT', `${v1}/content/${a}/move/inside/${child}`);
    expect(position.status).toBe(400);
    expect((position.body as Json).message).toBe("com.atlassian.confluence.api.service.exceptions.api.BadRequestException: Invalid position 'inside': expected before, after or append");
    const missing = await h.call('PUT', `${v1}/content/${a}/move/append/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(v1Error(404, 'No content found with id: ContentId{id=999999}', 'Not Found'));
    expect((await h.call('PUT', `${v1}/content/999998/move/append/${a}`)).status).toBe(404);
  });
});

describe('POST /content/archive', () => {
  it('archives pages (202 LongTask): status archived, parent kept, title still reserved; the task reports done', async () => {
    const parent = await createPage('Parent');
    const child = await createPage('Old news', parent);
    const r = await h.call('POST', `${v1}/content/archive`, { pages: [{ id: Number(child) }] });
    expect(r.status).toBe(202);
    const task = r.body as Json;
    expect(task).toEqual({ id: expect.stringMatching(/^\d+$/), links: { status: `/rest/api/longtask/${task.id as string}` } });
    const archived = await page(child);
    expect(archived.status).toBe('archived');
    expect(archived.parentId).toBe(parent);
    const duplicate = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Old news', body: { representation: 'storage', value: '' } });
    expect(duplicate.status).toBe(400);
    const status = await h.call('GET', `/wiki${task.links.status as string}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: task.id, finished: true, successful: true, percentageComplete: 100, messages: [] });
    expect((await h.call('GET', `${v1}/longtask/424242`)).status).toBe(404);
  });

  it('refuses already archived pages, ids that are not pages, an empty list and more than 300 pages, archiving none', async () => {
    const a = await createPage('A');
    const b = await createPage('B');
    await h.call('POST', `${v1}/content/archive`, { pages: [{ id: a }] });
    const again = await h.call('POST', `${v1}/content/archive`, { pages: [{ id: b }, { id: a }] });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(v1Error(400, `com.atlassian.confluence.api.service.exceptions.api.BadRequestException: Page ${a} is already archived.`, 'Bad Request'));
    expect((await page(b)).status).toBe('current');
    const notPage = await h.call('POST', `${v1}/content/archive`, { pages: [{ id: 999999 }] });
    expect((notPage.body as Json).message).toBe('com.atlassian.confluence.api.service.exceptions.api.BadRequestException: Content 999999 does not resolve to a page.');
    expect((await h.call('POST', `${v1}/content/archive`, { pages: [] })).status).toBe(400);
    const tooMany = await h.call('POST', `${v1}/content/archive`, { pages: Array.from({ length: 301 }, () => ({ id: b })) });
    expect((tooMany.body as Json).message).toBe(
      'com.atlassian.confluence.api.service.exceptions.api.BadRequestException: The number of pages to archive (301) is larger than the limit of 300.',
    );
  });
});

describe('removed v1 content endpoints', () => {
  it('answer 410 GoneException with deprecation headers', async () => {
    for (const [method, path] of [
      ['GET', '/content'],
      ['POST', '/content'],
      ['GET', `/content/${h.homepageId}`],
      ['PUT', `/content/${h.homepageId}`],
      ['DELETE', `/content/${h.homepageId}`],
    ] as const) {
      const r = await h.call(method, `${v1}${path}`, method === 'GET' || method === 'DELETE' ? undefined : { title: 'x' });
      expect(r.status, `${method} ${path}`).toBe(410);
      expect(r.body).toEqual(v1Error(410, 'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.', 'Gone'));
      expect(r.headers.get('deprecation')).toBe('Mon, 31 Mar 2025 00:00:00 GMT');
      expect(r.headers.get('link')).toBe('<https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864>; rel="deprecation"');
    }
    // The page is untouched by the refused DELETE.
    expect((await page(h.homepageId)).status).toBe('current');
  });
});
