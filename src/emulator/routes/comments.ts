import { findDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import { includeBlock } from '../include-blocks.js';
import { created, noContent, ok, type ApiRequest } from '../http-types.js';
import type { CommentRecord } from '../model.js';
import { idKey, listResponse } from '../pagination.js';
import { flag, integer, manyOf, objectBody, oneOf, pathId } from '../params.js';
import { contentPropertyView, propertyMap } from '../properties-store.js';
import { attachmentNotFound, findAttachment } from '../attachments-store.js';
import { commentView, createComment, deleteComment, findComment, latest, updateComment, type CommentKind } from '../comments-store.js';
import { containerOf } from '../containers.js';
import type { Router } from '../router.js';
import type { Site } from '../site.js';
import type { BodyFormat } from '../views.js';

/** Footer and inline comment routes (spec; rules in comments-store.ts, notes §4.12). */

const listFormats = ['storage', 'atlas_doc_format'] as const;
const singleFormats = ['storage', 'atlas_doc_format', 'view', 'export_view', 'anonymous_export_view', 'styled_view', 'editor'] as const;
const commentSorts = ['created-date', '-created-date', 'modified-date', '-modified-date'] as const;
const containerStatuses = ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'] as const;
const resolutionStatuses = ['resolved', 'open', 'dangling', 'reopened'] as const;

const family = (kind: CommentKind) => (kind === 'footer' ? 'footer-comments' : 'inline-comments');

/** A list of comments with `sort` (created-date by default), `body-format`, cursor and limit. */
function commentList(req: ApiRequest, rows: readonly CommentRecord[], containerFields = true) {
  const site = req.site;
  const sort = oneOf(req, 'sort', commentSorts, 'created-date');
  const format = oneOf(req, 'body-format', listFormats);
  const byModified = sort.replace(/^-/, '') === 'modified-date';
  return listResponse(req, rows, {
    key: (c) => [byModified ? latest(c).createdAt : c.versions[0]!.createdAt, idKey(c.id)],
    descending: sort.startsWith('-'),
    view: (c) => commentView(site, c, { format, containerFields }),
  });
}

/** Comments of one kind on a page or blog post (root comments only), with `status[]` and, inline, `resolution-status[]`. */
function containerComments(req: ApiRequest, kind: CommentKind, record: { id: string }) {
  const statuses = manyOf(req, 'status', containerStatuses, ['current']);
  const resolutions = kind === 'inline' ? manyOf(req, 'resolution-status', resolutionStatuses, resolutionStatuses) : [];
  const rows = [...req.site.comments.values()].filter(
    (c) =>
      c.kind === kind &&
      c.containerId === record.id &&
      c.parentCommentId === null &&
      (statuses as readonly string[]).includes(c.status) &&
      (kind === 'footer' || (resolutions as readonly string[]).includes(c.resolutionStatus ?? 'open')),
  );
  return commentList(req, rows);
}

function block(comment: CommentRecord, name: string, items: unknown[]) {
  return includeBlock(`/wiki/api/v2/${family(comment.kind)}/${comment.id}/${name}`, items);
}

function versionRow(v: CommentRecord['versions'][number]) {
  return { createdAt: v.createdAt, message: v.message, number: v.number, minorEdit: false, authorId: v.authorId };
}

function getComment(req: ApiRequest, kind: CommentKind) {
  const site = req.site;
  const comment = findComment(site, kind, pathId(req, 'comment-id'));
  const format = oneOf(req, 'body-format', singleFormats) as BodyFormat | undefined;
  const wanted = integer(req, 'version');
  const version = wanted === undefined ? undefined : comment.versions.find((v) => v.number === wanted);
  if (wanted !== undefined && !version) throw new ApiError(404, `Cannot find version ${wanted} of comment with id [${comment.id}]`);
  const view = commentView(site, comment, { format, version, single: true });
  if (!flag(req, 'include-version', true)) delete view.version;
  if (flag(req, 'include-properties')) {
    const properties = block(comment, 'properties', [...propertyMap(comment).values()].map(contentPropertyView));
    view.properties = kind === 'inline' ? { ...(view.properties as object), ...properties } : properties;
  }
  if (flag(req, 'include-operations')) {
    view.operations = block(comment, 'operations', ['read', 'update', 'delete'].map((operation) => ({ operation, targetType: 'comment' })));
  }
  if (flag(req, 'include-likes')) view.likes = block(comment, 'likes', []);
  if (flag(req, 'include-versions')) view.versions = block(comment, 'versions', [...comment.versions].reverse().map(versionRow));
  return ok(view);
}

function registerKind(router: Router, kind: CommentKind): void {
  const base = `/${family(kind)}`;

  router.get(base, (req) => commentList(req, [...req.site.comments.values()].filter((c) => c.kind === kind)));

  router.post(base, (req) => {
    const comment = createComment(req.site, req.user, kind, objectBody(req));
    return created(commentView(req.site, comment, { format: 'storage', single: true }), { location: `/wiki/api/v2${base}/${comment.id}` });
  });

  router.get(`${base}/{comment-id}`, (req) => getComment(req, kind));

  router.put(`${base}/{comment-id}`, (req) => {
    const comment = findComment(req.site, kind, pathId(req, 'comment-id'));
    updateComment(req.site, req.user, comment, objectBody(req));
    return ok(commentView(req.site, comment, { format: 'storage', single: true }));
  });

  router.delete(`${base}/{comment-id}`, (req) => {
    deleteComment(req.site, findComment(req.site, kind, pathId(req, 'comment-id')));
    return noContent();
  });

  router.get(`${base}/{id}/children`, (req) => {
    const parent = findComment(req.site, kind, pathId(req));
    return commentList(
      req,
      [...req.site.comments.values()].filter((c) => c.parentCommentId === parent.id),
      false,
    );
  });

  router.get(`${base}/{id}/versions`, (req) => {
    const site = req.site;
    const comment = findComment(site, kind, pathId(req));
    const sort = oneOf(req, 'sort', ['modified-date', '-modified-date'] as const, '-modified-date');
    const format = oneOf(req, 'body-format', listFormats);
    return listResponse(req, comment.versions, {
      key: (v) => [v.number],
      descending: sort.startsWith('-'),
      view: (v) => ({ ...versionRow(v), comment: { id: comment.id, title: commentView(site, comment).title, body: commentView(site, comment, { format, version: v }).body } }),
    });
  });

  router.get(`${base}/{id}/versions/{version-number}`, (req) => {
    const comment = findComment(req.site, kind, pathId(req));
    const n = Number(req.params['version-number']);
    const index = comment.versions.findIndex((v) => v.number === n);
    const version = comment.versions[index];
    if (!version) throw new ApiError(404, `Cannot find version ${req.params['version-number']} of comment with id [${comment.id}]`);
    return ok({
      number: version.number,
      authorId: version.authorId,
      message: version.message,
      createdAt: version.createdAt,
      minorEdit: false,
      contentTypeModified: false,
      collaborators: [version.authorId],
      // The schema's integers are not nullable: the first and the last version leave them out.
      ...(index > 0 ? { prevVersion: comment.versions[index - 1]!.number } : {}),
      ...(index < comment.versions.length - 1 ? { nextVersion: comment.versions[index + 1]!.number } : {}),
    });
  });
}

function findCustomContent(site: Site, id: string): { id: string } {
  const record = site.customContent.get(id);
  if (!record || !containerOf(site, id)) throw new ApiError(404, `Cannot find custom content with id [${id}]`);
  return record;
}

export function registerComments(router: Router): void {
  registerKind(router, 'footer');
  registerKind(router, 'inline');
  router.get('/pages/{id}/footer-comments', (req) => containerComments(req, 'footer', findDocument(req.site, 'page', pathId(req))));
  router.get('/pages/{id}/inline-comments', (req) => containerComments(req, 'inline', findDocument(req.site, 'page', pathId(req))));
  router.get('/blogposts/{id}/footer-comments', (req) => containerComments(req, 'footer', findDocument(req.site, 'blogpost', pathId(req))));
  router.get('/blogposts/{id}/inline-comments', (req) => containerComments(req, 'inline', findDocument(req.site, 'blogpost', pathId(req))));
  router.get('/custom-content/{id}/footer-comments', (req) => containerComments(req, 'footer', findCustomContent(req.site, pathId(req))));
  router.get('/attachments/{id}/footer-comments', (req) => {
    const id = pathId(req, 'id', { attachment: true });
    const attachment = findAttachment(req.site, id);
    if (!attachment) throw attachmentNotFound(id);
    return containerComments(req, 'footer', attachment);
  });
}
