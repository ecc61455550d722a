import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function createPage(title: string, extra: Json = {}, query = '') {
  return h.call('POST', `${v2}/pages${query}`, { spaceId: h.spaceId, status: 'current', title, body: { representation: 'storage', value: '<p>Hello</p>' }, ...extra });
}

describe('POST /pages', () => {
  it('answers 200 with PageSingle; the homepage is the default parent; version starts at 1', async () => {
    const r = await createPage('First');
    expect(r.status).toBe(200);
    const page = r.body as Json;
    expect(page.id).toMatch(/^\d+$/);
    expect(page.parentId).toBe(h.homepageId);
    expect(page.parentType).toBe('page');
    expect(page.version.number).toBe(1);
    expect(page.body.storage.value).toBe('<p>Hello</p>');
    expect(page._links.base).toBe(`${h.base}/wiki`);
  });

  it('root-level=true creates a page with no parent, and refuses a parentId with it', async () => {
    const r = await createPage('Root', {}, '?root-level=true');
    expect((r.body as Json).parentId).toBeNull();
    const bad = await createPage('Root 2', { parentId: h.homepageId }, '?root-level=true');
    expect(bad.status).toBe(400);
  });

  it('refuses a duplicate title in the space with the Confluence error body', async () => {
    await createPage('Same');
    const r = await createPage('same');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      errors: [{ status: 400, code: 'BAD_REQUEST', title: 'A page with this title already exists: A page already exists with the same TITLE in this space', detail: null }],
    });
  });

  it('refuses malformed storage with "Error parsing xhtml"', async () => {
    const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Bad', body: { representation: 'storage', value: '<p>a</b>' } });
    expect(r.status).toBe(400);
    expect((r.body as Json).errors[0].title).toMatch(/^Error parsing xhtml: Unexpected close tag <\/b>/);
    const cdata = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Bad2', body: { representation: 'storage', value: '<p>x ]]> y</p>' } });
    expect((cdata.body as Json).errors[0].title).toBe("Error parsing xhtml: String ']]>' not allowed in textual content, except as the end marker of CDATA section.");
  });

  it('rewrites the body on save as Confluence does', async () => {
    const value = '<p>a<br/>b “q” &amp; é</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>';
    const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Rewritten', body: { representation: 'storage', value } });
    const stored = (r.body as Json).body.storage.value as string;
    expect(stored).toMatch(/^<p>a<br \/>b &ldquo;q&rdquo; &amp; &eacute;<\/p><ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="[0-9a-f-]{36}">/);
  });
});

describe('PUT /pages/{id}', () => {
  it('requires exactly current+1 and answers the real 409 otherwise', async () => {
    const page = (await createPage('Versioned')).body as Json;
    const update = (n: number, title = 'Versioned') =>
      h.call('PUT', `${v2}/pages/${page.id}`, { id: page.id, status: 'current', title, body: { representation: 'storage', value: '<p>v</p>' }, version: { number: n } });
    const stale = await update(1);
    expect(stale.status).toBe(409);
    expect((stale.body as Json).errors[0]).toEqual({ status: 409, code: 'CONFLICT', title: 'Version must be incremented when updating a page. Current Version: [1]. Provided version: [1]', detail: null });
    expect((await update(3)).status).toBe(409);
    const good = await update(2, 'Renamed');
    expect(good.status).toBe(200);
    expect((good.body as Json).version.number).toBe(2);
    expect((good.body as Json).title).toBe('Renamed');
  });
});

describe('DELETE /pages/{id}', () => {
  it('trashes (GET still answers with status trashed and no parent), then purge removes', async () => {
    const page = (await createPage('Doomed')).body as Json;
    expect((await h.call('DELETE', `${v2}/pages/${page.id}`)).status).toBe(204);
    const trashed = (await h.call('GET', `${v2}/pages/${page.id}`)).body as Json;
    expect(trashed.status).toBe('trashed');
    expect(trashed.parentId).toBeNull();
    // A trashed page does not reserve its title.
    expect((await createPage('Doomed')).status).toBe(200);
    expect((await h.call('DELETE', `${v2}/pages/${page.id}?purge=true`)).status).toBe(204);
    const gone = await h.call('GET', `${v2}/pages/${page.id}`);
    expect(gone.status).toBe(404);
  });
});

describe('GET /pages pagination', () => {
  it('follows _links.next and the Link header across pages in a stable order', async () => {
    for (let i = 0; i < 7; i++) await createPage(`P${i}`);
    const seen: string[] = [];
    let next: string | undefined = `${v2}/pages?space-id=${h.spaceId}&limit=3`;
    let pages = 0;
    while (next) {
      const r = await h.call('GET', next);
      const body = r.body as Json;
      seen.push(...body.results.map((p: Json) => p.title));
      next = body._links.next;
      if (next) expect(r.headers.get('link')).toContain('rel="next"');
      else expect(r.headers.get('link')).toBeNull();
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Demo Home', 'P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
  });
});

describe('auth', () => {
  it('answers 404 "Not Found" on v2 for a bad credential', async () => {
    const r = await h.call('GET', `${v2}/pages`, undefined, { authorization: `Basic ${Buffer.from('x@y.z:wrong').toString('base64')}` });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
  });
});
