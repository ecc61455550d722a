/**
 * A realistic sync session against the emulator (space, page tree, updates, a move, paginated
 * listings, labels, properties, attachments, trash and purge), every answer checked against the
 * OpenAPI description by the harness. Afterwards: which documented operations were exercised, and
 * whether every route the emulator registers was validated.
 *
 * Steps for routes another module has not registered yet are skipped, so this file follows the
 * emulator as it grows; the pages and spaces routes must all be covered, always.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerV1, registerV2 } from '../../src/emulator/routes/index.js';
import { registerPages } from '../../src/emulator/routes/pages.js';
import { registerSpaces } from '../../src/emulator/routes/spaces.js';
import { assertContract, contractLog } from '../emulator/contract.js';
import { basicAuth, startHarness, type Harness } from '../emulator/harness.js';
import { routesNotInSpec } from './allow-lists.js';
import { documentedTemplate, routeName, routesOf, type RegisteredRoute } from './routes.js';
import { loadSpec, sameShape, type Family } from './spec.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const v2 = '/wiki/api/v2';
const v1 = '/wiki/rest/api';

const registered: RegisteredRoute[] = [...routesOf('v2', registerV2), ...routesOf('v1', registerV1)];
const core: RegisteredRoute[] = [...routesOf('v2', registerSpaces), ...routesOf('v2', registerPages)];
const attempted = new Set<string>();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  contractLog.length = 0;
});
afterAll(() => h.close());

function find(family: Family, method: string, template: string): RegisteredRoute | undefined {
  const full = `${family === 'v2' ? v2 : v1}${template}`;
  return registered.find((r) => r.family === family && r.method === method && sameShape(r.template, full));
}

/**
 * Calls a route if the emulator registers it (else undefined) and expects success: the harness has
 * already checked the answer against the spec.
 */
async function step(family: Family, method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const route = find(family, method, template);
  if (!route) return undefined;
  attempted.add(routeName(route));
  const r = await h.call(method, `${family === 'v2' ? v2 : v1}${path}`, body, headers);
  expect(r.status, `${method} ${path}: ${r.text.slice(0, 500)}`).toBeLessThan(300);
  return r.body as Json;
}

/** A call that must not follow redirects (the 302 of a download is the documented answer). */
async function stepNoRedirect(family: Family, method: string, template: string, path: string) {
  const route = find(family, method, template);
  if (!route) return undefined;
  attempted.add(routeName(route));
  const full = `${family === 'v2' ? v2 : v1}${path}`;
  const response = await fetch(`${h.base}${full}`, { method, headers: { authorization: basicAuth }, redirect: 'manual' });
  const text = await response.text();
  assertContract({ method, path: full, status: response.status, contentType: response.headers.get('content-type'), text });
  expect(response.status, `${method} ${path}`).toBeLessThan(400);
  return response;
}

const storage = (value: string) => ({ representation: 'storage', value });

function multipart(name: string, content: string): { body: string; headers: Record<string, string> } {
  const boundary = 'contract-test-boundary';
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${name}"`,
    'Content-Type: text/plain',
    '',
    content,
    `--${boundary}`,
    'Content-Disposition: form-data; name="minorEdit"',
    '',
    'true',
    `--${boundary}`,
    'Content-Disposition: form-data; name="comment"',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'uploaded by the contract test',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-atlassian-token': 'no-check' } };
}

describe('a sync session, every answer validated against the OpenAPI description', () => {
  it('runs: space, page tree, updates, move, pagination, labels, properties, attachments, trash and purge', async () => {
    // Space
    const space = (await step('v2', 'POST', '/spaces', '/spaces', { name: 'Contract', key: 'CONTRACT', description: { value: 'for the contract test', representation: 'plain' } }))!;
    await step('v2', 'GET', '/spaces', '/spaces?keys=contract,DEMO&description-format=plain');
    await step('v2', 'GET', '/spaces/{id}', `/spaces/${space.id}?description-format=view&include-labels=true`);

    // Page tree: a root with children and a grandchild, plus enough siblings to paginate.
    const create = (title: string, parentId?: string) =>
      step('v2', 'POST', '/pages', '/pages', { spaceId: space.id, status: 'current', title, parentId, body: storage(`<p>${title}</p>`) });
    const guide = (await create('Guide'))!;
    const install = (await create('Install', guide.id))!;
    const usage = (await create('Usage', guide.id))!;
    const advanced = (await create('Advanced', install.id))!;
    for (const title of ['FAQ', 'Glossary', 'Changelog']) await create(title);
    await step('v2', 'POST', '/pages', '/pages?root-level=true', { spaceId: space.id, status: 'current', title: 'Second root', body: storage('<p>r</p>') });

    // Reads in every body format, with the include-* blocks.
    for (const format of ['storage', 'atlas_doc_format', 'view']) {
      await step('v2', 'GET', '/pages/{id}', `/pages/${usage.id}?body-format=${format}`);
    }
    await step(
      'v2',
      'GET',
      '/pages/{id}',
      `/pages/${usage.id}?include-labels=true&include-properties=true&include-operations=true&include-likes=true&include-versions=true&include-favorited-by-current-user-status=true`,
    );

    // Update the body, move a page (new parent), rename through /title.
    const updated = (await step('v2', 'PUT', '/pages/{id}', `/pages/${usage.id}`, {
      id: usage.id,
      status: 'current',
      title: 'Usage',
      body: storage('<p>Usage, revised</p><ac:structured-macro ac:name="info"><ac:rich-text-body><p>note</p></ac:rich-text-body></ac:structured-macro>'),
      version: { number: 2, message: 'revise' },
    }))!;
    expect(updated.version.number).toBe(2);
    await step('v2', 'PUT', '/pages/{id}', `/pages/${advanced.id}`, {
      id: advanced.id,
      status: 'current',
      title: 'Advanced',
      parentId: usage.id,
      body: storage('<p>Advanced</p>'),
      version: { number: 2 },
    });
    await step('v2', 'PUT', '/pages/{id}/title', `/pages/${install.id}/title`, { status: 'current', title: 'Installation' });

    // Listings with pagination: follow _links.next to the end.
    let next: string | undefined = `/pages?space-id=${space.id}&limit=2&body-format=storage&sort=title`;
    let seen = 0;
    while (next) {
      const list: Json = (await step('v2', 'GET', '/pages', next))!;
      seen += list.results.length;
      next = list._links.next?.replace(v2, '');
    }
    expect(seen).toBe(9);
    await step('v2', 'GET', '/spaces/{id}/pages', `/spaces/${space.id}/pages?depth=root&limit=1`);
    await step('v2', 'GET', '/pages/{id}/children', `/pages/${guide.id}/children`);
    await step('v2', 'GET', '/pages/{id}/direct-children', `/pages/${guide.id}/direct-children?sort=title`);
    await step('v2', 'GET', '/pages/{id}/descendants', `/pages/${guide.id}/descendants?depth=3`);
    await step('v2', 'GET', '/pages/{id}/ancestors', `/pages/${advanced.id}/ancestors`);
    await step('v2', 'GET', '/pages/{id}/versions', `/pages/${usage.id}/versions?body-format=storage`);
    await step('v2', 'GET', '/pages/{page-id}/versions/{version-number}', `/pages/${usage.id}/versions/1`);

    // Labels: written through v1, read through v2 (notes §4.9).
    await step('v1', 'POST', '/content/{id}/label', `/content/${usage.id}/label`, [{ prefix: 'global', name: 'docs' }, { prefix: 'global', name: 'how-to' }]);
    await step('v1', 'GET', '/content/{id}/label', `/content/${usage.id}/label`);
    await step('v1', 'GET', '/content/{id}/child/label', `/content/${usage.id}/child/label`);
    await step('v2', 'GET', '/pages/{id}/labels', `/pages/${usage.id}/labels`);
    await step('v2', 'GET', '/spaces/{id}/labels', `/spaces/${space.id}/labels`);
    await step('v2', 'GET', '/labels', '/labels');
    await step('v1', 'DELETE', '/content/{id}/label', `/content/${usage.id}/label?name=how-to`);
    await step('v1', 'POST', '/content/{id}/label', `/content/${usage.id}/label`, [{ prefix: 'global', name: 'temp' }]);
    await step('v1', 'DELETE', '/content/{id}/label/{label}', `/content/${usage.id}/label/temp`);

    // Content properties (own version counter, notes §4.8).
    const property = await step('v2', 'POST', '/pages/{page-id}/properties', `/pages/${usage.id}/properties`, { key: 'sync-hash', value: { sha: 'abc' } });
    if (property) {
      await step('v2', 'GET', '/pages/{page-id}/properties', `/pages/${usage.id}/properties?key=sync-hash`);
      await step('v2', 'GET', '/pages/{page-id}/properties/{property-id}', `/pages/${usage.id}/properties/${property.id}`);
      await step('v2', 'PUT', '/pages/{page-id}/properties/{property-id}', `/pages/${usage.id}/properties/${property.id}`, {
        key: 'sync-hash',
        value: { sha: 'def' },
        version: { number: 2 },
      });
      await step('v2', 'DELETE', '/pages/{page-id}/properties/{property-id}', `/pages/${usage.id}/properties/${property.id}`);
    }

    // Attachments: uploaded through v1 (v2 cannot write them), read through both.
    const upload = multipart('notes.txt', 'hello');
    const uploaded = await step('v1', 'POST', '/content/{id}/child/attachment', `/content/${usage.id}/child/attachment`, upload.body, upload.headers);
    if (uploaded) {
      const attachmentId = uploaded.results[0].id as string;
      const again = multipart('notes.txt', 'hello again');
      await step('v1', 'PUT', '/content/{id}/child/attachment', `/content/${usage.id}/child/attachment`, again.body, again.headers);
      const data = multipart('notes.txt', 'third');
      await step('v1', 'POST', '/content/{id}/child/attachment/{attachmentId}/data', `/content/${usage.id}/child/attachment/${attachmentId}/data`, data.body, data.headers);
      await step('v1', 'GET', '/content/{id}/child/attachment', `/content/${usage.id}/child/attachment?limit=1`);
      await stepNoRedirect('v1', 'GET', '/content/{id}/child/attachment/{attachmentId}/download', `/content/${usage.id}/child/attachment/${attachmentId}/download`);
      await step('v2', 'GET', '/pages/{id}/attachments', `/pages/${usage.id}/attachments?limit=1`);
      await step('v2', 'GET', '/attachments', '/attachments?limit=5');
      await step('v2', 'GET', '/attachments/{id}', `/attachments/${attachmentId}?include-versions=true&include-labels=true`);
      await step('v2', 'GET', '/attachments/{id}/versions', `/attachments/${attachmentId}/versions`);
      await step('v2', 'GET', '/attachments/{attachment-id}/versions/{version-number}', `/attachments/${attachmentId}/versions/1`);
      await step('v2', 'DELETE', '/attachments/{id}', `/attachments/${attachmentId}`);
    }

    // v1 hierarchy: children listing and the move API.
    await step('v1', 'GET', '/content/{id}/child/page', `/content/${guide.id}/child/page?limit=1`);
    await step('v1', 'PUT', '/content/{pageId}/move/{position}/{targetId}', `/content/${advanced.id}/move/append/${guide.id}`);
    await step('v1', 'GET', '/user/current', '/user/current');

    // A legacy client on the removed v1 content API gets 410 Gone (notes §2); child/label is read-only (§4.9).
    for (const [method, template, path] of [
      ['GET', '/content', '/content?type=page'],
      ['POST', '/content', '/content'],
      ['GET', '/content/{id}', `/content/${usage.id}`],
      ['PUT', '/content/{id}', `/content/${usage.id}`],
      ['DELETE', '/content/{id}', `/content/${usage.id}`],
      ['POST', '/content/{id}/child/label', `/content/${usage.id}/child/label`],
      ['PUT', '/content/{id}/child/label', `/content/${usage.id}/child/label`],
      ['DELETE', '/content/{id}/child/label', `/content/${usage.id}/child/label`],
    ] as const) {
      const route = find('v1', method, template);
      if (!route) continue;
      attempted.add(routeName(route));
      const r = await h.call(method, `${v1}${path}`, method === 'GET' || method === 'DELETE' ? undefined : [{ prefix: 'global', name: 'x' }]);
      expect([405, 410], `${method} ${path}`).toContain(r.status);
    }

    // Trash, read the trashed page, purge; then it is gone.
    await step('v2', 'DELETE', '/pages/{id}', `/pages/${advanced.id}`);
    const trashed = (await step('v2', 'GET', '/pages/{id}', `/pages/${advanced.id}`))!;
    expect(trashed.status).toBe('trashed');
    await step('v2', 'GET', '/pages/{id}', `/pages/${advanced.id}?status=trashed`);
    await step('v2', 'GET', '/pages', `/pages?space-id=${space.id}&status=trashed`);
    await step('v2', 'DELETE', '/pages/{id}', `/pages/${advanced.id}?purge=true`);
    const gone = await h.call('GET', `${v2}/pages/${advanced.id}`);
    expect(gone.status).toBe(404);
  });
});

describe('the rest of the content model, where registered', () => {
  it('runs: blog posts, folders, comments, properties on every container, label lookups, tasks, custom content, archive', async () => {
    const space = (await step('v2', 'GET', '/spaces', '/spaces?keys=CONTRACT'))!.results[0] as Json;
    const page = (await step('v2', 'POST', '/pages', '/pages', {
      spaceId: space.id,
      status: 'current',
      title: 'Checklist',
      body: storage('<p>Review the checklist</p><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Ship it</ac:task-body></ac:task></ac:task-list>'),
    }))!;
    await step('v1', 'POST', '/content/{id}/label', `/content/${page.id}/label`, [{ prefix: 'global', name: 'checklist' }]);

    // Blog posts
    const post = await step('v2', 'POST', '/blogposts', '/blogposts', { spaceId: space.id, status: 'current', title: 'Release notes', body: storage('<p>new</p>') });
    if (post) {
      await step('v2', 'GET', '/blogposts', `/blogposts?space-id=${space.id}&body-format=storage`);
      await step('v2', 'GET', '/blogposts/{id}', `/blogposts/${post.id}?body-format=storage&include-labels=true`);
      await step('v2', 'PUT', '/blogposts/{id}', `/blogposts/${post.id}`, {
        id: post.id,
        status: 'current',
        title: 'Release notes',
        spaceId: space.id,
        body: storage('<p>newer</p>'),
        version: { number: 2 },
      });
      await step('v2', 'GET', '/blogposts/{id}/versions', `/blogposts/${post.id}/versions`);
      await step('v2', 'GET', '/blogposts/{blogpost-id}/versions/{version-number}', `/blogposts/${post.id}/versions/2`);
      await step('v1', 'POST', '/content/{id}/label', `/content/${post.id}/label`, [{ prefix: 'global', name: 'release' }]);
      await step('v2', 'GET', '/blogposts/{id}/labels', `/blogposts/${post.id}/labels`);
      await step('v2', 'GET', '/blogposts/{id}/attachments', `/blogposts/${post.id}/attachments`);
      await step('v2', 'GET', '/blogposts/{id}/footer-comments', `/blogposts/${post.id}/footer-comments`);
      await step('v2', 'GET', '/blogposts/{id}/inline-comments', `/blogposts/${post.id}/inline-comments`);
      await step('v2', 'GET', '/blogposts/{id}/custom-content', `/blogposts/${post.id}/custom-content?type=forge:contract`);
      await propertyRoundTrip('/blogposts/{blogpost-id}/properties', `/blogposts/${post.id}/properties`);
      await step('v2', 'GET', '/spaces/{id}/blogposts', `/spaces/${space.id}/blogposts`);
    }

    // Label lookups
    const labels = await step('v2', 'GET', '/pages/{id}/labels', `/pages/${page.id}/labels`);
    const labelId = labels?.results[0]?.id as string | undefined;
    if (labelId) {
      await step('v2', 'GET', '/labels/{id}/pages', `/labels/${labelId}/pages`);
      await step('v2', 'GET', '/labels/{id}/blogposts', `/labels/${labelId}/blogposts`);
    }
    await step('v2', 'GET', '/spaces/{id}/content/labels', `/spaces/${space.id}/content/labels`);

    // Folders
    const folder = await step('v2', 'POST', '/folders', '/folders', { spaceId: space.id, title: 'Archive folder', parentId: page.id });
    if (folder) {
      await step('v2', 'POST', '/pages', '/pages', { spaceId: space.id, status: 'current', title: 'Filed away', parentId: folder.id, body: storage('<p>f</p>') });
      await step('v2', 'GET', '/folders/{id}', `/folders/${folder.id}`);
      await step('v2', 'GET', '/folders/{id}/direct-children', `/folders/${folder.id}/direct-children`);
      await step('v2', 'GET', '/folders/{id}/descendants', `/folders/${folder.id}/descendants`);
      await step('v2', 'GET', '/folders/{id}/ancestors', `/folders/${folder.id}/ancestors`);
      await propertyRoundTrip('/folders/{id}/properties', `/folders/${folder.id}/properties`);
    }

    // Space properties (create answers 201, notes §4.8)
    await propertyRoundTrip('/spaces/{space-id}/properties', `/spaces/${space.id}/properties`);

    // Footer and inline comments
    const comment = await step('v2', 'POST', '/footer-comments', '/footer-comments', { pageId: page.id, body: storage('<p>Looks good</p>') });
    if (comment) {
      const reply = (await step('v2', 'POST', '/footer-comments', '/footer-comments', { parentCommentId: comment.id, body: storage('<p>Thanks</p>') }))!;
      await step('v2', 'GET', '/footer-comments', '/footer-comments?body-format=storage');
      await step('v2', 'GET', '/pages/{id}/footer-comments', `/pages/${page.id}/footer-comments?body-format=storage`);
      await step('v2', 'GET', '/footer-comments/{comment-id}', `/footer-comments/${comment.id}?body-format=storage`);
      await step('v2', 'PUT', '/footer-comments/{comment-id}', `/footer-comments/${comment.id}`, { version: { number: 2 }, body: storage('<p>Looks great</p>') });
      await step('v2', 'GET', '/footer-comments/{id}/children', `/footer-comments/${comment.id}/children`);
      await step('v2', 'GET', '/footer-comments/{id}/versions', `/footer-comments/${comment.id}/versions`);
      await step('v2', 'GET', '/footer-comments/{id}/versions/{version-number}', `/footer-comments/${comment.id}/versions/1`);
      await propertyRoundTrip('/comments/{comment-id}/properties', `/comments/${comment.id}/properties`);
      await step('v2', 'DELETE', '/footer-comments/{comment-id}', `/footer-comments/${reply.id}`);
    }
    const inline = await step('v2', 'POST', '/inline-comments', '/inline-comments', {
      pageId: page.id,
      body: storage('<p>Which checklist?</p>'),
      inlineCommentProperties: { textSelection: 'checklist', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 },
    });
    if (inline) {
      await step('v2', 'GET', '/inline-comments', '/inline-comments');
      await step('v2', 'GET', '/pages/{id}/inline-comments', `/pages/${page.id}/inline-comments`);
      await step('v2', 'GET', '/inline-comments/{comment-id}', `/inline-comments/${inline.id}?body-format=storage`);
      await step('v2', 'PUT', '/inline-comments/{comment-id}', `/inline-comments/${inline.id}`, { version: { number: 2 }, body: storage('<p>This one.</p>') });
      await step('v2', 'GET', '/inline-comments/{id}/children', `/inline-comments/${inline.id}/children`);
      await step('v2', 'GET', '/inline-comments/{id}/versions', `/inline-comments/${inline.id}/versions`);
      await step('v2', 'GET', '/inline-comments/{id}/versions/{version-number}', `/inline-comments/${inline.id}/versions/1`);
      await step('v2', 'DELETE', '/inline-comments/{comment-id}', `/inline-comments/${inline.id}`);
    }

    // Tasks, from the task list in the page body
    const tasks = await step('v2', 'GET', '/tasks', `/tasks?page-id=${page.id}&body-format=storage`);
    const task = tasks?.results[0] as Json | undefined;
    if (task) {
      await step('v2', 'GET', '/tasks/{id}', `/tasks/${task.id}`);
      await step('v2', 'PUT', '/tasks/{id}', `/tasks/${task.id}`, { status: 'complete' });
    }

    // Custom content (an app's own type)
    const type = 'forge:contract';
    const custom = await step('v2', 'POST', '/custom-content', '/custom-content', { type, pageId: page.id, title: 'Metadata', body: storage('<p>m</p>') });
    if (custom) {
      await step('v2', 'GET', '/custom-content', `/custom-content?type=${type}`);
      await step('v2', 'GET', '/custom-content/{id}', `/custom-content/${custom.id}?body-format=storage`);
      await step('v2', 'PUT', '/custom-content/{id}', `/custom-content/${custom.id}`, {
        id: custom.id,
        type,
        status: 'current',
        pageId: page.id,
        title: 'Metadata',
        body: storage('<p>m2</p>'),
        version: { number: 2 },
      });
      await step('v2', 'GET', '/custom-content/{id}/children', `/custom-content/${custom.id}/children`);
      await step('v2', 'GET', '/custom-content/{custom-content-id}/versions', `/custom-content/${custom.id}/versions`);
      await step('v2', 'GET', '/custom-content/{custom-content-id}/versions/{version-number}', `/custom-content/${custom.id}/versions/1`);
      await step('v2', 'GET', '/custom-content/{id}/labels', `/custom-content/${custom.id}/labels`);
      await step('v2', 'GET', '/custom-content/{id}/footer-comments', `/custom-content/${custom.id}/footer-comments`);
      await step('v2', 'GET', '/spaces/{id}/custom-content', `/spaces/${space.id}/custom-content?type=${type}`);
      await step('v2', 'GET', '/pages/{id}/custom-content', `/pages/${page.id}/custom-content?type=${type}`);
      await propertyRoundTrip('/custom-content/{custom-content-id}/properties', `/custom-content/${custom.id}/properties`);
      await step('v2', 'DELETE', '/custom-content/{id}', `/custom-content/${custom.id}`);
    }

    // Archive through v1 (a long task), then the page is archived.
    const archived = await step('v1', 'POST', '/content/archive', '/content/archive', { pages: [{ id: page.id }] });
    if (archived) {
      await step('v1', 'GET', '/longtask/{id}', `/longtask/${archived.id}`);
      if (post) await step('v2', 'DELETE', '/blogposts/{id}', `/blogposts/${post.id}`);
      if (folder) await step('v2', 'DELETE', '/folders/{id}', `/folders/${folder.id}`);
    }
  });
});

/** Create, list, read, update (property version + 1) and delete one content property under `base`. */
async function propertyRoundTrip(template: string, base: string): Promise<void> {
  const created = await step('v2', 'POST', template, base, { key: 'contract-key', value: { n: 1 } });
  if (!created) return;
  await step('v2', 'GET', template, `${base}?key=contract-key`);
  await step('v2', 'GET', `${template}/{property-id}`, `${base}/${created.id}`);
  await step('v2', 'PUT', `${template}/{property-id}`, `${base}/${created.id}`, { key: 'contract-key', value: { n: 2 }, version: { number: 2 } });
  await step('v2', 'DELETE', `${template}/{property-id}`, `${base}/${created.id}`);
}

describe('coverage of the OpenAPI operations', () => {
  it('every route the emulator registers is documented, or allow-listed with a reason', () => {
    const unknown = registered.filter((r) => documentedTemplate(r) === undefined).map(routeName);
    expect(unknown, 'routes in neither document nor allow-lists.ts routesNotInSpec').toEqual([]);
  });

  it('validated every pages and spaces route with a success answer', () => {
    expect(core.filter((r) => !covered(r)).map(routeName)).toEqual([]);
  });

  it('validated every route the session called', () => {
    expect(registered.filter((r) => attempted.has(routeName(r)) && !covered(r)).map(routeName)).toEqual([]);
  });

  it('reports the exercised operations and the registered routes the session does not reach', async ({ annotate }) => {
    const operations = new Set<string>();
    for (const v of contractLog) if (v.kind === 'validated' && v.status < 400) operations.add(`${v.family} ${v.method} ${v.template}`);
    const totals = (['v2', 'v1'] as const).map((family) => {
      const all = Object.values(loadSpec(family).paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      const used = [...operations].filter((o) => o.startsWith(`${family} `)).length;
      return `${family}: ${used} of ${all} documented operations`;
    });
    const notReached = registered.filter((r) => !covered(r)).map(routeName);
    await annotate(`exercised with a success answer (${totals.join('; ')}):\n${[...operations].sort().join('\n')}`);
    await annotate(notReached.length === 0 ? 'every registered route was validated' : `registered but not reached by this session:\n${notReached.join('\n')}`);
    expect(operations.size).toBeGreaterThanOrEqual(core.length);
  });
});

/**
 * Whether the session validated an answer of this route: a success, or, for an allow-listed route
 * that never succeeds (the removed v1 content API, read-only child/label writes), its error.
 */
function covered(route: RegisteredRoute): boolean {
  const documented = documentedTemplate(route);
  if (!documented) return false;
  const listed = routesNotInSpec.find((r) => r.family === route.family && r.method === route.method && sameShape(r.template, route.template));
  const errorOnly = documented.source === 'allow-list' && listed?.success === undefined;
  return contractLog.some(
    (v) =>
      v.kind === 'validated' &&
      v.family === route.family &&
      v.method === route.method &&
      v.template !== undefined &&
      sameShape(v.template, route.template) &&
      (v.status < 400 || errorOnly),
  );
}
