import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, startHarness, type Harness } from './harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const v1 = '/wiki/rest/api';
const v2 = '/wiki/api/v2';

let h: Harness;
let pageId: string;

beforeEach(async () => {
  h = await startHarness();
  const page = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Labelled', body: { representation: 'storage', value: '<p>x</p>' } });
  pageId = (page.body as Json).id;
});
afterEach(() => h.close());

const v1Error = (statusCode: number, message: string, reason: string) => ({
  statusCode,
  data: { authorized: true, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
  message,
  reason,
});

/** A request without the contract check, for answers the contract allow-list does not cover yet. */
async function raw(method: string, path: string) {
  const response = await fetch(`${h.base}${path}`, { method, headers: { authorization: basicAuth } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Json) : undefined };
}

const addLabels = (body: unknown, id = pageId) => h.call('POST', `${v1}/content/${id}/label`, body);
const names = (body: unknown) => ((body as Json).results as Json[]).map((l) => l.name);

describe('POST /content/{id}/label', () => {
  it('adds labels and answers the LabelArray of the content', async () => {
    const r = await addLabels([
      { prefix: 'global', name: 'Docs' },
      { prefix: 'global', name: 'api' },
    ]);
    expect(r.status).toBe(200);
    const body = r.body as Json;
    expect(body.results).toEqual([
      { prefix: 'global', name: 'docs', id: expect.stringMatching(/^\d+$/), label: 'docs' },
      { prefix: 'global', name: 'api', id: expect.stringMatching(/^\d+$/), label: 'api' },
    ]);
    expect(body).toMatchObject({ start: 0, limit: 200, size: 2 });
    expect(body._links).toEqual({ self: `${h.base}/wiki/rest/api/content/${pageId}/label`, base: `${h.base}/wiki`, context: '/wiki' });
  });

  it('accepts one object, splits on spaces and commas, lowercases, and is additive and idempotent', async () => {
    expect(names((await addLabels({ prefix: 'global', name: 'One Two,THREE' })).body)).toEqual(['one', 'two', 'three']);
    const again = await addLabels([{ prefix: 'global', name: 'two' }, { prefix: 'global', name: 'Four' }]);
    expect(again.status).toBe(200);
    expect(names(again.body)).toEqual(['one', 'two', 'three', 'four']);
    // Labels are shared by name across the site: the same label id on another page.
    const other = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Other', body: { representation: 'storage', value: '' } });
    const shared = (await addLabels({ prefix: 'global', name: 'one' }, (other.body as Json).id)).body as Json;
    expect(shared.results[0].id).toBe(((again.body as Json).results as Json[])[0]!.id);
  });

  it('never bumps the page version', async () => {
    await addLabels({ prefix: 'global', name: 'a' });
    await h.call('DELETE', `${v1}/content/${pageId}/label?name=a`);
    const page = await h.call('GET', `${v2}/pages/${pageId}`);
    expect((page.body as Json).version.number).toBe(1);
  });

  it('keeps my and team prefixes apart from global', async () => {
    const r = await addLabels([
      { prefix: 'my', name: 'fav' },
      { prefix: 'global', name: 'fav' },
    ]);
    expect(((r.body as Json).results as Json[]).map((l) => `${l.prefix}:${l.name}`)).toEqual(['my:fav', 'global:fav']);
    expect((await h.call('DELETE', `${v1}/content/${pageId}/label?name=my:fav`)).status).toBe(204);
    expect(((await addLabels([])).status)).toBe(400);
    const left = await raw('GET', `${v1}/content/${pageId}/label`);
    expect(left.body!.results.map((l: Json) => `${l.prefix}:${l.name}`)).toEqual(['global:fav']);
  });

  it('refuses a label without prefix or name, an unknown prefix, and invalid names, changing nothing', async () => {
    const noName = await addLabels([{ prefix: 'global' }]);
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual(v1Error(400, "Each label must have both a 'prefix' and a 'name'", 'Bad Request'));
    expect((await addLabels([{ name: 'x' }])).status).toBe(400);
    expect((await addLabels(['x'])).status).toBe(400);
    const prefix = await addLabels([{ prefix: 'system', name: 'x' }]);
    expect((prefix.body as Json).message).toBe("Invalid label prefix 'system': expected global, my or team");
    const invalid = await addLabels([{ prefix: 'global', name: 'ok' }, { prefix: 'my', name: 'a:b' }]);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(v1Error(400, 'Could not add labels to content', 'Bad Request'));
    // All or nothing: the valid global label of the refused request was not kept.
    expect((await raw('GET', `${v1}/content/${pageId}/label`)).body!.results).toEqual([]);
    const long = await addLabels({ prefix: 'global', name: 'x'.repeat(256) });
    expect(long.status).toBe(400);
  });

  it('answers 404 for missing or trashed content', async () => {
    const missing = await addLabels({ prefix: 'global', name: 'x' }, '999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(v1Error(404, 'No content found with id: ContentId{id=999999}', 'Not Found'));
    await h.call('DELETE', `${v2}/pages/${pageId}`);
    expect((await addLabels({ prefix: 'global', name: 'x' })).status).toBe(404);
  });
});

describe('DELETE /content/{id}/label', () => {
  it('removes by ?name= with 204; an absent label is a 404 naming it', async () => {
    await addLabels([{ prefix: 'global', name: 'keep' }, { prefix: 'global', name: 'drop' }]);
    const r = await h.call('DELETE', `${v1}/content/${pageId}/label?name=drop`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const again = await h.call('DELETE', `${v1}/content/${pageId}/label?name=drop`);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(v1Error(404, 'No label found with name: drop', 'Not Found'));
    expect(names((await raw('GET', `${v1}/content/${pageId}/label`)).body)).toEqual(['keep']);
  });

  it('matches the name case-insensitively, refuses a missing name, and a name with "/" works in the query form', async () => {
    await addLabels([{ prefix: 'global', name: 'a/b' }, { prefix: 'global', name: 'Mixed' }]);
    expect((await h.call('DELETE', `${v1}/content/${pageId}/label?name=MIXED`)).status).toBe(204);
    expect((await h.call('DELETE', `${v1}/content/${pageId}/label?name=${encodeURIComponent('a/b')}`)).status).toBe(204);
    const noName = await raw('DELETE', `${v1}/content/${pageId}/label`);
    expect(noName.status).toBe(400);
    expect(noName.body!.message).toBe(
      "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'name' for method parameter type String is not present",
    );
  });

  it('the path form removes a label, but a name with "/" gets Tomcat’s HTML 400', async () => {
    await addLabels([{ prefix: 'global', name: 'plain' }, { prefix: 'global', name: 'x/y' }]);
    expect((await h.call('DELETE', `${v1}/content/${pageId}/label/plain`)).status).toBe(204);
    const slash = await h.call('DELETE', `${v1}/content/${pageId}/label/x%2Fy`);
    expect(slash.status).toBe(400);
    expect(slash.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(slash.text).toContain('HTTP Status 400 – Bad Request');
    expect(names((await raw('GET', `${v1}/content/${pageId}/label`)).body)).toEqual(['x/y']);
    expect((await h.call('DELETE', `${v1}/content/${pageId}/label/absent`)).status).toBe(404);
  });

  it('refuses to remove labels from archived content', async () => {
    await addLabels({ prefix: 'global', name: 'frozen' });
    expect((await h.call('POST', `${v1}/content/archive`, { pages: [{ id: Number(pageId) }] })).status).toBe(202);
    const r = await raw('DELETE', `${v1}/content/${pageId}/label?name=frozen`);
    expect(r.status).toBe(400);
    expect(r.body!.message).toBe("Labels can't be deleted from archived content.");
  });
});

describe('label reads and child/label', () => {
  it('GET /content/{id}/label filters by prefix and pages with start/limit (default 200)', async () => {
    await addLabels([{ prefix: 'global', name: 'a' }, { prefix: 'global', name: 'b' }, { prefix: 'team', name: 'c' }]);
    const all = await raw('GET', `${v1}/content/${pageId}/label`);
    expect(all.body).toMatchObject({ start: 0, limit: 200, size: 3 });
    const team = await raw('GET', `${v1}/content/${pageId}/label?prefix=team`);
    expect(names(team.body)).toEqual(['c']);
    const paged = await raw('GET', `${v1}/content/${pageId}/label?limit=2`);
    expect(names(paged.body)).toEqual(['a', 'b']);
    expect(paged.body!._links.next).toBe(`/rest/api/content/${pageId}/label?next=true&limit=2&start=2`);
  });

  it('child/label lists the same labels and is read-only: 405 with an empty body and allow HEAD,GET,OPTIONS', async () => {
    await addLabels({ prefix: 'global', name: 'x' });
    const list = await h.call('GET', `${v1}/content/${pageId}/child/label`);
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(['x']);
    for (const method of ['POST', 'DELETE']) {
      const r = await h.call(method, `${v1}/content/${pageId}/child/label`);
      expect(r.status).toBe(405);
      expect(r.text).toBe('');
      expect(r.headers.get('allow')).toBe('HEAD,GET,OPTIONS');
    }
  });

  it('labels an attachment addressed as att123, as v2 include-labels shows', async () => {
    const boundary = 'b0undary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nA\r\n--${boundary}\r\nContent-Disposition: form-data; name="minorEdit"\r\n\r\nfalse\r\n--${boundary}--\r\n`,
    );
    const uploaded = await fetch(`${h.base}${v1}/content/${pageId}/child/attachment`, {
      method: 'POST',
      headers: { authorization: basicAuth, 'x-atlassian-token': 'no-check', 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const attId = ((await uploaded.json()) as Json).results[0].id as string;
    expect(names((await addLabels({ prefix: 'global', name: 'Figure' }, attId)).body)).toEqual(['figure']);
    const att = await h.call('GET', `${v2}/attachments/${attId}?include-labels=true`);
    expect((att.body as Json).labels.results.map((l: Json) => l.name)).toEqual(['figure']);
    expect((await addLabels({ prefix: 'global', name: 'x' }, 'att999999')).status).toBe(404);
  });
});
