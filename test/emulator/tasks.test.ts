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
const storage = (value: string) => ({ representation: 'storage', value });
const assignee = '557058:aaaaaaaa-0000-4000-8000-000000000001';

const task = (id: string | null, status: string, body: string) =>
  `<ac:task>${id === null ? '' : `<ac:task-id>${id}</ac:task-id>`}<ac:task-status>${status}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;
const taskList = (...tasks: string[]) => `<ac:task-list>${tasks.join('')}</ac:task-list>`;

const standard = taskList(
  task('1', 'incomplete', `Write docs <ac:link><ri:user ri:account-id="${assignee}" /></ac:link> by <time datetime="2026-12-01" />`),
  task('2', 'complete', 'Ship it'),
);

async function page(title: string, body = standard, extra: Json = {}): Promise<Json> {
  const r = await h.call('POST', `${v2}/pages`, { spaceId: h.spaceId, title, body: storage(body), ...extra });
  expect(r.status).toBe(200);
  return r.body as Json;
}

async function tasks(query = ''): Promise<Json[]> {
  const r = await h.call('GET', `${v2}/tasks${query}`);
  expect(r.status).toBe(200);
  return (r.body as Json).results as Json[];
}

async function update(p: Json, n: number, body: string) {
  const r = await h.call('PUT', `${v2}/pages/${p.id}`, { id: p.id, status: 'current', title: p.title, body: storage(body), version: { number: n } });
  expect(r.status).toBe(200);
  return r.body as Json;
}

describe('tasks derived from page bodies', () => {
  it('a page with a task list lists its tasks: local id, status, assignee, due date, creator', async () => {
    await start();
    const p = await page('Plan');
    const found = await tasks(`?page-id=${p.id}`);
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      localId: '1',
      spaceId: h.spaceId,
      pageId: p.id,
      status: 'incomplete',
      createdBy: h.emulator.user.accountId,
      assignedTo: assignee,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      dueAt: '2026-12-01T00:00:00.000Z',
    });
    expect(found[1]).toMatchObject({ localId: '2', status: 'complete', completedBy: h.emulator.user.accountId, completedAt: expect.any(String) });
    expect(found[1]).not.toHaveProperty('assignedTo');
    const withBody = await tasks(`?page-id=${p.id}&body-format=storage`);
    expect(withBody[1]!.body).toEqual({ storage: { representation: 'storage', value: 'Ship it' } });
  });

  it('numbers tasks by position when the body has no task ids; blog posts have tasks too', async () => {
    await start();
    const p = await page('No ids', taskList(task(null, 'incomplete', 'one'), task(null, 'incomplete', 'two')));
    expect((await tasks(`?page-id=${p.id}`)).map((t) => t.localId)).toEqual(['1', '2']);
    const post = (await h.call('POST', `${v2}/blogposts`, { spaceId: h.spaceId, title: 'Post', body: storage(taskList(task('7', 'incomplete', 'blog task'))) })).body as Json;
    const blogTasks = await tasks(`?blogpost-id=${post.id}`);
    expect(blogTasks.map((t) => [t.localId, t.blogPostId])).toEqual([['7', post.id]]);
    expect(blogTasks[0]).not.toHaveProperty('pageId');
    // Page and blog post filters combine.
    expect(await tasks(`?page-id=${p.id}&blogpost-id=${post.id}`)).toHaveLength(3);
  });

  it('a save re-derives them: kept tasks keep their id, changed status completes, removed ones go', async () => {
    await start();
    const p = await page('Evolving');
    const before = await tasks(`?page-id=${p.id}`);
    await update(p, 2, taskList(task('1', 'complete', 'Write docs'), task('3', 'incomplete', 'New one')));
    const after = await tasks(`?page-id=${p.id}`);
    expect(after.map((t) => [t.localId, t.status])).toEqual([
      ['1', 'complete'],
      ['3', 'incomplete'],
    ]);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[0]).toMatchObject({ completedBy: h.emulator.user.accountId });
    expect(after[0]).not.toHaveProperty('assignedTo');
    expect((await h.call('GET', `${v2}/tasks/${before[1]!.id}`)).status).toBe(404);
  });

  it('drafts and trashed pages have no listed tasks', async () => {
    await start();
    await page('Draft', standard, { status: 'draft' });
    expect(await tasks()).toEqual([]);
    const p = await page('Trashed');
    const [first] = await tasks(`?page-id=${p.id}`);
    await h.call('DELETE', `${v2}/pages/${p.id}`);
    expect(await tasks()).toEqual([]);
    const gone = await h.call('GET', `${v2}/tasks/${first!.id}`);
    expect(gone.body).toEqual(error(404, 'NOT_FOUND', `Cannot find a task with id [${first!.id}]`));
  });
});

describe('GET /tasks filters', () => {
  it('filters by status, space, assignee, creator, completer, blank tasks and time ranges; paginates', async () => {
    await start();
    const p = await page('Filters', taskList(...[standard.slice('<ac:task-list>'.length, -'</ac:task-list>'.length), task('9', 'incomplete', '')]));
    const all = await tasks();
    expect(all.map((t) => t.localId)).toEqual(['1', '2', '9']);
    expect((await tasks('?status=complete')).map((t) => t.localId)).toEqual(['2']);
    expect((await tasks(`?space-id=${h.spaceId}`)).length).toBe(3);
    expect(await tasks('?space-id=999999')).toEqual([]);
    expect((await tasks(`?assigned-to=${assignee}`)).map((t) => t.localId)).toEqual(['1']);
    expect((await tasks(`?completed-by=${h.emulator.user.accountId}`)).map((t) => t.localId)).toEqual(['2']);
    expect((await tasks(`?created-by=${h.emulator.user.accountId}`)).length).toBe(3);
    expect((await tasks('?include-blank-tasks=false')).map((t) => t.localId)).toEqual(['1', '2']);
    expect((await tasks(`?task-id=${all[2]!.id}`)).map((t) => t.localId)).toEqual(['9']);
    const due = Date.parse('2026-12-01T00:00:00.000Z');
    expect((await tasks(`?due-at-from=${due}&due-at-to=${due}`)).map((t) => t.localId)).toEqual(['1']);
    expect(await tasks(`?due-at-from=${due + 1}`)).toEqual([]);
    const created = Date.parse(all[0]!.createdAt as string);
    expect((await tasks(`?created-at-from=${created}`)).length).toBe(3);
    expect(await tasks(`?created-at-to=${created - 1}`)).toEqual([]);
    expect((await tasks(`?completed-at-from=${created}`)).map((t) => t.localId)).toEqual(['2']);
    const first = await h.call('GET', `${v2}/tasks?limit=2&page-id=${p.id}`);
    expect(((first.body as Json).results as Json[]).map((t) => t.localId)).toEqual(['1', '2']);
    const second = await h.call('GET', (first.body as Json)._links.next as string);
    expect(((second.body as Json).results as Json[]).map((t) => t.localId)).toEqual(['9']);
  });

  it('refuses values of the wrong type', async () => {
    await start();
    const badId = await h.call('GET', `${v2}/tasks?page-id=abc`);
    expect(badId.status).toBe(400);
    expect(badId.body).toEqual(error(400, 'BAD_REQUEST', "Provided value {abc} for 'page-id' is not the correct type. Expected type is long"));
    expect((await h.call('GET', `${v2}/tasks?created-at-from=today`)).body).toEqual(
      error(400, 'BAD_REQUEST', "Provided value {today} for 'created-at-from' is not the correct type. Expected type is long"),
    );
    expect((await h.call('GET', `${v2}/tasks?status=done`)).status).toBe(400);
  });
});

describe('PUT /tasks/{id}', () => {
  it('sets the status and writes it into the page body without a new page version (default)', async () => {
    await start();
    const p = await page('Toggle');
    const [first] = await tasks(`?page-id=${p.id}`);
    const r = await h.call('PUT', `${v2}/tasks/${first!.id}?body-format=storage`, { status: 'complete' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: first!.id, status: 'complete', completedBy: h.emulator.user.accountId, body: { storage: { value: expect.stringContaining('Write docs') } } });
    const stored = (await h.call('GET', `${v2}/pages/${p.id}?body-format=storage`)).body as Json;
    expect(stored.version.number).toBe(1);
    expect(stored.body.storage.value).toContain('<ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status>');
    // Saving the page again keeps the new status: it is in the body now.
    await update(p, 2, stored.body.storage.value as string);
    expect((await h.call('GET', `${v2}/tasks/${first!.id}`)).body).toMatchObject({ status: 'complete' });
    const back = await h.call('PUT', `${v2}/tasks/${first!.id}`, { status: 'incomplete' });
    expect(back.body).toMatchObject({ status: 'incomplete' });
    expect(back.body).not.toHaveProperty('completedAt');
  });

  it('fidelity.taskStatusWrite=new-version saves a new page version instead', async () => {
    await start({ fidelity: { taskStatusWrite: 'new-version' } });
    const p = await page('Versioned toggle');
    const [first] = await tasks(`?page-id=${p.id}`);
    await h.call('PUT', `${v2}/tasks/${first!.id}`, { status: 'complete' });
    const stored = (await h.call('GET', `${v2}/pages/${p.id}?body-format=storage`)).body as Json;
    expect(stored.version.number).toBe(2);
    expect(stored.body.storage.value).toContain('<ac:task-status>complete</ac:task-status><ac:task-body>Write docs');
  });

  it('answers 400 for a bad status and 404 for a missing task', async () => {
    await start();
    const p = await page('Bad');
    const [first] = await tasks(`?page-id=${p.id}`);
    const bad = await h.call('PUT', `${v2}/tasks/${first!.id}`, { status: 'done' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(error(400, 'BAD_REQUEST', "Invalid status 'done': expected complete or incomplete"));
    expect((await h.call('PUT', `${v2}/tasks/${first!.id}`, {})).body).toEqual(error(400, 'BAD_REQUEST', "'status' is required"));
    const missing = await h.call('PUT', `${v2}/tasks/999999`, { status: 'complete' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a task with id [999999]'));
  });
});
