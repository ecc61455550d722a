import { describe, expect, it } from 'vitest';
import { assertContract, checkResponse, ContractViolation, parseApiPath, type ObservedResponse, type Verdict } from '../emulator/contract.js';

const json = 'application/json;charset=UTF-8';
const respond = (method: string, path: string, status: number, body?: unknown, contentType: string | null = json): ObservedResponse => ({
  method,
  path,
  status,
  contentType: body === undefined ? null : contentType,
  text: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
});
const v2Err = (status: number, code: string, title = 'x') => ({ errors: [{ status, code, title, detail: null }] });
const v1Err = (statusCode: number, message = 'm') => ({ statusCode, message });

const page = {
  id: '65537',
  status: 'current',
  title: 'Hello',
  spaceId: '65536',
  parentId: '65538',
  parentType: 'page',
  position: 0,
  authorId: '557058:x',
  ownerId: '557058:x',
  lastOwnerId: null,
  createdAt: '2026-11-28T14:00:00.000Z',
  version: { createdAt: '2026-11-28T14:00:00.000Z', message: '', number: 1, minorEdit: false, authorId: '557058:x' },
  body: { storage: { representation: 'storage', value: '<p>x</p>' } },
  _links: { webui: '/spaces/DEMO/pages/65537/Hello', base: 'http://127.0.0.1/wiki' },
};

function expectViolation(verdict: Verdict, ...fragments: string[]): void {
  expect(verdict.kind).toBe('violation');
  const message = verdict.kind === 'violation' ? verdict.message : '';
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe('spec response schemas', () => {
  it('validates a conforming PageSingle against GET /pages/{id} 200', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/pages/65537?body-format=storage', 200, page))).toEqual({
      kind: 'validated',
      family: 'v2',
      method: 'GET',
      template: '/wiki/api/v2/pages/{id}',
      operation: 'v2 GET /wiki/api/v2/pages/{id}',
      status: 200,
      against: 'spec 200 application/json',
    });
  });

  it('names every wrong field with what it got: types, enums, formats', () => {
    const bad = { ...page, id: 65537, status: 'published', createdAt: '28.11.2026', version: { ...page.version, number: '1' } };
    expectViolation(
      checkResponse(respond('GET', '/wiki/api/v2/pages/65537', 200, bad)),
      '/id: must be string (got 65537)',
      '/status: must be equal to one of the allowed values ["current","draft","archived","historical","trashed","deleted","any"] (got "published")',
      '/createdAt: must match format "date-time" (got "28.11.2026")',
      '/version/number: must be integer (got "1")',
    );
  });

  it('validates list rows and the _links of a page list', () => {
    const list = { results: [{ ...page, subtype: null }], _links: { base: 'http://127.0.0.1/wiki', next: '/wiki/api/v2/pages?cursor=abc' } };
    expect(checkResponse(respond('GET', '/wiki/api/v2/pages', 200, list)).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages', 200, { results: {}, _links: {} })), '/results: must be array');
  });

  it('accepts parentId/parentType null only through the documented correction (notes §4.6)', () => {
    const trashed = { ...page, status: 'trashed', parentId: null, parentType: null, position: null };
    expect(checkResponse(respond('GET', '/wiki/api/v2/pages/65537', 200, trashed)).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/65537', 200, { ...page, title: null })), '/title: must be string (got null)');
  });

  it('checks v1 bodies against the v1 document (LabelArray requires results and size)', () => {
    const labels = { results: [{ prefix: 'global', name: 'a', id: '1', label: 'a' }], start: 0, limit: 200, size: 1, _links: { self: 'x' } };
    expect(checkResponse(respond('POST', '/wiki/rest/api/content/1/label', 200, labels)).kind).toBe('validated');
    expectViolation(checkResponse(respond('POST', '/wiki/rest/api/content/1/label', 200, { results: [{ name: 'a' }] })), "must have required property 'size'", "must have required property 'id'");
  });

  it('insists on a JSON body where the spec documents one, and on no body where it documents none', () => {
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/1', 200, '<html/>', 'text/html')), 'the spec documents a JSON body');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/1', 200, '{"id":', json)), 'does not parse');
    expect(checkResponse(respond('DELETE', '/wiki/api/v2/pages/1', 204)).kind).toBe('validated');
    expectViolation(checkResponse(respond('DELETE', '/wiki/api/v2/pages/1', 204, { ok: true })), 'the spec documents no body for 204');
  });

  it('checks only the status of HEAD requests', () => {
    expect(checkResponse(respond('HEAD', '/wiki/api/v2/pages/1', 200))).toMatchObject({ kind: 'validated', against: 'status only (HEAD has no body)' });
  });

  it('strips the api.atlassian.com and Maton prefixes before matching', () => {
    expect(parseApiPath('/ex/confluence/abc/wiki/api/v2/pages/1')).toEqual({ mount: 'atlassian-gateway', family: 'v2', sitePath: '/wiki/api/v2/pages/1' });
    expect(parseApiPath('/confluence/ex/confluence/abc/wiki/rest/api/user/current')).toEqual({ mount: 'maton-gateway', family: 'v1', sitePath: '/wiki/rest/api/user/current' });
    expect(parseApiPath('/wiki/api/v2/pages')).toEqual({ mount: 'site', family: 'v2', sitePath: '/wiki/api/v2/pages' });
    expect(parseApiPath('/wiki/spaces/DEMO')).toBeUndefined();
    expect(checkResponse(respond('GET', '/ex/confluence/abc/wiki/api/v2/pages/1', 200, page)).kind).toBe('validated');
  });
});

describe('error bodies (notes §6)', () => {
  it('validates documented error statuses against the v2 envelope', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/pages/9', 404, v2Err(404, 'NOT_FOUND', 'Not Found')))).toMatchObject({ kind: 'validated', against: 'spec 404 (no body documented); v2 error envelope' });
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/9', 404, { message: 'Not Found' })), "must have required property 'errors'");
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/9', 404, { errors: [{ status: 404, code: 'not found', title: 'x' }] })), "must have required property 'detail'", '/errors/0/code: must match pattern');
  });

  it('refuses an envelope whose status differs from the HTTP status', () => {
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/9', 400, v2Err(404, 'NOT_FOUND'))), 'states status 404 but the HTTP status is 400');
  });

  it('validates v1 errors against the v1 envelope, full or short form', () => {
    const full = { statusCode: 404, data: { authorized: true, valid: true, allowedInReadOnlyMode: true, errors: [], successful: false }, message: 'm', reason: 'Not Found' };
    expect(checkResponse(respond('POST', '/wiki/rest/api/content/1/label', 404, full)).kind).toBe('validated');
    expect(checkResponse(respond('POST', '/wiki/rest/api/content/1/label', 404, v1Err(404))).kind).toBe('validated');
    expectViolation(checkResponse(respond('POST', '/wiki/rest/api/content/1/label', 404, v2Err(404, 'NOT_FOUND'))), "must have required property 'statusCode'");
  });

  it('does not check non-JSON error bodies (Tomcat HTML, empty 405)', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/pages/1', 401, '<!doctype html>', 'text/html;charset=utf-8'))).toMatchObject({ kind: 'validated' });
  });

  it('accepts the gateway body only on gateway mounts, and Maton bodies only through Maton', () => {
    const gateway = { code: 401, message: 'Unauthorized; scope does not match' };
    expect(checkResponse(respond('GET', '/ex/confluence/abc/wiki/api/v2/pages/1', 401, gateway))).toMatchObject({ kind: 'validated' });
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/1', 401, gateway)), 'schema: v2 error envelope (notes §6)');
    const maton = { error: { status: 400, message: "No active connection 'x' found for app 'confluence'." } };
    expect(checkResponse(respond('GET', '/confluence/ex/confluence/abc/wiki/api/v2/pages', 400, maton)).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/ex/confluence/abc/wiki/api/v2/pages', 400, maton)), 'v2 error envelope or gateway error');
  });
});

describe('statuses the spec omits (allow-lists.ts)', () => {
  it('accepts 409 on PUT /pages/{id} but not on GET', () => {
    const conflict = v2Err(409, 'CONFLICT', 'Version must be incremented when updating a page. Current Version: [1]. Provided version: [1]');
    expect(checkResponse(respond('PUT', '/wiki/api/v2/pages/1', 409, conflict)).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/pages/1', 409, conflict)), 'status 409 is not documented for this operation (documented: 200, 400, 401, 404)');
  });

  it('accepts 429 with any JSON body, and the faults 500/503 with the envelope', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/spaces', 429, { message: 'Rate limit exceeded' })).kind).toBe('validated');
    expect(checkResponse(respond('GET', '/wiki/api/v2/spaces', 503, v2Err(503, 'SERVICE_UNAVAILABLE'))).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/spaces', 503, { oops: 1 })), "must have required property 'errors'");
  });

  it('accepts the v2 bare 404 and the v1 403 of bad credentials, and not a v1 401', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/spaces', 404, v2Err(404, 'NOT_FOUND', 'Not Found'))).kind).toBe('validated');
    expect(checkResponse(respond('GET', '/wiki/rest/api/user/current', 403, v1Err(403, 'caller cannot access Confluence'))).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/rest/api/user/current', 401, v1Err(401))), 'status 401 is not documented for this operation (documented: 200, 403)');
  });

  it('refuses a success status the spec does not document', () => {
    expectViolation(checkResponse(respond('POST', '/wiki/api/v2/pages', 201, page)), 'status 201 is not documented for this operation (documented: 200, 400, 401, 404, 413)');
  });
});

describe('routes', () => {
  it('skips the allow-listed non-API paths, with the reason', () => {
    expect(checkResponse(respond('GET', '/__emulator/requests', 200, {}))).toEqual({ kind: 'skipped', reason: "The emulator's own admin API: not Confluence." });
    expect(checkResponse(respond('GET', '/_edge/tenant_info', 200, { cloudId: 'x' })).kind).toBe('skipped');
    expect(checkResponse(respond('GET', '/confluence/oauth/token/accessible-resources', 200, [])).kind).toBe('skipped');
    expect(checkResponse(respond('GET', '/wiki/download/attachments/1/a.txt', 200, 'bytes', 'text/plain')).kind).toBe('skipped');
  });

  it('skips the HTML 404 of a non-route, but not JSON on an unknown path', () => {
    expect(checkResponse(respond('GET', '/nowhere', 404, '<html/>', 'text/html')).kind).toBe('skipped');
    expectViolation(checkResponse(respond('GET', '/nowhere', 200, { a: 1 })), 'neither an API route nor in allow-lists.ts nonApiPaths');
  });

  it('accepts 404 on a path neither document has, and nothing else there', () => {
    expect(checkResponse(respond('GET', '/wiki/api/v2/nothing/here', 404, '<html/>', 'text/html')).kind).toBe('validated');
    expect(checkResponse(respond('GET', '/wiki/rest/api/nothing', 404, v1Err(404, 'No resource found for /nothing'))).kind).toBe('validated');
    expectViolation(checkResponse(respond('GET', '/wiki/api/v2/nothing/here', 200, {})), 'the v2 document has no such path');
  });

  it('accepts 405 for a method the path lacks, and refuses a success there', () => {
    expect(checkResponse(respond('POST', '/wiki/api/v2/pages/1/labels', 405, v2Err(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed'))).kind).toBe('validated');
    expectViolation(checkResponse(respond('POST', '/wiki/api/v2/pages/1/labels', 200, {})), 'POST is not a documented operation (the document has GET for /wiki/api/v2/pages/{id}/labels)');
  });

  it('checks the allow-listed routes the v1 document omits: child listings and the removed content API', () => {
    const children = { results: [{ id: '1', type: 'page', status: 'current', title: 'A' }], start: 0, limit: 25, size: 1, _links: { base: 'http://x/wiki' } };
    expect(checkResponse(respond('GET', '/wiki/rest/api/content/1/child/page', 200, children))).toMatchObject({ kind: 'validated', against: 'allow-listed route: ContentArray' });
    expectViolation(checkResponse(respond('GET', '/wiki/rest/api/content/1/child/page', 200, { results: [{ id: '1' }] })), "must have required property 'size'", "must have required property 'status'");
    const gone = v1Err(410, 'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.');
    expect(checkResponse(respond('POST', '/wiki/rest/api/content', 410, gone))).toMatchObject({ kind: 'validated', against: 'allow-listed route status 410; v1 error envelope' });
    expectViolation(checkResponse(respond('POST', '/wiki/rest/api/content', 200, { id: '1', type: 'page', status: 'current' })), 'status 200 is not documented for this operation (documented: 410)');
  });
});

describe('assertContract', () => {
  it('throws a ContractViolation naming the request, status, operation and errors', () => {
    const bad = respond('GET', '/wiki/api/v2/pages/65537', 200, { ...page, id: 1 });
    expect(() => assertContract(bad)).toThrow(ContractViolation);
    expect(() => assertContract(bad)).toThrow('GET /wiki/api/v2/pages/65537 answered 200, which breaks the contract of v2 GET /wiki/api/v2/pages/{id}:\n  schema: spec 200 application/json\n  /id: must be string (got 1)');
  });

  it('returns the verdict of a conforming response', () => {
    expect(assertContract(respond('GET', '/wiki/api/v2/pages/1', 200, page)).kind).toBe('validated');
  });
});
