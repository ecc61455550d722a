/**
 * Every place where the contract check does not simply apply "the spec's response schema for this
 * route and status". Each entry says why, with its source in `confluence-api-notes.md` (the notes)
 * or the emulator option it belongs to. Keep entries narrow: a wrong entry hides emulator bugs.
 */
import type { Family } from './spec.js';

/** How the request reached the site (mirrors src/emulator/http-types.ts `Mount`). */
export type Mount = 'site' | 'atlassian-gateway' | 'maton-gateway';

export interface NonApiPath {
  readonly pattern: RegExp;
  readonly reason: string;
}

/** Paths outside both OpenAPI documents: their responses are not checked. */
export const nonApiPaths: readonly NonApiPath[] = [
  { pattern: /^\/__emulator\//, reason: "The emulator's own admin API: not Confluence." },
  { pattern: /^\/__media\//, reason: 'Stands in for api.media.atlassian.com, the target of the v1 download redirect (notes §4.10): file bytes.' },
  { pattern: /^\/_edge\/tenant_info$/, reason: 'Cloud-id discovery on the site domain (notes §2, obs 2026-08-07): in neither document.' },
  {
    pattern: /^(\/confluence)?\/oauth\/token\/accessible-resources$/,
    reason: 'Site discovery of api.atlassian.com and Maton (notes §2, §9): a gateway route, not in the Confluence documents.',
  },
  {
    pattern: /^((\/confluence)?\/ex\/confluence\/[^/]+)?\/wiki\/download\//,
    reason: 'Attachment downloads (`downloadLink`, notes §4.10): file bytes served by the site, not an API route.',
  },
];

export interface RouteNotInSpec {
  readonly family: Family;
  readonly method: string;
  /** Full site path with `{param}` segments. */
  readonly template: string;
  /** The 2xx answer, when the route still succeeds: status and a component schema of the same document. */
  readonly success?: { readonly status: number; readonly schema: string };
  /** Error statuses this route answers besides the global ones (bodies: the family's error envelope, or empty). */
  readonly statuses?: readonly number[];
  readonly reason: string;
}

const removed = (method: string, template: string): RouteNotInSpec => ({
  family: 'v1',
  method,
  template,
  statuses: [410],
  reason: 'Removed from Cloud (CHANGE-864) and from the v1 document; answers 410 GoneException (notes §2).',
});

/** Routes Confluence Cloud answers that the documents do not list. */
export const routesNotInSpec: readonly RouteNotInSpec[] = [
  removed('GET', '/wiki/rest/api/content'),
  removed('POST', '/wiki/rest/api/content'),
  removed('GET', '/wiki/rest/api/content/{id}'),
  removed('PUT', '/wiki/rest/api/content/{id}'),
  removed('DELETE', '/wiki/rest/api/content/{id}'),
  {
    family: 'v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/attachment',
    success: { status: 200, schema: 'ContentArray' },
    reason: 'Missing from the v1 document but still works (notes §1, obs 2026-08-07 [MF-api]).',
  },
  {
    family: 'v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/page',
    success: { status: 200, schema: 'ContentArray' },
    reason: 'Missing from the v1 document but still works (notes §4.7, obs 2026-08-13 [MF-folders]).',
  },
  {
    family: 'v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/folder',
    success: { status: 200, schema: 'ContentArray' },
    reason: 'Missing from the v1 document but still works (notes §4.7, obs 2026-08-13 [MF-folders]).',
  },
  {
    family: 'v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/child/label',
    success: { status: 200, schema: 'LabelArray' },
    reason: 'Read-only label listing: its `allow` header lists GET (notes §4.9, obs 2026-09-11 [MF-labels]).',
  },
  ...['POST', 'PUT', 'DELETE'].map(
    (method): RouteNotInSpec => ({
      family: 'v1',
      method,
      template: '/wiki/rest/api/content/{id}/child/label',
      statuses: [405],
      reason: 'Read-only: 405 with an empty body and `allow: HEAD,GET,OPTIONS` (notes §4.9, obs 2026-09-11 for POST and DELETE; PUT by that header).',
    }),
  ),
  {
    family: 'v1',
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/label',
    success: { status: 200, schema: 'LabelArray' },
    reason:
      'Deprecated in favour of v2 GET /pages/{id}/labels and absent from the v1 document; served like child/label (LabelArray). Unverified whether Cloud still answers it.',
  },
];

export interface UndocumentedStatus {
  readonly status: number;
  readonly family?: Family;
  readonly method?: string;
  /** Full site path template, or a pattern over templates. Absent: every route. */
  readonly template?: string | RegExp;
  readonly mounts?: readonly Mount[];
  /** Which body is expected: the family's error envelope (default), or any JSON (a body nobody documents). */
  readonly body?: 'error-envelope' | 'any-json';
  readonly reason: string;
}

/** Statuses Confluence answers that the documents omit for a route. */
export const undocumentedStatuses: readonly UndocumentedStatus[] = [
  { status: 429, body: 'any-json', reason: 'Rate limiting: any REST endpoint may answer 429; the body is not specified (notes §7).' },
  { status: 500, reason: 'INTERNAL_SERVER_ERROR is observed (notes §6); the emulator injects it as a fault.' },
  { status: 503, reason: 'Transient 5xx with Retry-After (notes §7); the emulator injects it as a fault.' },
  { status: 413, reason: 'The emulator refuses bodies over 5 MB on every route; the documents list 413 only on creates (notes §4.4, §12).' },
  { status: 405, reason: 'A method the route does not have: 405 METHOD_NOT_ALLOWED (notes §6, §4.9 obs 2026-09-11).' },
  { status: 404, family: 'v2', reason: 'Bad or missing credentials: every v2 route answers a bare 404 "Not Found" (notes §6, obs 2026-08-21 [MF-api]).' },
  { status: 401, family: 'v2', reason: 'Fidelity option `v2AuthFailure: 401` (src/emulator/options.ts) for clients under test that want a 401.' },
  { status: 403, family: 'v1', reason: 'Credential failures on v1 are 403 (notes §6 v1, obs 2026-08-21 [MF-api]).' },
  { status: 401, mounts: ['atlassian-gateway', 'maton-gateway'], reason: 'The gateway refuses the credential or scope before Confluence sees it (notes §6 Gateway, §9).' },
  { status: 404, mounts: ['atlassian-gateway', 'maton-gateway'], reason: 'The gateway does not know the cloud ID (notes §9; emulator option `unknownCloudIdStatus`).' },
  { status: 400, mounts: ['maton-gateway'], reason: 'Maton refuses an unknown `Maton-Connection` (notes §9).' },
  {
    status: 409,
    family: 'v2',
    method: 'PUT',
    template: '/wiki/api/v2/pages/{id}',
    reason: 'Stale version: 409 CONFLICT "Version must be incremented…"; the document lists no 409 (notes §4.5, obs; CONFCLOUD-76640). Also the `duplicateTitleOnUpdate: 409` option.',
  },
  { status: 409, family: 'v2', method: 'PUT', template: '/wiki/api/v2/pages/{id}/title', reason: 'Fidelity option `duplicateTitleOnUpdate: 409` (notes §4.5: 400 vs 409 is uncertain).' },
  { status: 409, family: 'v2', method: 'PUT', template: '/wiki/api/v2/blogposts/{id}', reason: 'Blog posts follow the page version rule (notes §4.13, §4.5).' },
  { status: 409, family: 'v2', method: 'PUT', template: '/wiki/api/v2/custom-content/{id}', reason: 'Custom content versions "must be incremented by one" (spec body); a stale one is a conflict like pages (inferred).' },
  {
    status: 409,
    family: 'v2',
    method: 'PUT',
    template: /^\/wiki\/api\/v2\/(footer|inline)-comments\/\{[^}]+\}$/,
    reason: 'Comment updates need version current+1 (notes §4.12); a stale one is a conflict like pages (inferred).',
  },
  {
    status: 409,
    family: 'v2',
    template: /\/properties(\/\{[^}]+\})?$/,
    reason: 'Content properties: creating an existing key, or a stale property version, is 409 (notes §4.8, inferred from [CB] and the marksync spike).',
  },
];

export interface SpecCorrection {
  readonly family: Family;
  /** A component schema of the document. */
  readonly schema: string;
  readonly property: string;
  readonly reason: string;
}

/**
 * Properties that real responses set to `null` although the document does not mark them nullable.
 * Applied to the component before validation (the fixtures stay as Atlassian wrote them).
 */
export const nullableCorrections: readonly SpecCorrection[] = [
  ...(['PageSingle', 'PageBulk'] as const).flatMap((schema) =>
    (['parentId', 'parentType'] as const).map((property) => ({
      family: 'v2' as const,
      schema,
      property,
      reason: 'A trashed page reports parentId:null and parentType:null (notes §4.6, obs 2026-08-13 [MF-folders]); a root-level page has no parent (notes §4.2: several root pages, obs 2026-08-31).',
    })),
  ),
  ...(['parentId', 'parentType'] as const).map((property) => ({
    family: 'v2' as const,
    schema: 'FolderSingle',
    property,
    reason: 'A trashed folder loses its parent as a trashed page does (inferred from notes §4.6, obs on pages 2026-08-13 [MF-folders]).',
  })),
  ...(['SpaceBulk', 'SpaceSingle'] as const).flatMap((schema) =>
    (['description', 'icon'] as const).map((property) => ({
      family: 'v2' as const,
      schema,
      property,
      reason:
        'Live v2 space answers carry description:null and icon:null unless description-format / include-icon ask for them (raw GET /spaces responses published from real sites, e.g. a CLI manual and a tutorial; notes §4.1 lists both fields).',
    })),
  ),
];
