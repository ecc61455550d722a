import {
  addAttachmentVersion,
  attachmentNamed,
  attachmentsOn,
  checkFileName,
  checkFileSize,
  createAttachment,
  findAttachment,
  latestVersion,
  type Upload,
} from '../attachments-store.js';
import { ApiError } from '../errors.js';
import { ok, type ApiRequest } from '../http-types.js';
import { mediaUrl } from '../media.js';
import type { AttachmentRecord, DocumentRecord } from '../model.js';
import { multi, oneOf } from '../params.js';
import type { Router } from '../router.js';
import { readUploadForm, requireXsrfToken } from '../upload-form.js';
import { contentNotFound } from '../v1-common.js';
import { attachmentContent, intParam, offsetList, V1_CONTEXT } from '../v1-views.js';

/**
 * v1 attachment routes (base `/wiki/rest/api`; notes §4.10, [V1] "Content - attachments"):
 * upload (POST creates only, PUT creates or adds a version by file name), `/data` (new bytes for an
 * attachment id), the list, and the download redirect to the media service. Uploads never bump the
 * version of the page.
 */

/** The container addressed by `{id}` for a write with `?status=current|draft` (default current). */
function uploadContainer(req: ApiRequest): DocumentRecord {
  const status = oneOf(req, 'status', ['current', 'draft'] as const, 'current');
  const id = req.params.id ?? '';
  const record = req.site.content.get(id);
  if (!record || (record.kind !== 'page' && record.kind !== 'blogpost') || record.status === 'trashed') throw contentNotFound(id);
  if ((status === 'draft') !== (record.status === 'draft')) throw contentNotFound(id);
  return record;
}

/** The container for reads: any page or blog post that is not trashed. */
function readContainer(req: ApiRequest): DocumentRecord {
  const id = req.params.id ?? '';
  const record = req.site.content.get(id);
  if (!record || (record.kind !== 'page' && record.kind !== 'blogpost') || record.status === 'trashed') throw contentNotFound(id);
  return record;
}

function duplicateName(filename: string): ApiError {
  return new ApiError(400, 'Bad Request', { v1Message: `Cannot add a new attachment with same file name as an existing attachment: ${filename}` });
}

/** ContentArray of the attachments a write touched. */
function contentArray(req: ApiRequest, records: AttachmentRecord[]) {
  return ok({
    results: records.map((r) => attachmentContent(req.site, r)),
    start: 0,
    limit: records.length,
    size: records.length,
    _links: { base: req.site.base, context: V1_CONTEXT },
  });
}

function validUploads(req: ApiRequest): Upload[] {
  const uploads = readUploadForm(req.headers, req.rawBody);
  for (const upload of uploads) {
    checkFileName(upload.filename);
    checkFileSize(req.site, upload);
  }
  return uploads;
}

/** The attachment `{attachmentId}` (`att123` or `123`) of the container, or the 404/400 v1 gives. */
function containedAttachment(req: ApiRequest, container: DocumentRecord): AttachmentRecord {
  const raw = req.params.attachmentId ?? '';
  if (!/^(att)?[0-9]+$/.test(raw)) throw new ApiError(400, 'Bad Request', { v1Message: `Invalid attachment id: ${raw}` });
  const record = findAttachment(req.site, raw);
  if (!record || record.containerId !== container.id) throw contentNotFound(raw);
  return record;
}

export function registerV1Attachments(router: Router): void {
  router.post('/content/{id}/child/attachment', (req) => {
    requireXsrfToken(req.headers, req.site.fidelity);
    const container = uploadContainer(req);
    const uploads = validUploads(req);
    const seen = new Set<string>();
    for (const upload of uploads) {
      if (seen.has(upload.filename) || attachmentNamed(req.site, container.id, upload.filename)) throw duplicateName(upload.filename);
      seen.add(upload.filename);
    }
    return contentArray(req, uploads.map((upload) => createAttachment(req.site, req.user, container, upload)));
  });

  router.put('/content/{id}/child/attachment', (req) => {
    requireXsrfToken(req.headers, req.site.fidelity);
    const container = uploadContainer(req);
    const uploads = validUploads(req);
    const touched: AttachmentRecord[] = [];
    for (const upload of uploads) {
      const existing = attachmentNamed(req.site, container.id, upload.filename);
      if (existing) addAttachmentVersion(req.site, req.user, existing, upload);
      const record = existing ?? createAttachment(req.site, req.user, container, upload);
      if (!touched.includes(record)) touched.push(record);
    }
    return contentArray(req, touched);
  });

  router.post('/content/{id}/child/attachment/{attachmentId}/data', (req) => {
    requireXsrfToken(req.headers, req.site.fidelity);
    const container = uploadContainer(req);
    const record = containedAttachment(req, container);
    if (record.status === 'trashed') throw contentNotFound(req.params.attachmentId ?? '');
    const [upload] = validUploads(req);
    addAttachmentVersion(req.site, req.user, record, upload!);
    return ok(attachmentContent(req.site, record));
  });

  // Missing from the v1 document but still served (obs 2026-08-07, [MF-api]); limit 50 by default
  // (obs 2026-09-22, brekkylab/backlot#322). `filename` and `mediaType` filter exactly.
  router.get('/content/{id}/child/attachment', (req) => {
    const container = readContainer(req);
    const filename = req.query.get('filename');
    const mediaType = req.query.get('mediaType');
    const rows = attachmentsOn(req.site, container.id).filter(
      (a) => a.status !== 'trashed' && (filename === null || a.title === filename) && (mediaType === null || latestVersion(a).mediaType === mediaType),
    );
    return offsetList(req, rows, { defaultLimit: 50, view: (a) => attachmentContent(req.site, a) });
  });

  // 302 to the media service; the client fetches the target without Authorization ([V1], notes §4.10).
  router.get('/content/{id}/child/attachment/{attachmentId}/download', (req) => {
    const container = readContainer(req);
    const record = containedAttachment(req, container);
    const statuses = multi(req, 'status');
    if (!(statuses.length === 0 ? ['current'] : statuses).includes(record.status)) throw contentNotFound(req.params.attachmentId ?? '');
    const latest = latestVersion(record).number;
    const version = intParam(req, 'version', latest);
    if (version < 1 || version > latest) {
      throw new ApiError(400, 'Bad Request', { v1Message: `Invalid version ${version}: attachment ${req.params.attachmentId ?? ''} has versions 1 to ${latest}` });
    }
    return { status: 302, headers: { location: mediaUrl(req.site, req.headers.host ?? '127.0.0.1', record, version) } };
  });
}
