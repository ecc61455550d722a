import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocument } from '../../src/emulator/documents.js';
import { MEDIA_TOKEN_TTL_MS, MediaTokens } from '../../src/emulator/media.js';
import type { AttachmentRecord } from '../../src/emulator/model.js';
import { MultipartError, parseMultipart, partText } from '../../src/emulator/multipart.js';
import { mediaTypeOf } from '../../src/emulator/media-types.js';
import { basicAuth, startHarness, type Harness } from './harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const v1 = '/wiki/rest/api';
const v2 = '/wiki/api/v2';
const XSRF = { 'x-atlassian-token': 'no-check' };

let h: Harness;
let pageId: string;

async function startWith(options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options);
  const page = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Files', body: { representation: 'storage', value: '<p>x</p>' } });
  pageId = (page.body as Json).id;
}

beforeEach(() => startWith());
afterEach(() => h.close());

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: string | Buffer;
}

const BOUNDARY = '----emulatorBoundary7MA4YWxkTrZu0gW';

/** A multipart/form-data body built byte by byte, so tests control every header of every part. */
function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const file = (filename: string, data: string | Buffer, contentType = 'text/plain'): Part => ({ name: 'file', filename, contentType, data });
const minor = (value = 'false'): Part => ({ name: 'minorEdit', data: value });

/** A raw request (no JSON body, no contract check): multipart uploads, downloads, redirects. */
async function raw(method: string, path: string, init: { headers?: Record<string, string>; body?: Buffer; redirect?: 'manual' | 'follow'; auth?: boolean } = {}) {
  const response = await fetch(`${h.base}${path}`, {
    method,
    redirect: init.redirect ?? 'manual',
    headers: { ...(init.auth === false ? {} : { authorization: basicAuth }), ...init.headers },
    body: init.body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  let body: Json | undefined;
  try {
    body = JSON.parse(bytes.toString('utf8')) as Json;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8'), body };
}

function upload(method: 'POST' | 'PUT', path: string, parts: Part[], headers: Record<string, string> = XSRF) {
  return raw(method, `${v1}${path}`, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers }, body: multipart(parts) });
}

async function attach(filename: string, data: string | Buffer = 'hello', contentType = 'text/plain', container = pageId): Promise<Json> {
  const r = await upload('POST', `/content/${container}/child/attachment`, [file(filename, data, contentType), minor()]);
  expect(r.status).toBe(200);
  return r.body!.results[0] as Json;
}

const v1Error = (statusCode: number, message: string, reason: string, authorized = true) => ({
  statusCode,
  data: { authorized, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false },
  message,
  reason,
});

describe('v1 POST /content/{id}/child/attachment', () => {
  it('creates attachments and answers a ContentArray with the metadata under extensions', async () => {
    const r = await upload('POST', `/content/${pageId}/child/attachment`, [file('notes.txt', 'hello world'), file('logo.png', Buffer.from([0x89, 0x50]), 'application/octet-stream'), minor('true')]);
    expect(r.status).toBe(200);
    expect(r.body!.size).toBe(2);
    expect(r.body!._links).toEqual({ base: `${h.base}/wiki`, context: '/wiki' });
    const [notes, logo] = r.body!.results as Json[];
    expect(notes!.id).toMatch(/^att\d+$/);
    expect(notes!.type).toBe('attachment');
    expect(notes!.status).toBe('current');
    expect(notes!.title).toBe('notes.txt');
    expect(notes!.extensions).toEqual({
      mediaType: 'text/plain',
      fileSize: 11,
      comment: '',
      mediaTypeDescription: 'Text File',
      fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      collectionName: `contentId-${pageId}`,
    });
    expect(notes!.version).toMatchObject({ number: 1, minorEdit: true, by: { accountId: h.emulator.user.accountId, type: 'known' } });
    expect(notes!.container).toMatchObject({ id: pageId, type: 'page', title: 'Files' });
    expect(notes!._links.download).toMatch(new RegExp(`^/download/attachments/${pageId}/notes\\.txt\\?version=1&modificationDate=\\d+&cacheVersion=1&api=v2$`));
    expect(notes!._links.self).toBe(`${h.base}/wiki/rest/api/content/${notes!.id}`);
    // A generic type is replaced by the type of the extension.
    expect(logo!.extensions.mediaType).toBe('image/png');
  });

  it('does not bump the version of the page', async () => {
    await attach('a.txt');
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('a.txt', 'v2'), minor()]);
    const page = await h.call('GET', `${v2}/pages/${pageId}`);
    expect((page.body as Json).version.number).toBe(1);
  });

  it('is refused with 403 "XSRF check failed" without X-Atlassian-Token; no-check and nocheck both pass', async () => {
    const refused = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor()], {});
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(v1Error(403, 'XSRF check failed', 'Forbidden', false));
    const wrong = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor()], { 'x-atlassian-token': 'check' });
    expect(wrong.status).toBe(403);
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor()], { 'x-atlassian-token': 'nocheck' })).status).toBe(200);
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [file('b.txt', 'x'), minor()], { 'X-Atlassian-Token': 'no-check' })).status).toBe(200);
    // Nothing was stored by the refused requests.
    expect([...h.emulator.defaultSite.attachments.values()].map((a) => a.title).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('answers the XSRF refusal as plain text with xsrfFailureBody: text', async () => {
    await h.close();
    await startWith({ fidelity: { xsrfFailureBody: 'text' } });
    const refused = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor()], {});
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('XSRF check failed');
    expect(refused.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('refuses a file name that the page already has with 400, also within one request', async () => {
    await attach('same.txt');
    const again = await upload('POST', `/content/${pageId}/child/attachment`, [file('same.txt', 'y'), minor()]);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(v1Error(400, 'Cannot add a new attachment with same file name as an existing attachment: same.txt', 'Bad Request'));
    const twice = await upload('POST', `/content/${pageId}/child/attachment`, [file('new.txt', '1'), file('new.txt', '2'), minor()]);
    expect(twice.status).toBe(400);
    expect(twice.body!.message).toBe('Cannot add a new attachment with same file name as an existing attachment: new.txt');
    expect([...h.emulator.defaultSite.attachments.values()].map((a) => a.title)).toEqual(['same.txt']);
  });

  it('refuses forms without file or minorEdit, a bad minorEdit, a body that is not multipart, and a broken one', async () => {
    const noFile = await upload('POST', `/content/${pageId}/child/attachment`, [minor()]);
    expect(noFile.status).toBe(400);
    expect(noFile.body).toEqual(
      v1Error(400, "org.springframework.web.multipart.support.MissingServletRequestPartException: Required request part 'file' is not present", 'Bad Request'),
    );
    const noMinor = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x')]);
    expect(noMinor.status).toBe(400);
    expect(noMinor.body!.message).toBe("org.springframework.web.multipart.support.MissingServletRequestPartException: Required request part 'minorEdit' is not present");
    const badMinor = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor('yes')]);
    expect(badMinor.status).toBe(400);
    expect(badMinor.body!.message).toBe("Invalid value 'yes' for 'minorEdit': expected true or false");
    const json = await raw('POST', `${v1}/content/${pageId}/child/attachment`, { headers: { ...XSRF, 'content-type': 'application/json' }, body: Buffer.from('{}') });
    expect(json.status).toBe(415);
    expect(json.body).toEqual({ statusCode: 415, message: "Content type 'application/json' not supported; use multipart/form-data.", reason: 'Unsupported Media Type' });
    const broken = await raw('POST', `${v1}/content/${pageId}/child/attachment`, {
      headers: { ...XSRF, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nno end`),
    });
    expect(broken.status).toBe(400);
    expect(broken.body!.message).toBe('Failed to parse multipart servlet request: The multipart body ends before its closing boundary');
  });

  it('refuses "/" in a file name and stores spaces and non-ASCII names byte-identically', async () => {
    const slash = await upload('POST', `/content/${pageId}/child/attachment`, [file('dir/a.txt', 'x'), minor()]);
    expect(slash.status).toBe(400);
    expect(slash.body!.message).toBe("com.atlassian.confluence.api.service.exceptions.api.BadRequestException: The attachment file name 'dir/a.txt' contains the illegal character '/'.");
    const nfc = 'Ünïcödé résumé.txt'.normalize('NFC');
    const nfd = 'Ünïcödé résumé.txt'.normalize('NFD');
    expect((await attach(nfc)).title).toBe(nfc);
    // The NFD spelling is another name: Confluence does not normalize.
    expect((await attach(nfd)).title).toBe(nfd);
    const listed = await h.call('GET', `${v2}/pages/${pageId}/attachments`);
    expect((listed.body as Json).results.map((a: Json) => Buffer.from(a.title as string).toString('hex'))).toEqual([
      Buffer.from(nfc).toString('hex'),
      Buffer.from(nfd).toString('hex'),
    ]);
  });

  it('decodes a comment without charset as ISO-8859-1 (double-encoded UTF-8) and honours charset=utf-8', async () => {
    const latin = await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor(), { name: 'comment', data: 'café' }]);
    expect(latin.body!.results[0].extensions.comment).toBe('cafÃ©');
    const utf8 = await upload('POST', `/content/${pageId}/child/attachment`, [
      file('b.txt', 'x'),
      minor(),
      { name: 'comment', contentType: 'text/plain; charset=UTF-8', data: 'café' },
    ]);
    expect(utf8.body!.results[0].extensions.comment).toBe('café');
    expect(utf8.body!.results[0].version.message).toBe('café');
  });

  it('pairs comments with files in order', async () => {
    const r = await upload('POST', `/content/${pageId}/child/attachment`, [
      file('one.txt', '1'),
      file('two.txt', '2'),
      { name: 'comment', data: 'first' },
      { name: 'comment', data: 'second' },
      minor(),
    ]);
    expect(r.body!.results.map((a: Json) => [a.title, a.extensions.comment])).toEqual([
      ['one.txt', 'first'],
      ['two.txt', 'second'],
    ]);
  });

  it('answers 404 for missing or trashed content and for a status that does not match', async () => {
    const missing = await upload('POST', '/content/999999/child/attachment', [file('a.txt', 'x'), minor()]);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(v1Error(404, 'No content found with id: ContentId{id=999999}', 'Not Found'));
    const draft = await upload('POST', `/content/${pageId}/child/attachment?status=draft`, [file('a.txt', 'x'), minor()]);
    expect(draft.status).toBe(404);
    const badStatus = await upload('POST', `/content/${pageId}/child/attachment?status=old`, [file('a.txt', 'x'), minor()]);
    expect(badStatus.status).toBe(400);
    expect((await h.call('DELETE', `${v2}/pages/${pageId}`)).status).toBe(204);
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'x'), minor()])).status).toBe(404);
  });

  it('attaches to a draft with status=draft and to a blog post', async () => {
    const draft = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, status: 'draft', title: 'Draft', body: { representation: 'storage', value: '' } });
    const draftId = (draft.body as Json).id as string;
    expect((await upload('POST', `/content/${draftId}/child/attachment`, [file('a.txt', 'x'), minor()])).status).toBe(404);
    expect((await upload('POST', `/content/${draftId}/child/attachment?status=draft`, [file('a.txt', 'x'), minor()])).status).toBe(200);
    const post = createDocument(h.emulator.defaultSite, h.emulator.user, {
      kind: 'blogpost',
      body: { spaceId: h.spaceId, title: 'News', body: { representation: 'storage', value: '' } },
      rootLevel: false,
    });
    const attached = await attach('post.txt', 'x', 'text/plain', post.id);
    expect(attached.container.type).toBe('blogpost');
    const listed = await h.call('GET', `${v2}/blogposts/${post.id}/attachments`);
    expect((listed.body as Json).results.map((a: Json) => [a.title, a.blogPostId, a.pageId])).toEqual([['post.txt', post.id, undefined]]);
  });

  it('answers 413 for a file over maxAttachmentBytes (404 with attachmentTooLargeStatus: 404), and lets big multipart bodies through', async () => {
    await h.close();
    await startWith({ fidelity: { maxAttachmentBytes: 10, maxBodyBytes: 100 } });
    const big = await upload('POST', `/content/${pageId}/child/attachment`, [file('big.bin', Buffer.alloc(11)), minor()]);
    expect(big.status).toBe(413);
    expect(big.body!.message).toBe("The attachment 'big.bin' exceeds the maximum configured attachment size of 10 bytes.");
    // The multipart body (far over maxBodyBytes) is judged by its files, not its size.
    const fits = await upload('POST', `/content/${pageId}/child/attachment`, [file('ok.bin', Buffer.alloc(10)), minor(), { name: 'comment', data: 'c'.repeat(200) }]);
    expect(fits.status).toBe(200);
    await h.close();
    await startWith({ fidelity: { maxAttachmentBytes: 10, attachmentTooLargeStatus: 404 } });
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [file('big.bin', Buffer.alloc(11)), minor()])).status).toBe(404);
  });

  it('works through the api.atlassian.com gateway with an OAuth token', async () => {
    const cloudId = h.emulator.defaultSite.cloudId;
    const r = await raw('POST', `/ex/confluence/${cloudId}${v1}/content/${pageId}/child/attachment`, {
      auth: false,
      headers: { authorization: 'Bearer test-oauth-access-token', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...XSRF },
      body: multipart([file('gw.txt', 'via gateway'), minor()]),
    });
    expect(r.status).toBe(200);
    expect(r.body!.results[0].title).toBe('gw.txt');
  });
});

describe('v1 PUT /content/{id}/child/attachment and POST …/{attachmentId}/data', () => {
  it('PUT creates a new file or adds a version to the file of that name', async () => {
    const created = await upload('PUT', `/content/${pageId}/child/attachment`, [file('doc.txt', 'one'), minor()]);
    expect(created.status).toBe(200);
    const first = created.body!.results[0] as Json;
    expect(first.version.number).toBe(1);
    const updated = await upload('PUT', `/content/${pageId}/child/attachment`, [file('doc.txt', 'two two'), minor('true'), { name: 'comment', data: 'second' }]);
    expect(updated.status).toBe(200);
    const second = updated.body!.results[0] as Json;
    expect(second.id).toBe(first.id);
    expect(second.version).toMatchObject({ number: 2, minorEdit: true, message: 'second' });
    expect(second.extensions.fileSize).toBe(7);
    const refused = await upload('PUT', `/content/${pageId}/child/attachment`, [file('doc.txt', 'x'), minor()], {});
    expect(refused.status).toBe(403);
  });

  it('/data replaces the bytes of that attachment id (att or numeric) and answers one Content', async () => {
    const att = await attach('data.txt', 'v1');
    const r = await upload('POST', `/content/${pageId}/child/attachment/${att.id}/data`, [file('data.txt', 'version two'), minor()]);
    expect(r.status).toBe(200);
    expect(r.body!.results).toBeUndefined();
    expect(r.body!.id).toBe(att.id);
    expect(r.body!.version.number).toBe(2);
    const numeric = (att.id as string).slice(3);
    const again = await upload('POST', `/content/${pageId}/child/attachment/${numeric}/data`, [file('renamed.txt', 'three'), minor()]);
    expect(again.body!.version.number).toBe(3);
    // The file name stays; only the bytes change.
    expect(again.body!.title).toBe('data.txt');
    const v2att = await h.call('GET', `${v2}/attachments/${att.id}`);
    expect((v2att.body as Json).fileSize).toBe(5);
  });

  it('/data answers 400 for a malformed id, 404 for an attachment of another page, 403 without XSRF', async () => {
    const att = await attach('data.txt');
    const bad = await upload('POST', `/content/${pageId}/child/attachment/xyz/data`, [file('a', 'x'), minor()]);
    expect(bad.status).toBe(400);
    expect(bad.body!.message).toBe('Invalid attachment id: xyz');
    const other = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title: 'Other', body: { representation: 'storage', value: '' } });
    const elsewhere = await upload('POST', `/content/${(other.body as Json).id}/child/attachment/${att.id}/data`, [file('a', 'x'), minor()]);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body!.message).toBe(`No content found with id: ContentId{id=${att.id}}`);
    expect((await upload('POST', `/content/${pageId}/child/attachment/${att.id}/data`, [file('a', 'x'), minor()], {})).status).toBe(403);
  });
});

describe('v1 GET /content/{id}/child/attachment', () => {
  it('pages with start and limit (default 50), with context-relative next and prev links', async () => {
    await upload('POST', `/content/${pageId}/child/attachment`, [file('a.txt', 'a'), file('b.txt', 'b'), file('c.txt', 'c', 'image/png'), minor()]);
    const all = await h.call('GET', `${v1}/content/${pageId}/child/attachment`);
    expect(all.status).toBe(200);
    const body = all.body as Json;
    expect(body).toMatchObject({ start: 0, limit: 50, size: 3 });
    expect(body._links).toEqual({ base: `${h.base}/wiki`, context: '/wiki', self: `${h.base}/wiki/rest/api/content/${pageId}/child/attachment` });
    const first = (await h.call('GET', `${v1}/content/${pageId}/child/attachment?limit=2`)).body as Json;
    expect(first.results.map((a: Json) => a.title)).toEqual(['a.txt', 'b.txt']);
    expect(first._links.next).toBe(`/rest/api/content/${pageId}/child/attachment?next=true&limit=2&start=2`);
    const second = (await h.call('GET', `/wiki${first._links.next as string}`)).body as Json;
    expect(second.results.map((a: Json) => a.title)).toEqual(['c.txt']);
    expect(second._links.next).toBeUndefined();
    expect(second._links.prev).toBe(`/rest/api/content/${pageId}/child/attachment?prev=true&limit=2&start=0`);
    const filtered = (await h.call('GET', `${v1}/content/${pageId}/child/attachment?mediaType=image/png`)).body as Json;
    expect(filtered.results.map((a: Json) => a.title)).toEqual(['c.txt']);
    const byName = (await h.call('GET', `${v1}/content/${pageId}/child/attachment?filename=b.txt`)).body as Json;
    expect(byName.results.map((a: Json) => a.title)).toEqual(['b.txt']);
    // limit is echoed, not capped.
    expect(((await h.call('GET', `${v1}/content/${pageId}/child/attachment?limit=1001`)).body as Json).limit).toBe(1001);
  });

  it('answers Spring’s 400 for a limit that is not an int, and 404 for missing content', async () => {
    // Through raw(): the contract allow-list does not yet list 400 and 404 for this undocumented route.
    const bad = await raw('GET', `${v1}/content/${pageId}/child/attachment?limit=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body!.message).toBe(
      `org.springframework.web.method.annotation.MethodArgumentTypeMismatchException: Failed to convert value of type 'java.lang.String' to required type 'int'; nested exception is java.lang.NumberFormatException: For input string: "abc"`,
    );
    expect((await raw('GET', `${v1}/content/${pageId}/child/attachment?start=-1`)).status).toBe(400);
    const missing = await raw('GET', `${v1}/content/424242/child/attachment`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(v1Error(404, 'No content found with id: ContentId{id=424242}', 'Not Found'));
  });

  it('hides trashed attachments', async () => {
    const a = await attach('gone.txt');
    await attach('kept.txt');
    expect((await h.call('DELETE', `${v2}/attachments/${a.id}`)).status).toBe(204);
    const listed = (await h.call('GET', `${v1}/content/${pageId}/child/attachment`)).body as Json;
    expect(listed.results.map((x: Json) => x.title)).toEqual(['kept.txt']);
  });
});

describe('v2 attachment reads', () => {
  it('GET /attachments/{id} accepts att123 and 123 and answers AttachmentSingle with _links.base', async () => {
    const att = await attach('read.txt', 'content', 'text/plain');
    const byAtt = await h.call('GET', `${v2}/attachments/${att.id}`);
    expect(byAtt.status).toBe(200);
    const body = byAtt.body as Json;
    expect(body).toEqual({
      id: att.id,
      status: 'current',
      title: 'read.txt',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pageId,
      mediaType: 'text/plain',
      mediaTypeDescription: 'Text File',
      comment: '',
      fileId: att.extensions.fileId,
      fileSize: 7,
      webuiLink: expect.stringMatching(new RegExp(`^/spaces/DEMO/pages/${pageId}/Files\\?preview=%2F${pageId}%2F\\d+%2Fread\\.txt$`)),
      downloadLink: att._links.download,
      version: { createdAt: expect.any(String), message: '', number: 1, minorEdit: false, authorId: h.emulator.user.accountId },
      _links: { webui: body.webuiLink, download: att._links.download, base: `${h.base}/wiki` },
    });
    const byNumber = await h.call('GET', `${v2}/attachments/${(att.id as string).slice(3)}`);
    expect((byNumber.body as Json).id).toBe(att.id);
  });

  it('GET /attachments/{id} answers 400 for a malformed id and 404 for an unknown one or version', async () => {
    const bad = await h.call('GET', `${v2}/attachments/abc`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errors: [{ status: 400, code: 'BAD_REQUEST', title: "Provided value {abc} for 'id' is not the correct type. Expected type is string", detail: null }],
    });
    const missing = await h.call('GET', `${v2}/attachments/att999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Cannot find an attachment with id [att999999]', detail: null }] });
    const att = await attach('v.txt');
    const noVersion = await h.call('GET', `${v2}/attachments/${att.id}?version=5`);
    expect(noVersion.status).toBe(404);
    expect((noVersion.body as Json).errors[0].title).toBe(`Cannot find version 5 of attachment with id [${att.id}]`);
  });

  it('GET /attachments/{id}?version=N shows that version; include-* blocks and include-version=false', async () => {
    const att = await attach('ver.txt', 'one');
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('ver.txt', 'two two', 'text/markdown'), minor()]);
    const old = (await h.call('GET', `${v2}/attachments/${att.id}?version=1`)).body as Json;
    expect(old.version.number).toBe(1);
    expect(old.fileSize).toBe(3);
    expect(old.mediaType).toBe('text/plain');
    expect(old.downloadLink).toContain('?version=1&');
    const latest = (await h.call('GET', `${v2}/attachments/${att.id}?include-versions=true&include-labels=true&include-operations=true&include-properties=true`)).body as Json;
    expect(latest.mediaType).toBe('text/markdown');
    expect(latest.versions.results.map((v: Json) => v.number)).toEqual([2, 1]);
    expect(latest.versions.meta).toEqual({ hasMore: false });
    expect(latest.versions._links.self).toBe(`/wiki/api/v2/attachments/${att.id}/versions`);
    expect(latest.labels.results).toEqual([]);
    expect(latest.properties.results).toEqual([]);
    expect(latest.operations.results.map((o: Json) => o.operation)).toEqual(['read', 'update', 'delete']);
    const bare = (await h.call('GET', `${v2}/attachments/${att.id}?include-version=false`)).body as Json;
    expect(bare.version).toBeUndefined();
  });

  it('GET /pages/{id}/attachments: default limit 50, cursor pages, filters and sort', async () => {
    const parts: Part[] = Array.from({ length: 51 }, (_, i) => file(`f${String(i).padStart(2, '0')}.${i === 50 ? 'png' : 'txt'}`, 'x', i === 50 ? 'image/png' : 'text/plain'));
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [...parts, minor()])).status).toBe(200);
    const first = await h.call('GET', `${v2}/pages/${pageId}/attachments`);
    const body = first.body as Json;
    expect(body.results).toHaveLength(50);
    expect(body._links.next).toMatch(new RegExp(`^/wiki/api/v2/pages/${pageId}/attachments\\?cursor=`));
    expect(first.headers.get('link')).toContain('rel="next"');
    const rest = (await h.call('GET', body._links.next as string)).body as Json;
    expect(rest.results.map((a: Json) => a.title)).toEqual(['f50.png']);
    expect(rest._links.next).toBeUndefined();
    const png = (await h.call('GET', `${v2}/pages/${pageId}/attachments?mediaType=image/png`)).body as Json;
    expect(png.results.map((a: Json) => a.title)).toEqual(['f50.png']);
    const named = (await h.call('GET', `${v2}/pages/${pageId}/attachments?filename=f07.txt`)).body as Json;
    expect(named.results.map((a: Json) => a.title)).toEqual(['f07.txt']);
    const desc = (await h.call('GET', `${v2}/pages/${pageId}/attachments?sort=-created-date&limit=2`)).body as Json;
    expect(desc.results.map((a: Json) => a.title)).toEqual(['f50.png', 'f49.txt']);
    const bad = await h.call('GET', `${v2}/pages/${pageId}/attachments?sort=title`);
    expect(bad.status).toBe(400);
    const missing = await h.call('GET', `${v2}/pages/999999/attachments`);
    expect(missing.status).toBe(404);
    expect((missing.body as Json).errors[0].title).toBe('Cannot find a page with id [999999]');
  });

  it('GET /attachments lists every attachment of the site; modified-date sorts by the latest version', async () => {
    await attach('old.txt');
    await attach('new.txt');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('old.txt', 'changed'), minor()]);
    const all = (await h.call('GET', `${v2}/attachments?sort=-modified-date`)).body as Json;
    expect(all.results.map((a: Json) => a.title)).toEqual(['old.txt', 'new.txt']);
    const byCreation = (await h.call('GET', `${v2}/attachments?sort=created-date`)).body as Json;
    expect(byCreation.results.map((a: Json) => a.title)).toEqual(['old.txt', 'new.txt']);
  });

  it('DELETE trashes (GET shows status trashed, lists hide it unless asked), purge=true removes a trashed one', async () => {
    const att = await attach('bin.txt');
    const purgeCurrent = await h.call('DELETE', `${v2}/attachments/${att.id}?purge=true`);
    expect(purgeCurrent.status).toBe(400);
    expect((await h.call('DELETE', `${v2}/attachments/${att.id}`)).status).toBe(204);
    expect(((await h.call('GET', `${v2}/attachments/${att.id}`)).body as Json).status).toBe('trashed');
    expect(((await h.call('GET', `${v2}/pages/${pageId}/attachments`)).body as Json).results).toEqual([]);
    expect(((await h.call('GET', `${v2}/pages/${pageId}/attachments?status=trashed`)).body as Json).results.map((a: Json) => a.id)).toEqual([att.id]);
    expect((await h.call('DELETE', `${v2}/attachments/${att.id}`)).status).toBe(404);
    // The file name is free again.
    expect((await upload('POST', `/content/${pageId}/child/attachment`, [file('bin.txt', 'again'), minor()])).status).toBe(200);
    expect((await h.call('DELETE', `${v2}/attachments/${(att.id as string).slice(3)}?purge=true`)).status).toBe(204);
    expect((await h.call('GET', `${v2}/attachments/${att.id}`)).status).toBe(404);
    // The page is untouched.
    expect(((await h.call('GET', `${v2}/pages/${pageId}`)).body as Json).version.number).toBe(1);
  });

  it('GET /attachments/{id}/versions and /versions/{n}', async () => {
    const att = await attach('hist.txt', 'a');
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('hist.txt', 'b'), minor('true'), { name: 'comment', data: 'fix' }]);
    const list = (await h.call('GET', `${v2}/attachments/${att.id}/versions`)).body as Json;
    expect(list.results.map((v: Json) => [v.number, v.message, v.minorEdit])).toEqual([
      [2, 'fix', true],
      [1, '', false],
    ]);
    expect(list.results[0].attachment).toEqual({ id: att.id, title: 'hist.txt' });
    const asc = (await h.call('GET', `${v2}/attachments/${att.id}/versions?sort=modified-date`)).body as Json;
    expect(asc.results.map((v: Json) => v.number)).toEqual([1, 2]);
    const detail = await h.call('GET', `${v2}/attachments/${att.id}/versions/1`);
    expect(detail.body).toEqual({
      number: 1,
      authorId: h.emulator.user.accountId,
      message: '',
      createdAt: expect.any(String),
      minorEdit: false,
      contentTypeModified: false,
      collaborators: [h.emulator.user.accountId],
      nextVersion: 2,
    });
    expect(((await h.call('GET', `${v2}/attachments/${att.id}/versions/2`)).body as Json).prevVersion).toBe(1);
    expect((await h.call('GET', `${v2}/attachments/${att.id}/versions/3`)).status).toBe(404);
    expect((await h.call('GET', `${v2}/attachments/${att.id}/versions/x`)).status).toBe(400);
  });
});

describe('downloads', () => {
  it('GET /wiki/download/attachments/{pageId}/{name} serves the bytes of the latest or the asked version', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const att = await attach('blob data.bin', bytes, 'application/x-custom');
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('blob data.bin', 'second', 'application/x-custom'), minor()]);
    const latest = await raw('GET', `/wiki/download/attachments/${pageId}/blob%20data.bin`);
    expect(latest.status).toBe(200);
    expect(latest.text).toBe('second');
    expect(latest.headers.get('content-type')).toBe('application/x-custom');
    expect(latest.headers.get('content-disposition')).toBe(`attachment; filename="blob data.bin"; filename*=UTF-8''blob%20data.bin`);
    const first = await raw('GET', `/wiki${att._links.download as string}`);
    expect(first.status).toBe(200);
    expect(first.bytes.equals(bytes)).toBe(true);
    const counted = h.emulator.counters.snapshot().byRoute;
    expect(counted['GET /wiki/download/attachments/{pageId}/{filename}']).toBe(2);
  });

  it('answers the HTML 404 for an unknown page, name or version, and v1’s 403 for bad credentials', async () => {
    await attach('x.txt');
    for (const path of [`/wiki/download/attachments/999999/x.txt`, `/wiki/download/attachments/${pageId}/y.txt`, `/wiki/download/attachments/${pageId}/x.txt?version=9`]) {
      const r = await raw('GET', path);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toBe('text/html;charset=utf-8');
    }
    const anonymous = await raw('GET', `/wiki/download/attachments/${pageId}/x.txt`, { auth: false });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body!.message).toBe('Current user not permitted to use Confluence');
  });

  it('with downloadRedirect, the download link answers 302 to the media URL', async () => {
    await h.close();
    await startWith({ fidelity: { downloadRedirect: true } });
    const att = await attach('r.txt', 'redirected');
    const r = await raw('GET', `/wiki${att._links.download as string}`);
    expect(r.status).toBe(302);
    const media = await raw('GET', new URL(r.headers.get('location')!).pathname + new URL(r.headers.get('location')!).search, { auth: false });
    expect(media.text).toBe('redirected');
  });

  it('v1 …/download answers 302 to a media URL that is fetched without Authorization', async () => {
    const att = await attach('m.txt', 'first');
    await upload('PUT', `/content/${pageId}/child/attachment`, [file('m.txt', 'second'), minor()]);
    const r = await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download`);
    expect(r.status).toBe(302);
    expect(r.text).toBe('');
    const location = new URL(r.headers.get('location')!);
    expect(location.origin).toBe(h.base);
    expect(location.pathname).toBe(`/__media/file/${att.extensions.fileId}/binary`);
    expect(location.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(location.searchParams.get('collection')).toBe(`contentId-${pageId}`);
    const latest = await raw('GET', location.pathname + location.search, { auth: false });
    expect(latest.status).toBe(200);
    expect(latest.text).toBe('second');
    expect(latest.headers.get('content-type')).toBe('text/plain');
    const old = await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download?version=1`);
    const oldUrl = new URL(old.headers.get('location')!);
    expect((await raw('GET', oldUrl.pathname + oldUrl.search, { auth: false })).text).toBe('first');
    // fetch's own redirect handling gets the bytes in one call.
    expect((await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download`, { redirect: 'follow' })).text).toBe('second');
    const counted = h.emulator.counters.snapshot().byRoute;
    expect(counted['GET /__media/file/{fileId}/binary']).toBe(3);
    expect(counted['GET /wiki/rest/api/content/{id}/child/attachment/{attachmentId}/download']).toBe(3);
  });

  it('v1 …/download answers 400 for a version past the latest and 404 for an unknown or trashed attachment; media refuses bad tokens', async () => {
    const att = await attach('m.txt');
    const tooNew = await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download?version=2`);
    expect(tooNew.status).toBe(400);
    expect(tooNew.body!.message).toBe(`Invalid version 2: attachment ${att.id} has versions 1 to 1`);
    expect((await raw('GET', `${v1}/content/${pageId}/child/attachment/att999999/download`)).status).toBe(404);
    await h.call('DELETE', `${v2}/attachments/${att.id}`);
    expect((await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download`)).status).toBe(404);
    const trashedOk = await raw('GET', `${v1}/content/${pageId}/child/attachment/${att.id}/download?status=trashed`);
    expect(trashedOk.status).toBe(302);
    const forged = await raw('GET', `/__media/file/${att.extensions.fileId}/binary?token=forged`, { auth: false });
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ error: { code: 'Unauthorized', title: 'The media token is missing, invalid or expired.' } });
    expect((await raw('GET', '/__media/elsewhere', { auth: false })).status).toBe(404);
  });
});

describe('media tokens', () => {
  it('expire after their lifetime', () => {
    let now = 1_000;
    const tokens = new MediaTokens(() => now);
    const record = { id: '1', fileId: 'f', containerId: '2' } as AttachmentRecord;
    const token = tokens.issue(record, 1);
    expect(tokens.redeem(token)).toMatchObject({ attachmentId: '1', version: 1 });
    now += MEDIA_TOKEN_TTL_MS;
    expect(tokens.redeem(token)).toBeUndefined();
    expect(tokens.redeem('unknown')).toBeUndefined();
  });
});

describe('multipart parsing', () => {
  const ct = `multipart/form-data; boundary="${BOUNDARY}"`;

  it('reads quoted and RFC 5987 file names, part types and a preamble', () => {
    const body = Buffer.concat([
      Buffer.from('preamble\r\n'),
      multipart([
        { name: 'file', filename: 'a \\"q\\".txt', contentType: 'text/plain', data: 'A' },
        { name: 'minorEdit', data: 'true' },
      ]),
    ]);
    const parts = parseMultipart(ct, body);
    expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
      ['file', 'a "q".txt', 'text/plain', 'A'],
      ['minorEdit', undefined, undefined, 'true'],
    ]);
    const extended = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="fallback"; filename*=UTF-8''%E2%82%AC%20rate.txt\r\n\r\nx\r\n--${BOUNDARY}--`);
    expect(parseMultipart(ct, extended)[0]!.filename).toBe('€ rate.txt');
  });

  it('decodes text with the part charset, ISO-8859-1 without one', () => {
    const [plain, utf16] = parseMultipart(
      ct,
      multipart([
        { name: 'comment', data: 'é' },
        { name: 'comment', contentType: 'text/plain; charset=utf-16le', data: Buffer.from('é', 'utf16le') },
      ]),
    );
    expect(partText(plain!)).toBe('Ã©');
    expect(partText(utf16!)).toBe('é');
  });

  it('refuses a body without its boundary, a part without a name and a missing boundary parameter', () => {
    expect(() => parseMultipart(ct, Buffer.from('nothing'))).toThrow(MultipartError);
    expect(() => parseMultipart('multipart/form-data', Buffer.from(''))).toThrow('The multipart/form-data request has no boundary');
    expect(() => parseMultipart(ct, Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--`))).toThrow('A multipart part has no name');
    expect(() => parseMultipart('text/plain', Buffer.from(''))).toThrow('The request is not multipart/form-data');
  });

  it('guesses media types from the extension only when the declared one says nothing', () => {
    expect(mediaTypeOf('a.PNG', undefined)).toBe('image/png');
    expect(mediaTypeOf('a.png', 'application/octet-stream')).toBe('image/png');
    expect(mediaTypeOf('a.png', 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(mediaTypeOf('noext', undefined)).toBe('application/octet-stream');
  });
});
