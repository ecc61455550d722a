import { indexDocument } from '../content-index.js';
import { ApiError } from '../errors.js';
import { created, ok, type ApiRequest } from '../http-types.js';
import type { DocumentRecord, SpaceRecord, User } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { flag, manyOf, multi, objectBody, oneOf, pathId, stringField } from '../params.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import { labelView, spaceView } from '../views.js';

const spaceKeyPattern = /^[A-Za-z0-9]{1,255}$/;

/** Creates a space and its homepage, as Confluence does when a space is made. */
export function createSpace(site: Site, user: User, input: { key: string; name: string; description?: string; type?: SpaceRecord['type'] }): SpaceRecord {
  if (!spaceKeyPattern.test(input.key)) {
    throw new ApiError(400, `Space key '${input.key}' is invalid: use only letters and digits (at most 255).`);
  }
  if (site.spaceByKey(input.key)) throw new ApiError(400, `A space with key '${input.key}' already exists.`);
  if (input.name.trim() === '') throw new ApiError(400, "'name' is required");
  const now = site.now();
  const space: SpaceRecord = {
    id: site.nextId(),
    key: input.key,
    name: input.name,
    type: input.type ?? 'global',
    status: 'current',
    authorId: user.accountId,
    createdAt: now,
    homepageId: null,
    description: input.description ?? '',
    properties: new Map(),
  };
  site.spaces.set(space.id, space);
  const homepageId = site.nextId();
  const homepage: DocumentRecord = {
    kind: 'page',
    id: homepageId,
    spaceId: space.id,
    status: 'current',
    statusBeforeTrash: null,
    parentId: null,
    position: 0,
    authorId: user.accountId,
    ownerId: user.accountId,
    lastOwnerId: null,
    createdAt: now,
    subtype: null,
    versions: [{ number: 1, message: '', minorEdit: false, authorId: user.accountId, createdAt: now, title: `${input.name} Home`, body: '', parentId: null }],
    labels: new Set(),
    properties: new Map(),
  };
  site.content.set(homepageId, homepage);
  indexDocument(site, homepage);
  space.homepageId = homepageId;
  return space;
}

export function findSpace(site: Site, id: string): SpaceRecord {
  const space = site.spaces.get(id);
  if (!space) throw new ApiError(404, `Cannot find a space with id [${id}]`);
  return space;
}

function descriptionFormat(req: ApiRequest) {
  return oneOf(req, 'description-format', ['plain', 'view'] as const);
}

export function registerSpaces(router: Router): void {
  router.get('/spaces', (req) => {
    const site = req.site;
    const ids = multi(req, 'ids');
    const keys = multi(req, 'keys').map((k) => k.toLowerCase());
    const type = oneOf(req, 'type', ['global', 'collaboration', 'knowledge_base', 'personal', 'system', 'onboarding', 'xflow_sample_space'] as const);
    const statuses = manyOf(req, 'status', ['current', 'archived'] as const, ['current', 'archived']);
    const sort = oneOf(req, 'sort', ['id', '-id', 'key', '-key', 'name', '-name'] as const, 'id');
    const labels = multi(req, 'labels');
    const format = descriptionFormat(req);
    flag(req, 'include-icon');
    const rows = [...site.spaces.values()].filter(
      (s) =>
        (ids.length === 0 || ids.includes(s.id)) &&
        (keys.length === 0 || keys.includes(s.key.toLowerCase())) &&
        (type === undefined || s.type === type) &&
        statuses.includes(s.status) &&
        (labels.length === 0 || labels.length === 0),
    );
    const field = sort.replace(/^-/, '');
    return listResponse(req, rows, {
      key: (s) => (field === 'key' ? [s.key.toLowerCase(), idKey(s.id)] : field === 'name' ? [s.name.toLowerCase(), idKey(s.id)] : [idKey(s.id)]),
      descending: sort.startsWith('-'),
      view: (s) => spaceView(site, s, { descriptionFormat: format }),
    });
  });

  router.get('/spaces/{id}', (req) => {
    const space = findSpace(req.site, pathId(req));
    const view = spaceView(req.site, space, { descriptionFormat: descriptionFormat(req), single: true });
    if (flag(req, 'include-labels')) view.labels = { results: [], meta: { hasMore: false }, _links: { self: `/wiki/api/v2/spaces/${space.id}/labels` } };
    return ok(view);
  });

  router.post('/spaces', (req) => {
    const body = objectBody(req);
    const name = stringField(body, 'name', true);
    const key = stringField(body, 'key') ?? stringField(body, 'alias');
    if (key === undefined) throw new ApiError(400, "Either 'key' or 'alias' is required");
    const description = (body.description as { value?: unknown } | undefined)?.value;
    const space = createSpace(req.site, req.user, { key, name, description: typeof description === 'string' ? description : undefined });
    return created(spaceView(req.site, space, { single: true }));
  });

  router.get('/spaces/{id}/labels', (req) => {
    const site = req.site;
    const space = findSpace(site, pathId(req));
    const ids = new Set<string>();
    for (const record of site.content.values()) {
      if (record.spaceId === space.id && record.kind !== 'folder') for (const id of record.labels) ids.add(id);
    }
    const rows = [...ids].map((id) => site.labels.get(id)).filter((l) => l !== undefined);
    return listResponse(req, rows, { key: (l) => [idKey(l.id)], view: labelView });
  });
}
