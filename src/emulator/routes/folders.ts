import { MAX_TITLE, checkParent, moveToTrash, nextPosition, sameTitle } from '../documents.js';
import { ApiError } from '../errors.js';
import { includeBlock } from '../include-blocks.js';
import { noContent, ok } from '../http-types.js';
import type { FolderRecord, User } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { flag, integer, objectBody, oneOf, pathId, stringField } from '../params.js';
import { contentPropertyView, propertyMap } from '../properties-store.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { folderView } from '../views.js';
import { ancestorsOf, childSortKey, childrenOf, descendantsOf, titleOfRecord } from './pages.js';

/**
 * Folders (spec; notes §4.4, §4.7): hierarchy nodes without a body. Rules:
 * - `POST /folders` answers 200; without `parentId` the folder goes under the space homepage, as
 *   folders cannot sit at the space root (obs 2026-08-31, [MF-spaces]).
 * - A folder title never collides with a page title (obs, notes §4.4). Among folders of a space,
 *   titles are unique regardless of parent, 400 `A folder exists with the same title in this space`
 *   (observed by third parties; `fidelity.folderTitles`). Trashed folders do not reserve titles.
 * - `GET /folders/{id}` for a missing id: 404 `Content with id: [N] not found` (obs, notes §6).
 * - `DELETE` moves the folder to the trash (204); its children move up to its parent.
 */

const childSorts = ['created-date', '-created-date', 'id', '-id', 'modified-date', '-modified-date', 'child-position', '-child-position', 'title', '-title'] as const;

export function folderNotFound(id: string): ApiError {
  return new ApiError(404, `Content with id: [${id}] not found`);
}

export function findFolder(site: Site, id: string): FolderRecord {
  const record = site.content.get(id);
  if (!record || record.kind !== 'folder') throw folderNotFound(id);
  return record;
}

function folderTitleTaken(site: Site, spaceId: string, title: string): boolean {
  if (site.fidelity.folderTitles === 'unrestricted') return false;
  for (const record of site.content.values()) {
    if (record.kind === 'folder' && record.spaceId === spaceId && record.status === 'current' && sameTitle(site, record.title, title)) return true;
  }
  return false;
}

export function createFolder(site: Site, user: User, body: Record<string, unknown>): FolderRecord {
  const spaceId = stringField(body, 'spaceId', true);
  const space = site.spaces.get(spaceId);
  if (!space) throw new ApiError(404, `Cannot find a space with id [${spaceId}]`);
  const title = stringField(body, 'title');
  if (title === undefined || title.trim() === '') throw new ApiError(400, 'Title is required for a folder.');
  if (title.length > MAX_TITLE) throw new ApiError(400, `Title cannot be longer than ${MAX_TITLE} characters.`);
  const requested = stringField(body, 'parentId');
  let parentId: string;
  if (requested !== undefined) parentId = checkParent(site, spaceId, requested);
  else if (space.homepageId !== null) parentId = space.homepageId;
  else throw new ApiError(400, 'A folder cannot be created at the root of a space: give a parentId.');
  if (folderTitleTaken(site, spaceId, title)) throw new ApiError(400, 'A folder exists with the same title in this space');
  const now = site.now();
  const folder: FolderRecord = {
    kind: 'folder',
    id: site.nextId(),
    spaceId,
    status: 'current',
    statusBeforeTrash: null,
    title,
    parentId,
    position: nextPosition(site, parentId, spaceId),
    authorId: user.accountId,
    ownerId: user.accountId,
    createdAt: now,
    properties: new Map(),
  };
  site.content.set(folder.id, folder);
  return folder;
}

/** To the trash: children move up to the folder's parent (obs by a third party, as for pages). */
export function trashFolder(site: Site, folder: FolderRecord): void {
  if (folder.status === 'trashed') throw folderNotFound(folder.id);
  moveToTrash(site, folder);
}

function block(folder: FolderRecord, name: string, items: unknown[]) {
  return includeBlock(`/wiki/api/v2/folders/${folder.id}/${name}`, items);
}

function childRow(r: ReturnType<typeof childrenOf>[number]) {
  return { id: r.id, status: r.status, title: titleOfRecord(r), type: r.kind, spaceId: r.spaceId, childPosition: r.position };
}

export function registerFolders(router: Router): void {
  router.post('/folders', (req) => ok(folderView(req.site, createFolder(req.site, req.user, objectBody(req)))));

  router.get('/folders/{id}', (req) => {
    const site = req.site;
    const folder = findFolder(site, pathId(req));
    const view = folderView(site, folder);
    flag(req, 'include-collaborators');
    if (flag(req, 'include-properties')) view.properties = block(folder, 'properties', [...propertyMap(folder).values()].map(contentPropertyView));
    if (flag(req, 'include-operations')) {
      view.operations = block(folder, 'operations', ['read', 'update', 'delete'].map((operation) => ({ operation, targetType: 'folder' })));
    }
    if (flag(req, 'include-direct-children')) {
      const children = childrenOf(site, folder.id).sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || idKey(a.id) - idKey(b.id));
      view.directChildren = block(folder, 'direct-children', children.map(childRow));
    }
    return ok(view);
  });

  router.delete('/folders/{id}', (req) => {
    trashFolder(req.site, findFolder(req.site, pathId(req)));
    return noContent();
  });

  router.get('/folders/{id}/direct-children', (req) => {
    const site = req.site;
    const folder = findFolder(site, pathId(req));
    const sort = oneOf(req, 'sort', childSorts, 'child-position');
    return listResponse(req, childrenOf(site, folder.id), {
      key: childSortKey(sort),
      descending: sort.startsWith('-'),
      view: childRow,
    });
  });

  router.get('/folders/{id}/descendants', (req) => {
    const site = req.site;
    const folder = findFolder(site, pathId(req));
    const depth = integer(req, 'depth') ?? 2;
    if (depth < 1 || depth > 10) throw new ApiError(400, `Invalid value '${depth}' for parameter 'depth': must be between 1 and 10`);
    const rows = descendantsOf(site, folder.id, depth).map((row, index) => ({ ...row, index }));
    return listResponse(req, rows, {
      key: (row) => [row.index, idKey(row.record.id)],
      view: ({ record: r, depth: d }) => ({ id: r.id, status: r.status, title: titleOfRecord(r), type: r.kind, parentId: r.parentId, depth: d, childPosition: r.position }),
    });
  });

  router.get('/folders/{id}/ancestors', (req) => {
    const site = req.site;
    const folder = findFolder(site, pathId(req));
    const limit = integer(req, 'limit') ?? 25;
    if (limit < 1) throw new ApiError(400, `Invalid value '${limit}' for parameter 'limit': must be an integer between 1 and 250`);
    // Top to bottom, no cursor: with more than `limit`, the ones nearest the folder (call again from the highest).
    const chain = ancestorsOf(site, folder.id);
    const kept = chain.slice(Math.max(0, chain.length - Math.min(limit, 250)));
    return ok({ results: kept.map((r) => ({ id: r.id, type: r.kind })), _links: { base: site.base } });
  });
}
