import { z } from 'zod';
import { findDocument, updateDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import type { FaultOptions } from '../faults.js';
import type { ApiRequest, ApiResponse } from '../http-types.js';
import type { DocumentRecord } from '../model.js';
import type { Handler, Router } from '../router.js';
import { SeedError, parseSeed } from '../seed.js';
import { applySeed } from '../seed-apply.js';
import type { Emulator } from '../server.js';
import type { Site } from '../site.js';
import { restoreSite, snapshotSite, type SiteState } from '../state.js';
import { applyEditorRewrites } from '../storage/editor-rewrites.js';
import { XhtmlParseError } from '../storage/xml-tree.js';
import { current, documentView } from '../views.js';

/**
 * The admin API under `/__emulator/` (no auth, no faults, not counted). Every route is documented
 * in docs/emulator.md, "Admin API". Errors are `{"error": "…"}` (plus `problems` for a bad seed).
 */
export function registerAdmin(router: Router, emulator: Emulator): void {
  // The sites as the constructor made them: what `POST /reset` goes back to before the start data.
  const pristine: SiteState[] = emulator.sites.map(snapshotSite);
  const changed = () => emulator.options.onChange?.(emulator);
  const route = (method: string, pattern: string, handler: Handler) => router.add(method, pattern, guarded(handler));

  route('GET', '/requests', () => ok(emulator.counters.snapshot()));
  route('DELETE', '/requests', () => {
    emulator.counters.reset();
    return { status: 204 };
  });

  route('POST', '/reset', (req) => {
    const { to } = parseBody(req, resetSchema, {});
    emulator.sites.forEach((site, i) => restoreSite(site, pristine[i]!));
    emulator.counters.reset();
    emulator.faults.clearState();
    const seed = emulator.options.initialData;
    const applied = (to ?? 'seed') === 'seed' && seed ? applySeed(emulator.defaultSite, emulator.user, seed, 'start data') : null;
    changed();
    return ok({ reset: to ?? 'seed', seeded: applied });
  });

  route('POST', '/seed', (req) => {
    const seed = parseSeed(req.json(), 'request body');
    const result = applySeed(siteOf(emulator, req), emulator.user, seed, 'request body');
    changed();
    return { status: 201, body: result };
  });

  route('GET', '/faults', () => ok(faultsView(emulator)));
  route('PUT', '/faults', (req) => {
    const settings = parseBody(req, faultSettingsSchema);
    const { rateLimit, ...rest } = settings;
    const update: Partial<FaultOptions> = { ...withoutUndefined(rest) };
    emulator.faults.configure(rateLimit === undefined ? update : { ...update, rateLimit: rateLimit ?? undefined });
    return ok(faultsView(emulator));
  });
  route('POST', '/faults/queue', (req) => {
    const { fault, count } = parseBody(req, queueSchema);
    emulator.faults.enqueue(fault, count ?? 1);
    return ok(faultsView(emulator));
  });
  route('DELETE', '/faults/queue', () => {
    emulator.faults.clearQueue();
    return { status: 204 };
  });

  for (const kind of ['page', 'blogpost'] as const) {
    route('POST', `/${kind === 'page' ? 'pages' : 'blogposts'}/{id}/editor-save`, (req) => {
      const site = siteOf(emulator, req);
      const record = findDocument(site, kind, req.params.id ?? '');
      editorSave(site, emulator, record, parseBody(req, editorSaveSchema, {}));
      changed();
      return ok(documentView(site, record, { format: 'storage', single: true }));
    });
  }

  route('GET', '/state', () =>
    ok({
      sites: emulator.sites.map(siteSummary),
      requests: emulator.counters.snapshot().total,
      faults: faultsView(emulator),
    }),
  );
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

/** Admin errors as `{"error": …}`, whatever threw. */
function guarded(handler: Handler): Handler {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof SeedError) return { status: 400, body: { error: 'The seed is not valid.', problems: error.problems } };
      if (error instanceof ApiError) return { status: error.status, body: { error: error.title } };
      throw error;
    }
  };
}

/** A JSON body checked against `schema`; an empty body is `fallback` (or a 400 without one). */
function parseBody<T>(req: ApiRequest, schema: z.ZodType<T>, fallback?: T): T {
  if (req.rawBody.length === 0 && fallback !== undefined) return fallback;
  const result = schema.safeParse(req.json());
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
    throw new ApiError(400, problems.join('; '));
  }
  return result.data;
}

const resetSchema = z.strictObject({ to: z.enum(['seed', 'empty'], { error: 'must be "seed" (the data the emulator started with) or "empty"' }).optional() });

const rate = z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1);
const millis = z.number({ error: 'must be a whole number of milliseconds from 0 to 600000' }).int().min(0).max(600_000);

const faultSettingsSchema = z.strictObject({
  latencyMs: millis.optional(),
  jitterMs: millis.optional(),
  rateLimit: z
    .strictObject(
      {
        perSecond: z.number({ error: 'must be a positive number of requests per second' }).positive(),
        capacity: z.number({ error: 'must be a whole number of requests, at least 1' }).int().min(1),
      },
      { error: 'must be {"perSecond": n, "capacity": n}, or null for no limit' },
    )
    .nullable()
    .optional(),
  errorRate: rate.optional(),
  throttleRate: rate.optional(),
  resetRate: rate.optional(),
  seed: z.number({ error: 'must be an integer' }).int().optional(),
  rateLimitReason: z.string({ error: 'must be a non-empty string' }).min(1).optional(),
  betaRateLimitHeaders: z.boolean({ error: 'must be true or false' }).optional(),
});

const queueSchema = z.strictObject({
  fault: z.union([z.literal(429), z.literal(500), z.literal(503), z.literal('reset'), z.literal('reset-after')], { error: 'must be 429, 500, 503, "reset" or "reset-after"' }),
  count: z.number({ error: 'must be a whole number from 1 to 10000' }).int().min(1).max(10_000).optional(),
});

const editorSaveSchema = z.strictObject({
  /** Replaces the body before the editor rewrites it: the human's edit. */
  body: z.string({ error: 'must be storage XHTML' }).optional(),
  title: z.string({ error: 'must be a string' }).optional(),
  message: z.string({ error: 'must be a string' }).optional(),
  minorEdit: z.boolean({ error: 'must be true or false' }).optional(),
  codeTitle: z.enum(['drop', 'keep'], { error: 'must be "drop" or "keep"' }).optional(),
});

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function faultsView(emulator: Emulator): unknown {
  const { rateLimit, ...settings } = emulator.faults.settings;
  return { ...settings, rateLimit: rateLimit ?? null, queue: emulator.faults.queue };
}

/** The site named by `?cloudId=`, else the first one. */
function siteOf(emulator: Emulator, req: ApiRequest): Site {
  const cloudId = req.query.get('cloudId');
  if (cloudId === null) return emulator.defaultSite;
  const site = emulator.siteByCloudId(cloudId);
  if (!site) throw new ApiError(404, `No site with cloud ID ${cloudId}`);
  return site;
}

/** A save in the Confluence editor by the emulator's user: the body rewritten as the editor does, a new version. */
function editorSave(site: Site, emulator: Emulator, record: DocumentRecord, input: z.infer<typeof editorSaveSchema>): void {
  if (record.status !== 'current') {
    throw new ApiError(409, `Only a current ${record.kind === 'page' ? 'page' : 'blog post'} can be edited in the editor; ${record.id} is ${record.status}.`);
  }
  const latest = current(record);
  let body: string;
  try {
    body = applyEditorRewrites(input.body ?? latest.body, { uuid: () => site.uuid(), codeTitle: input.codeTitle ?? 'drop' });
  } catch (error) {
    if (error instanceof XhtmlParseError) throw new ApiError(400, error.message);
    throw error;
  }
  updateDocument(site, emulator.user, record, {
    id: record.id,
    status: 'current',
    title: input.title ?? latest.title,
    body: { representation: 'storage', value: body },
    version: { number: latest.number + 1, message: input.message ?? '', minorEdit: input.minorEdit ?? false },
  });
}

function siteSummary(site: Site): unknown {
  const byStatus = (kind: string) => {
    const counts: Record<string, number> = {};
    for (const record of site.content.values()) if (record.kind === kind) counts[record.status] = (counts[record.status] ?? 0) + 1;
    return counts;
  };
  return {
    cloudId: site.cloudId,
    name: site.name,
    url: site.url,
    lastId: site.lastIssuedId,
    spaces: [...site.spaces.values()].map((s) => ({ id: s.id, key: s.key, name: s.name, status: s.status, homepageId: s.homepageId })),
    pages: byStatus('page'),
    blogposts: byStatus('blogpost'),
    folders: byStatus('folder'),
    attachments: site.attachments.size,
    labels: site.labels.size,
    comments: site.comments.size,
    tasks: site.tasks.size,
    customContent: site.customContent.size,
  };
}
