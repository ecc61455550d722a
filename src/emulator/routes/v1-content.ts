import { ApiError } from '../errors.js';
import { ok, type ApiRequest, type ApiResponse } from '../http-types.js';
import type { ContentRecord, DocumentRecord } from '../model.js';
import { objectBody } from '../params.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { contentNotFound, liveContent } from '../v1-common.js';
import { contentSummary, offsetList } from '../v1-views.js';
import { current } from '../views.js';

/**
 * The v1 content routes a sync tool still meets (notes §2, §4.5–4.7, [V1]): `child/page`, the
 * positional move, archive (a long task), and the removed v1 content endpoints, which answer 410.
 */

/** CHANGE-864: removed v1 content endpoints answer 410 with deprecation headers (notes §2). */
const GONE_MESSAGE = 'com.atlassian.confluence.api.service.exceptions.GoneException: This deprecated endpoint has been removed.';
/** The header values' format is not recorded (unverified); the date is CHANGE-864's first enforcement. */
export const DEPRECATION_HEADERS = {
  deprecation: 'Mon, 31 Mar 2025 00:00:00 GMT',
  link: '<https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864>; rel="deprecation"',
};

const gone = (): ApiResponse => {
  throw new ApiError(410, 'This deprecated endpoint has been removed.', { v1Message: GONE_MESSAGE, headers: DEPRECATION_HEADERS });
};

/** At most this many pages per archive request ([V1] `archivePages`). */
export const MAX_ARCHIVE_PAGES = 300;

interface LongTask {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

const longTasks = new WeakMap<Site, Map<string, LongTask>>();

function tasksOf(site: Site): Map<string, LongTask> {
  let tasks = longTasks.get(site);
  if (!tasks) {
    tasks = new Map();
    longTasks.set(site, tasks);
  }
  return tasks;
}

function badRequest(message: string): ApiError {
  return new ApiError(400, 'Bad Request', { v1Message: `com.atlassian.confluence.api.service.exceptions.api.BadRequestException: ${message}` });
}

/** Children listed by v1: current and archived pages (trashed ones are hidden, notes §8), by position. */
function childPages(site: Site, parentId: string): DocumentRecord[] {
  return [...site.content.values()]
    .filter((r): r is DocumentRecord => r.kind === 'page' && r.parentId === parentId && (r.status === 'current' || r.status === 'archived'))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || Number(a.id) - Number(b.id));
}

/** The siblings under `parentId` in the space, in order, without `exceptId`. */
function siblings(site: Site, spaceId: string, parentId: string | null, exceptId: string): ContentRecord[] {
  return [...site.content.values()]
    .filter((r) => r.spaceId === spaceId && r.parentId === parentId && r.position !== null && r.id !== exceptId && r.status !== 'trashed')
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || Number(a.id) - Number(b.id));
}

/**
 * `PUT /content/{pageId}/move/{position}/{targetId}` ([V1] `movePage`): `append` makes the page the last
 * child of the target; `before`/`after` put it under the target's parent, next to the target. Sibling
 * positions are renumbered in order. A move that would make the page its own ancestor is a 400.
 * Moving across spaces is not supported by the emulator (400).
 */
function movePage(req: ApiRequest): ApiResponse {
  const site = req.site;
  const position = req.params.position ?? '';
  if (position !== 'before' && position !== 'after' && position !== 'append') {
    throw badRequest(`Invalid position '${position}': expected before, after or append`);
  }
  const page = site.content.get(req.params.pageId ?? '');
  if (!page || page.kind !== 'page' || page.status !== 'current') throw contentNotFound(req.params.pageId ?? '');
  const target = site.content.get(req.params.targetId ?? '');
  if (!target || (target.kind !== 'page' && target.kind !== 'folder') || target.status !== 'current') throw contentNotFound(req.params.targetId ?? '');
  if (target.spaceId !== page.spaceId) throw badRequest('Moving a page to another space is not supported by the emulator.');
  if (target.id === page.id) throw badRequest('A page cannot be moved relative to itself.');
  const parentId = position === 'append' ? target.id : target.parentId;
  for (let at = parentId; at !== null; at = site.content.get(at)?.parentId ?? null) {
    if (at === page.id) throw badRequest('The move would create a parent-child loop: a page cannot be moved under itself or one of its descendants.');
  }
  const order = siblings(site, page.spaceId, parentId, page.id);
  const index = position === 'append' ? order.length : order.indexOf(target) + (position === 'after' ? 1 : 0);
  order.splice(index, 0, page);
  order.forEach((record, i) => (record.position = i));
  const moved = page.parentId !== parentId;
  page.parentId = parentId;
  if (moved && site.fidelity.moveBumpsVersion) {
    const latest = current(page);
    page.versions.push({ ...latest, number: latest.number + 1, message: '', minorEdit: false, createdAt: site.now(), authorId: req.user.accountId, parentId });
  }
  return ok({ pageId: page.id });
}

/**
 * `POST /content/archive` ([V1] `archivePages`, 202 + LongTask). Every id must be a current page and
 * not already archived, at most 300; the emulator archives at once and the task is finished when
 * asked. Archived pages keep their parent (obs, [MF-search]) and their titles stay reserved.
 */
function archivePages(req: ApiRequest): ApiResponse {
  const site = req.site;
  const body = objectBody(req);
  const pages = body.pages;
  if (!Array.isArray(pages) || pages.length === 0) throw badRequest("'pages' must be a non-empty array of {id}");
  if (pages.length > MAX_ARCHIVE_PAGES) throw badRequest(`The number of pages to archive (${pages.length}) is larger than the limit of ${MAX_ARCHIVE_PAGES}.`);
  const records = pages.map((entry: unknown) => {
    const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).id : undefined;
    if ((typeof id !== 'number' && typeof id !== 'string') || !/^[0-9]+$/.test(String(id))) throw badRequest("Each page must have a numeric 'id'");
    const record = site.content.get(String(id));
    if (record?.kind === 'page' && record.status === 'archived') throw badRequest(`Page ${String(id)} is already archived.`);
    if (!record || record.kind !== 'page' || record.status !== 'current') throw badRequest(`Content ${String(id)} does not resolve to a page.`);
    return record;
  });
  for (const record of records) record.status = 'archived';
  const task: LongTask = { id: site.nextId(), name: 'com.atlassian.confluence.pages.archive.longtask.name', createdAt: Date.now() };
  tasksOf(site).set(task.id, task);
  return { status: 202, body: { id: task.id, links: { status: `/rest/api/longtask/${task.id}` } } };
}

export function registerV1Content(router: Router): void {
  router.get('/content', gone);
  router.post('/content', gone);
  router.get('/content/{id}', gone);
  router.put('/content/{id}', gone);
  router.delete('/content/{id}', gone);

  // Missing from the v1 document but served; lists inside folders too (obs 2026-08-13, [MF-folders]).
  // `limit` defaults to 25 and is not capped (obs 2026-09-22, brekkylab/backlot#322).
  router.get('/content/{id}/child/page', (req) => {
    const parent = liveContent(req);
    return offsetList(req, childPages(req.site, parent.id), { defaultLimit: 25, view: (r) => contentSummary(req.site, r) });
  });

  router.put('/content/{pageId}/move/{position}/{targetId}', movePage);
  router.post('/content/archive', archivePages);

  router.get('/longtask/{id}', (req) => {
    const task = tasksOf(req.site).get(req.params.id ?? '');
    if (!task) throw new ApiError(404, 'Not Found', { v1Message: `No long running task found with id: ${req.params.id ?? ''}` });
    return ok({
      id: task.id,
      name: { key: task.name, args: [] },
      elapsedTime: Date.now() - task.createdAt,
      percentageComplete: 100,
      successful: true,
      finished: true,
      messages: [],
      status: 'COMPLETED',
      errors: [],
      _links: { self: `${req.site.base}/rest/api/longtask/${task.id}` },
    });
  });
}
