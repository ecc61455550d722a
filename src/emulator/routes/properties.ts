import { ApiError } from '../errors.js';
import { created, noContent, ok, type ApiRequest } from '../http-types.js';
import type { PropertyRecord } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { objectBody, oneOf, pathId } from '../params.js';
import {
  contentPropertyView,
  createProperty,
  deleteProperty,
  findPropertyById,
  propertyMap,
  spacePropertyView,
  updateProperty,
  type PropertyHolder,
} from '../properties-store.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';

/**
 * Content properties of pages, blog posts, folders, comments and custom content, and space
 * properties (spec; rules in properties-store.ts and docs/confluence-api-notes.md §4.8).
 */

interface HolderRoutes {
  /** The collection path, e.g. `/pages/{page-id}/properties`. */
  readonly collection: string;
  /** The single-property path, e.g. `/pages/{page-id}/properties/{property-id}`. */
  readonly single: string;
  /** The path parameter naming the holder in each path (the spec is not consistent for folders). */
  readonly collectionParam: string;
  readonly singleParam: string;
  readonly find: (site: Site, id: string) => PropertyHolder;
  readonly view: (property: PropertyRecord) => unknown;
  /** POST status and whether it carries a `location` header (space properties: 201 with one). */
  readonly createdStatus: 200 | 201;
  /** Whether the list takes `sort` (content properties: `key|-key`; space properties: none). */
  readonly sortable: boolean;
}

function findContent(kind: 'page' | 'blogpost' | 'folder', noun: string) {
  return (site: Site, id: string): PropertyHolder => {
    const record = site.content.get(id);
    // Observed for pages: "Could not find page with id [N]" (notes §6); the others follow it.
    if (!record || record.kind !== kind) throw new ApiError(404, `Could not find ${noun} with id [${id}]`);
    return record;
  };
}

function findComment(site: Site, id: string): PropertyHolder {
  const comment = site.comments.get(id);
  if (!comment) throw new ApiError(404, `Could not find comment with id [${id}]`);
  return comment;
}

function findCustomContent(site: Site, id: string): PropertyHolder {
  const record = site.customContent.get(id);
  if (!record) throw new ApiError(404, `Could not find custom content with id [${id}]`);
  return record;
}

function findSpaceHolder(site: Site, id: string): PropertyHolder {
  const space = site.spaces.get(id);
  if (!space) throw new ApiError(404, `Cannot find a space with id [${id}]`);
  return space;
}

const holders: readonly HolderRoutes[] = [
  contentHolder('/pages/{page-id}/properties', 'page-id', 'page-id', findContent('page', 'page')),
  contentHolder('/blogposts/{blogpost-id}/properties', 'blogpost-id', 'blogpost-id', findContent('blogpost', 'blog post')),
  contentHolder('/folders/{id}/properties', 'id', 'folder-id', findContent('folder', 'folder'), '/folders/{folder-id}/properties'),
  contentHolder('/comments/{comment-id}/properties', 'comment-id', 'comment-id', findComment),
  contentHolder('/custom-content/{custom-content-id}/properties', 'custom-content-id', 'custom-content-id', findCustomContent),
  {
    collection: '/spaces/{space-id}/properties',
    single: '/spaces/{space-id}/properties/{property-id}',
    collectionParam: 'space-id',
    singleParam: 'space-id',
    find: findSpaceHolder,
    view: spacePropertyView,
    createdStatus: 201,
    sortable: false,
  },
];

function contentHolder(
  collection: string,
  collectionParam: string,
  singleParam: string,
  find: HolderRoutes['find'],
  singleBase = collection,
): HolderRoutes {
  return { collection, single: `${singleBase}/{property-id}`, collectionParam, singleParam, find, view: contentPropertyView, createdStatus: 200, sortable: true };
}

function findProperty(holder: PropertyHolder, req: ApiRequest): PropertyRecord {
  const id = pathId(req, 'property-id');
  const property = findPropertyById(holder, id);
  if (!property) throw new ApiError(404, `Could not find property with id [${id}]`);
  return property;
}

function location(req: ApiRequest, property: PropertyRecord): string {
  return `/wiki/api/v2${req.path}/${property.id}`;
}

export function registerProperties(router: Router): void {
  for (const h of holders) {
    router.get(h.collection, (req) => {
      const holder = h.find(req.site, pathId(req, h.collectionParam));
      const key = req.query.get('key');
      const sort = h.sortable ? oneOf(req, 'sort', ['key', '-key'] as const) : undefined;
      const rows = [...propertyMap(holder).values()].filter((p) => key === null || p.key === key);
      return listResponse(req, rows, {
        // Without `sort`, creation order (by id); with it, by key (case-sensitive, as the key filter).
        key: (p) => (sort === undefined ? [idKey(p.id)] : [p.key, idKey(p.id)]),
        descending: sort === '-key',
        view: h.view,
      });
    });

    router.post(h.collection, (req) => {
      const holder = h.find(req.site, pathId(req, h.collectionParam));
      const property = createProperty(req.site, req.user, holder, objectBody(req));
      return h.createdStatus === 201 ? created(h.view(property), { location: location(req, property) }) : ok(h.view(property));
    });

    router.get(h.single, (req) => {
      const holder = h.find(req.site, pathId(req, h.singleParam));
      return ok(h.view(findProperty(holder, req)));
    });

    router.put(h.single, (req) => {
      const holder = h.find(req.site, pathId(req, h.singleParam));
      const property = findProperty(holder, req);
      updateProperty(req.site, req.user, property, objectBody(req));
      return ok(h.view(property));
    });

    router.delete(h.single, (req) => {
      const holder = h.find(req.site, pathId(req, h.singleParam));
      deleteProperty(holder, findProperty(holder, req));
      return noContent();
    });
  }
}
