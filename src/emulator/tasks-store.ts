import { indexTask, tasksOn } from './content-index.js';
import { ApiError } from './errors.js';
import type { DocumentRecord, TaskRecord, User } from './model.js';
import type { Site } from './site.js';
import { serializeStorage } from './storage/serialize.js';
import { parseStorage, type XmlElement, type XmlNode } from './storage/xml-tree.js';
import { current } from './views.js';

/**
 * Tasks come from the `ac:task` elements of page and blog post bodies (notes §10.6). Each save of
 * a current (or archived) page or blog post re-derives its tasks:
 * - a task is identified within its page by its `ac:task-id` (`localId`), or by its position among
 *   the page's tasks (1, 2, …) when the body has no task ids;
 * - `ac:task-status` `complete` makes it complete, anything else incomplete;
 * - the assignee is the first user mentioned in the task body (`ri:user ri:account-id`) and the due
 *   date the first `<time datetime="YYYY-MM-DD"/>` in it (Confluence's editor behaviour, inferred);
 * - tasks that disappeared from the body are removed; kept ones keep their id and `createdAt`.
 * A task's status can be changed with `setTaskStatus`, which writes it back into the page body.
 */

interface ParsedTask {
  readonly localId: string;
  readonly status: TaskRecord['status'];
  readonly body: string;
  readonly assignedTo: string | null;
  readonly dueAt: string | null;
  readonly element: XmlElement;
}

function isElement(node: XmlNode, name?: string): node is XmlElement {
  return node.type === 'element' && (name === undefined || node.name === name);
}

function textOf(node: XmlNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value;
  if (node.type === 'comment') return '';
  return node.children.map(textOf).join('');
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([n]) => n === name)?.[1];
}

function find(nodes: readonly XmlNode[], test: (e: XmlElement) => boolean): XmlElement | undefined {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) return node;
    const inner = find(node.children, test);
    if (inner) return inner;
  }
  return undefined;
}

/** Every `ac:task` in document order (nested task lists included). */
function taskElements(nodes: readonly XmlNode[], out: XmlElement[] = []): XmlElement[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === 'ac:task') out.push(node);
    taskElements(node.children, out);
  }
  return out;
}

function parseTasks(nodes: readonly XmlNode[]): ParsedTask[] {
  return taskElements(nodes).map((element, index) => {
    const child = (name: string) => element.children.find((c): c is XmlElement => isElement(c, name));
    const body = child('ac:task-body');
    const id = child('ac:task-id');
    const user = body ? find(body.children, (e) => e.name === 'ri:user' && attribute(e, 'ri:account-id') !== undefined) : undefined;
    const time = body ? find(body.children, (e) => e.name === 'time' && /^\d{4}-\d{2}-\d{2}$/.test(attribute(e, 'datetime') ?? '')) : undefined;
    const status = child('ac:task-status');
    return {
      localId: id && textOf(id).trim() !== '' ? textOf(id).trim() : String(index + 1),
      status: status && textOf(status).trim() === 'complete' ? 'complete' : 'incomplete',
      body: body ? serializeStorage(body.children) : '',
      assignedTo: user ? attribute(user, 'ri:account-id')! : null,
      dueAt: time ? `${attribute(time, 'datetime')!}T00:00:00.000Z` : null,
      element,
    } satisfies ParsedTask;
  });
}

/** Re-derives the tasks of a page or blog post from its current body. Called by documents.ts after each save. */
export function syncTasks(site: Site, user: User, record: DocumentRecord): void {
  if (record.status !== 'current' && record.status !== 'archived') return;
  let parsed: ParsedTask[];
  try {
    parsed = parseTasks(parseStorage(current(record).body));
  } catch {
    return;
  }
  const existing = new Map(tasksOn(site, record.id).map((t) => [t.localId, t]));
  const now = site.now();
  const seen = new Set<string>();
  for (const task of parsed) {
    if (seen.has(task.localId)) continue;
    seen.add(task.localId);
    const known = existing.get(task.localId);
    if (!known) {
      const created: TaskRecord = {
        id: site.nextId(),
        localId: task.localId,
        spaceId: record.spaceId,
        containerId: record.id,
        status: task.status,
        body: task.body,
        createdAt: now,
        updatedAt: now,
        createdBy: user.accountId,
        completedAt: task.status === 'complete' ? now : null,
        completedBy: task.status === 'complete' ? user.accountId : null,
        assignedTo: task.assignedTo,
        dueAt: task.dueAt,
      };
      site.tasks.set(created.id, created);
      indexTask(site, created);
      continue;
    }
    const changed = known.status !== task.status || known.body !== task.body || (known.assignedTo ?? null) !== task.assignedTo || (known.dueAt ?? null) !== task.dueAt;
    if (known.status !== task.status) markStatus(known, task.status, user, now);
    known.body = task.body;
    known.assignedTo = task.assignedTo;
    known.dueAt = task.dueAt;
    if (changed) known.updatedAt = now;
  }
  for (const [localId, task] of existing) if (!seen.has(localId)) site.tasks.delete(task.id);
}

function markStatus(task: TaskRecord, status: TaskRecord['status'], user: User, now: string): void {
  task.status = status;
  task.completedAt = status === 'complete' ? now : null;
  task.completedBy = status === 'complete' ? user.accountId : null;
}

/** The page or blog post a task belongs to, if it is still there and not trashed. */
export function taskContainer(site: Site, task: TaskRecord): DocumentRecord | undefined {
  const record = site.content.get(task.containerId);
  if (!record || record.kind === 'folder' || (record.status !== 'current' && record.status !== 'archived')) return undefined;
  return record;
}

/**
 * `PUT /tasks/{id}`: sets the status and writes it into the container's body, in the stored current
 * version (`fidelity.taskStatusWrite: 'in-place'`, default) or as a new version (`'new-version'`).
 */
export function setTaskStatus(site: Site, user: User, task: TaskRecord, status: TaskRecord['status']): void {
  const record = taskContainer(site, task);
  if (!record) throw new ApiError(404, `Cannot find a task with id [${task.id}]`);
  if (task.status === status) return;
  const latest = current(record);
  const nodes = parseStorage(latest.body);
  const target = parseTasks(nodes).find((t) => t.localId === task.localId);
  if (target) {
    const statusElement = target.element.children.find((c): c is XmlElement => isElement(c, 'ac:task-status'));
    if (statusElement) statusElement.children.splice(0, statusElement.children.length, { type: 'text', value: status });
    else target.element.children.unshift({ type: 'element', name: 'ac:task-status', attributes: [], children: [{ type: 'text', value: status }], selfClosing: false });
    const body = serializeStorage(nodes);
    if (site.fidelity.taskStatusWrite === 'new-version') {
      record.versions.push({ ...latest, number: latest.number + 1, message: '', minorEdit: true, authorId: user.accountId, createdAt: site.now(), body });
    } else {
      record.versions[record.versions.length - 1] = { ...latest, body };
    }
  }
  const now = site.now();
  markStatus(task, status, user, now);
  task.updatedAt = now;
}
