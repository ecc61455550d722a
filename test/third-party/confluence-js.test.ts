/**
 * A real third-party client against the emulator: confluence.js 2.1.0 (npm), configured as its
 * README says (`host` + basic `email`/`apiToken`, or `oauth2.accessToken`), pointed at the
 * emulator's URL. This is independent evidence that the emulator speaks Confluence: the requests,
 * headers, multipart bodies and the parsing of answers and errors are confluence.js's, not ours.
 *
 * confluence.js 2.1.0 has API groups for v1 only. Its page CRUD (`client.content.*`) calls the v1
 * content endpoints that Confluence Cloud removed (CHANGE-864, notes §2): against Cloud they answer
 * 410 Gone, so that is asserted below. For pages, the v2 API is used through confluence.js's own
 * extension pattern (README "Tree Shaking": a `BaseClient` subclass with API-group classes that
 * call `sendRequest`), with its documented `apiPrefix` option set to the v2 base.
 */
import { BaseClient, ConfluenceClient, type Client, type Config } from 'confluence.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLOUD_ID } from '../../src/emulator/server.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const basic = { basic: { email: testCredentials.apiTokens[0].email, apiToken: testCredentials.apiTokens[0].token } };
const storage = (value: string) => ({ representation: 'storage', value });

/** A v2 API group in confluence.js's style (cf. its `api/*.ts`): one method per operation. */
class PagesV2 {
  constructor(private readonly client: Client) {}
  createPage(data: Json, rootLevel?: boolean) {
    return this.client.sendRequest<Json>({ url: '/pages', method: 'POST', params: { 'root-level': rootLevel }, data });
  }
  getPageById(id: string, params: Json = {}) {
    return this.client.sendRequest<Json>({ url: `/pages/${id}`, method: 'GET', params });
  }
  updatePage(id: string, data: Json) {
    return this.client.sendRequest<Json>({ url: `/pages/${id}`, method: 'PUT', data });
  }
  deletePage(id: string, params: Json = {}) {
    return this.client.sendRequest<string>({ url: `/pages/${id}`, method: 'DELETE', params });
  }
  /** `url` is either `/pages` or a `_links.next` (which starts with `/wiki/api/v2`, notes §3). */
  getPages(url: string, params: Json = {}) {
    return this.client.sendRequest<Json>({ url: url.replace(/^\/wiki\/api\/v2/, ''), method: 'GET', params });
  }
  getSpaces(params: Json = {}) {
    return this.client.sendRequest<Json>({ url: '/spaces', method: 'GET', params });
  }
  getPageAttachments(id: string) {
    return this.client.sendRequest<Json>({ url: `/pages/${id}/attachments`, method: 'GET' });
  }
}

class V2Client extends BaseClient {
  readonly v2 = new PagesV2(this);
}

let h: Harness;
let v1: ConfluenceClient;
let api: PagesV2;

beforeEach(async () => {
  h = await startHarness();
  v1 = new ConfluenceClient({ host: h.base, authentication: basic });
  api = new V2Client({ host: h.base, apiPrefix: '/wiki/api/v2', authentication: basic }).v2;
});
afterEach(() => h.close());

/** The error confluence.js rejects with: for an HTTP error, the response body. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('confluence.js: pages through the v2 API', () => {
  it('creates, reads, updates, lists and deletes pages', async () => {
    // Create: 200 with PageSingle; the space homepage is the parent.
    const page = await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'From confluence.js', body: storage('<p>Hello<br/>world</p>') });
    expect(page).toMatchObject({ title: 'From confluence.js', spaceId: h.spaceId, parentId: h.homepageId, status: 'current', version: { number: 1 } });

    // Read, with the body as stored (Confluence rewrote `<br/>` on save).
    const read = await api.getPageById(page.id, { 'body-format': 'storage' });
    expect(read.body.storage).toEqual({ representation: 'storage', value: '<p>Hello<br />world</p>' });

    // Update: version current+1; a stale number is Confluence's 409.
    const updated = await api.updatePage(page.id, { id: page.id, status: 'current', title: 'Renamed by confluence.js', body: storage('<p>v2</p>'), version: { number: 2, message: 'edit' } });
    expect(updated).toMatchObject({ title: 'Renamed by confluence.js', version: { number: 2, message: 'edit' } });
    expect(await rejection(api.updatePage(page.id, { id: page.id, status: 'current', title: 'Stale', body: storage('<p>x</p>'), version: { number: 2 } }))).toEqual({
      errors: [{ status: 409, code: 'CONFLICT', title: 'Version must be incremented when updating a page. Current Version: [2]. Provided version: [2]', detail: null }],
    });

    // List with cursor pagination, following _links.next to the end.
    for (const title of ['Second', 'Third', 'Fourth']) await api.createPage({ spaceId: h.spaceId, status: 'current', title, body: storage('<p>x</p>') });
    const titles: string[] = [];
    let next: string | undefined = '/pages';
    let params: Json = { 'space-id': h.spaceId, limit: 2, sort: 'title' };
    while (next) {
      const list: Json = await api.getPages(next, params);
      titles.push(...list.results.map((p: Json) => p.title as string));
      next = list._links.next as string | undefined;
      params = {};
    }
    expect(titles).toEqual(['Demo Home', 'Fourth', 'Renamed by confluence.js', 'Second', 'Third']);

    // Delete: to the trash (still readable, status trashed), then purge; then a bare 404.
    expect(await api.deletePage(page.id)).toBe('');
    expect(await api.getPageById(page.id)).toMatchObject({ status: 'trashed', parentId: null });
    await api.deletePage(page.id, { purge: true });
    expect(await rejection(api.getPageById(page.id))).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
  });

  it('refuses a duplicate title with the Confluence 400', async () => {
    await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'Unique', body: storage('<p>a</p>') });
    expect(await rejection(api.createPage({ spaceId: h.spaceId, status: 'current', title: 'Unique', body: storage('<p>b</p>') }))).toEqual({
      errors: [{ status: 400, code: 'BAD_REQUEST', title: 'A page with this title already exists: A page already exists with the same TITLE in this space', detail: null }],
    });
  });

  it('works through api.atlassian.com with an OAuth access token (confluence.js oauth2 authentication)', async () => {
    const gateway = new V2Client({
      host: `${h.base}/ex/confluence/${DEFAULT_CLOUD_ID}`,
      apiPrefix: '/wiki/api/v2',
      authentication: { oauth2: { accessToken: testCredentials.accessTokens[0] } },
    }).v2;
    const spaces = await gateway.getSpaces({ keys: 'DEMO' });
    expect(spaces.results.map((s: Json) => s.key)).toEqual(['DEMO']);
    // `_links.base` names the site, even through the gateway (notes §3).
    expect(spaces._links.base).toBe(`${h.base}/wiki`);
  });

  it('gets the bare 404 of v2 and the 403 of v1 with a wrong API token (notes §6)', async () => {
    const wrong = { basic: { email: 'writer@example.com', apiToken: 'not-the-token' } } satisfies Config['authentication'];
    const v2wrong = new V2Client({ host: h.base, apiPrefix: '/wiki/api/v2', authentication: wrong }).v2;
    expect(await rejection(v2wrong.getSpaces())).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
    const v1wrong = new ConfluenceClient({ host: h.base, authentication: wrong });
    expect(await rejection(v1wrong.users.getCurrentUser())).toMatchObject({ statusCode: 403, message: 'caller cannot access Confluence' });
  });
});

describe('confluence.js: its v1 content CRUD meets the Cloud of today', () => {
  // confluence.js 2.1.0 still creates, reads, updates and deletes pages with GET/POST /content and
  // GET/PUT/DELETE /content/{id}. Cloud removed those (CHANGE-864, notes §2) and answers 410 Gone;
  // the emulator must do the same, so these calls fail exactly as they would against Cloud.
  const gone = { statusCode: 410, message: 'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.' };

  it('createContent, getContent, getContentById, updateContent and deleteContent answer 410 Gone', async () => {
    expect(await rejection(v1.content.createContent({ type: 'page', title: 'Legacy', space: { key: 'DEMO' }, body: { storage: { value: '<p>x</p>', representation: 'storage' } } }))).toMatchObject(gone);
    expect(await rejection(v1.content.getContent({ spaceKey: 'DEMO' }))).toMatchObject(gone);
    expect(await rejection(v1.content.getContentById({ id: h.homepageId }))).toMatchObject(gone);
    expect(await rejection(v1.content.updateContent({ id: h.homepageId, type: 'page', title: 'Demo Home', version: { number: 2 } }))).toMatchObject(gone);
    expect(await rejection(v1.content.deleteContent({ id: h.homepageId }))).toMatchObject(gone);
    // Nothing changed: the page is still at version 1.
    expect(await api.getPageById(h.homepageId)).toMatchObject({ status: 'current', version: { number: 1 } });
  });
});

describe('confluence.js: the v1 routes Cloud still serves', () => {
  it('reads the current user', async () => {
    const user = (await v1.users.getCurrentUser()) as Json;
    expect(user).toMatchObject({ accountId: h.emulator.user.accountId, accountType: 'atlassian', email: 'writer@example.com', displayName: h.emulator.user.displayName });
  });

  it('adds, lists and removes labels (normalised), without a new page version', async () => {
    const page = await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'Labelled', body: storage('<p>x</p>') });
    const added = (await v1.contentLabels.addLabelsToContent({ id: page.id, body: [{ prefix: 'global', name: 'Docs' }, { prefix: 'global', name: 'how-to' }] })) as Json;
    expect(added.results.map((l: Json) => l.name).sort()).toEqual(['docs', 'how-to']);
    const listed = (await v1.contentLabels.getLabelsForContent({ id: page.id })) as Json;
    expect(listed.size).toBe(2);
    await v1.contentLabels.removeLabelFromContentUsingQueryParameter({ id: page.id, name: 'how-to' });
    const after = (await v1.contentLabels.getLabelsForContent({ id: page.id })) as Json;
    expect(after.results.map((l: Json) => l.name)).toEqual(['docs']);
    expect((await api.getPageById(page.id)).version.number).toBe(1);
  });

  it('lists children and moves a page', async () => {
    const a = await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'A', body: storage('<p>a</p>') });
    const b = await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'B', body: storage('<p>b</p>') });
    const children = (await v1.contentChildrenAndDescendants.getContentChildrenByType({ id: h.homepageId, type: 'page' })) as Json;
    expect(children.results.map((c: Json) => c.title)).toEqual(['A', 'B']);
    await v1.contentChildrenAndDescendants.movePage({ pageId: b.id, position: 'append', targetId: a.id });
    expect(await api.getPageById(b.id)).toMatchObject({ parentId: a.id });
  });

  it('uploads an attachment (multipart, with the XSRF header it sets), adds a version, lists and downloads it', async () => {
    const page = await api.createPage({ spaceId: h.spaceId, status: 'current', title: 'With a file', body: storage('<p>x</p>') });
    const created = (await v1.contentAttachments.createAttachments({
      id: page.id,
      attachments: { file: Buffer.from('first'), filename: 'notes.txt', minorEdit: true, contentType: 'text/plain' },
    })) as Json;
    expect(created.results).toHaveLength(1);
    expect(created.results[0]).toMatchObject({ type: 'attachment', title: 'notes.txt' });
    const attachmentId = created.results[0].id as string;

    // POST on an existing file name is refused; PUT creates or updates by name (notes §4.10).
    const duplicate = (await rejection(
      v1.contentAttachments.createAttachments({ id: page.id, attachments: { file: Buffer.from('again'), filename: 'notes.txt', minorEdit: true, contentType: 'text/plain' } }),
    )) as Json;
    expect(duplicate.statusCode).toBe(400);
    const updated = (await v1.contentAttachments.createOrUpdateAttachments({
      id: page.id,
      attachments: { file: Buffer.from('second'), filename: 'notes.txt', minorEdit: true, contentType: 'text/plain' },
    })) as Json;
    expect(updated.results[0]).toMatchObject({ id: attachmentId, version: { number: 2 } });

    const listed = (await v1.contentAttachments.getAttachments({ id: page.id })) as Json;
    expect(listed.results.map((r: Json) => r.title)).toEqual(['notes.txt']);
    const v2list = await api.getPageAttachments(page.id);
    expect(v2list.results.map((r: Json) => [r.title, r.fileSize])).toEqual([['notes.txt', 6]]);

    // The download redirects to the media service; axios follows it.
    const bytes = await v1.contentAttachments.downloadAttachment({ id: page.id, attachmentId });
    expect(Buffer.from(bytes).toString('utf8')).toBe('second');
    // Attachments never bump the page version.
    expect((await api.getPageById(page.id)).version.number).toBe(1);
  });
});
