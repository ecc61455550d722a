import { ApiError } from '../errors.js';
import { ok, type ApiRequest } from '../http-types.js';
import type { TaskRecord } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { flag, multi, objectBody, oneOf, pathId, stringField } from '../params.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { setTaskStatus, taskContainer } from '../tasks-store.js';
import { bodyView } from '../views.js';

/**
 * Tasks (spec): derived from `ac:task` elements of page and blog post bodies (tasks-store.ts).
 * `PUT /tasks/{id}` changes only the status (spec) and writes it back into the body.
 */

const formats = ['storage', 'atlas_doc_format'] as const;

function taskNotFound(id: string): ApiError {
  return new ApiError(404, `Cannot find a task with id [${id}]`);
}

function findTask(site: Site, id: string): TaskRecord {
  const task = site.tasks.get(id);
  if (!task || !taskContainer(site, task)) throw taskNotFound(id);
  return task;
}

export function taskView(site: Site, task: TaskRecord, format: (typeof formats)[number] | undefined): Record<string, unknown> {
  const container = taskContainer(site, task);
  const view: Record<string, unknown> = { id: task.id, localId: task.localId, spaceId: task.spaceId };
  if (container) view[container.kind === 'page' ? 'pageId' : 'blogPostId'] = container.id;
  view.status = task.status;
  if (format !== undefined) view.body = bodyView(site, task.body, format);
  view.createdBy = task.createdBy;
  if (task.assignedTo) view.assignedTo = task.assignedTo;
  if (task.completedBy) view.completedBy = task.completedBy;
  view.createdAt = task.createdAt;
  view.updatedAt = task.updatedAt;
  if (task.dueAt) view.dueAt = task.dueAt;
  if (task.completedAt) view.completedAt = task.completedAt;
  return view;
}

/** An epoch-milliseconds bound (`created-at-from`, …); anything but an integer is a 400. */
function epoch(req: ApiRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw new ApiError(400, `Provided value {${raw}} for '${name}' is not the correct type. Expected type is long`);
  return Number(raw);
}

function within(value: string | null | undefined, from: number | undefined, to: number | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (!value) return false;
  const time = Date.parse(value);
  return (from === undefined || time >= from) && (to === undefined || time <= to);
}

function ids(req: ApiRequest, name: string): string[] {
  const values = multi(req, name);
  for (const v of values) if (!/^\d+$/.test(v)) throw new ApiError(400, `Provided value {${v}} for '${name}' is not the correct type. Expected type is long`);
  return values;
}

export function registerTasks(router: Router): void {
  router.get('/tasks', (req) => {
    const site = req.site;
    const format = oneOf(req, 'body-format', formats);
    const includeBlank = flag(req, 'include-blank-tasks', true);
    const status = oneOf(req, 'status', ['complete', 'incomplete'] as const);
    const taskIds = ids(req, 'task-id');
    const spaceIds = ids(req, 'space-id');
    const pageIds = ids(req, 'page-id');
    const blogIds = ids(req, 'blogpost-id');
    const createdBy = multi(req, 'created-by');
    const assignedTo = multi(req, 'assigned-to');
    const completedBy = multi(req, 'completed-by');
    const created = [epoch(req, 'created-at-from'), epoch(req, 'created-at-to')] as const;
    const due = [epoch(req, 'due-at-from'), epoch(req, 'due-at-to')] as const;
    const completed = [epoch(req, 'completed-at-from'), epoch(req, 'completed-at-to')] as const;
    const rows = [...site.tasks.values()].filter((t) => {
      const container = taskContainer(site, t);
      if (!container) return false;
      // Page and blog post filters combine: a task matches when its container is in either list.
      const containerFiltered = pageIds.length > 0 || blogIds.length > 0;
      const containerMatches = container.kind === 'page' ? pageIds.includes(container.id) : blogIds.includes(container.id);
      return (
        (includeBlank || t.body.trim() !== '') &&
        (status === undefined || t.status === status) &&
        (taskIds.length === 0 || taskIds.includes(t.id)) &&
        (spaceIds.length === 0 || spaceIds.includes(t.spaceId)) &&
        (!containerFiltered || containerMatches) &&
        (createdBy.length === 0 || createdBy.includes(t.createdBy)) &&
        (assignedTo.length === 0 || assignedTo.includes(t.assignedTo ?? '')) &&
        (completedBy.length === 0 || completedBy.includes(t.completedBy ?? '')) &&
        within(t.createdAt, ...created) &&
        within(t.dueAt, ...due) &&
        within(t.completedAt, ...completed)
      );
    });
    return listResponse(req, rows, { key: (t) => [idKey(t.id)], view: (t) => taskView(site, t, format) });
  });

  router.get('/tasks/{id}', (req) => ok(taskView(req.site, findTask(req.site, pathId(req)), oneOf(req, 'body-format', formats))));

  router.put('/tasks/{id}', (req) => {
    const site = req.site;
    const task = findTask(site, pathId(req));
    const format = oneOf(req, 'body-format', formats);
    const body = objectBody(req);
    const status = stringField(body, 'status', true);
    if (status !== 'complete' && status !== 'incomplete') throw new ApiError(400, `Invalid status '${status}': expected complete or incomplete`);
    setTaskStatus(site, req.user, task, status);
    return ok(taskView(site, task, format));
  });
}
