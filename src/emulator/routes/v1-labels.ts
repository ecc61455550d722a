import { findAttachment } from '../attachments-store.js';
import { ApiError } from '../errors.js';
import { noContent, ok, type ApiRequest } from '../http-types.js';
import { addLabels, labelPrefixes, labelsOf, removeLabel, type LabelPrefix, type Labelled } from '../labels-store.js';
import type { Router } from '../router.js';
import { contentNotFound, liveDocument, tomcatError } from '../v1-common.js';
import { labelV1, offsetList, V1_CONTEXT } from '../v1-views.js';

/**
 * v1 label routes (notes §4.9, [V1] "Content - labels"): the only way to write labels. Names are
 * normalized by labels-store (lowercase, split on spaces and commas, invalid characters and length
 * refused); adding is additive and idempotent; label writes never bump the content's version.
 */

interface Target {
  readonly id: string;
  readonly record: Labelled;
  readonly archived: boolean;
}

/** The labelled content `{id}`: a page or blog post (not trashed), or an attachment (`att123`). */
function target(req: ApiRequest): Target {
  const id = req.params.id ?? '';
  if (/^att[0-9]+$/.test(id)) {
    const attachment = findAttachment(req.site, id);
    if (!attachment || attachment.status === 'trashed') throw contentNotFound(id);
    return { id, record: attachment, archived: attachment.status === 'archived' };
  }
  const record = liveDocument(req);
  return { id, record, archived: record.status === 'archived' };
}

/** One `LabelCreate` of the body: `{prefix, name}`, both required strings. */
function labelCreate(value: unknown): { prefix: LabelPrefix; name: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'Bad Request', { v1Message: 'Each label must be an object with a prefix and a name' });
  }
  const { prefix, name } = value as Record<string, unknown>;
  if (typeof prefix !== 'string' || typeof name !== 'string') {
    throw new ApiError(400, 'Bad Request', { v1Message: "Each label must have both a 'prefix' and a 'name'" });
  }
  const wanted = prefix.toLowerCase();
  if (!(labelPrefixes as readonly string[]).includes(wanted) || wanted === 'system') {
    throw new ApiError(400, 'Bad Request', { v1Message: `Invalid label prefix '${prefix}': expected global, my or team` });
  }
  return { prefix: wanted as LabelPrefix, name };
}

/** `name` of the DELETE routes: `my:x` and `team:x` address that prefix, anything else a global label. */
function splitName(name: string): { prefix: LabelPrefix; name: string } {
  const m = /^(my|team|global):(.+)$/i.exec(name);
  return m ? { prefix: m[1]!.toLowerCase() as LabelPrefix, name: m[2]! } : { prefix: 'global', name };
}

function labelArray(req: ApiRequest, t: Target) {
  const labels = labelsOf(req.site, t.record);
  return ok({
    results: labels.map(labelV1),
    start: 0,
    limit: 200,
    size: labels.length,
    _links: { self: `${req.site.base}/rest/api/content/${t.id}/label`, base: req.site.base, context: V1_CONTEXT },
  });
}

function listLabels(req: ApiRequest) {
  const t = target(req);
  const prefix = req.query.get('prefix');
  const labels = labelsOf(req.site, t.record).filter((l) => prefix === null || prefix === '' || l.prefix === prefix);
  return offsetList(req, labels, { defaultLimit: 200, view: labelV1 });
}

function deleteLabel(req: ApiRequest, raw: string) {
  const t = target(req);
  if (t.archived) throw new ApiError(400, 'Bad Request', { v1Message: "Labels can't be deleted from archived content." });
  const { prefix, name } = splitName(raw);
  if (!removeLabel(req.site, t.record, name, prefix)) throw new ApiError(404, 'Not Found', { v1Message: `No label found with name: ${raw}` });
  return noContent();
}

/** `child/label` is read-only: writes are 405 with an empty body (obs 2026-09-11, [MF-labels]). */
const readOnly = () => {
  throw new ApiError(405, 'Method Not Allowed', { headers: { allow: 'HEAD,GET,OPTIONS' } });
};

export function registerV1Labels(router: Router): void {
  router.get('/content/{id}/label', listLabels);
  router.get('/content/{id}/child/label', listLabels);
  router.post('/content/{id}/child/label', readOnly);
  router.put('/content/{id}/child/label', readOnly);
  router.delete('/content/{id}/child/label', readOnly);

  router.post('/content/{id}/label', (req) => {
    const t = target(req);
    const body = req.json();
    const creates = (Array.isArray(body) ? body : [body]).map(labelCreate);
    if (creates.length === 0) throw new ApiError(400, 'Bad Request', { v1Message: 'At least one label is required' });
    // All or nothing: a refused name in a later prefix group leaves the content as it was.
    const before = new Set(t.record.labels);
    try {
      for (const prefix of new Set(creates.map((c) => c.prefix))) {
        addLabels(req.site, t.record, creates.filter((c) => c.prefix === prefix).map((c) => c.name), prefix);
      }
    } catch (error) {
      t.record.labels.clear();
      for (const id of before) t.record.labels.add(id);
      throw error;
    }
    return labelArray(req, t);
  });

  router.delete('/content/{id}/label', (req) => {
    const name = req.query.get('name');
    if (name === null || name === '') {
      throw new ApiError(400, 'Bad Request', {
        v1Message: "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'name' for method parameter type String is not present",
      });
    }
    return deleteLabel(req, name);
  });

  // A name with `/` cannot be addressed here: Tomcat refuses the encoded slash with its HTML 400
  // (obs 2026-09-11, [MF-labels]; [V1] says to use the query form).
  router.delete('/content/{id}/label/{label}', (req) => {
    const label = req.params.label ?? '';
    if (label.includes('/')) throw tomcatError(400, 'Bad Request');
    return deleteLabel(req, label);
  });
}
