/**
 * Contract check: does a response of the emulator match Atlassian's OpenAPI description of that
 * route and status? Used by the harness on every response (see harness.ts `call`), and by the
 * contract tests. The schemas are the extracted ones in fixtures/openapi/; the exceptions (routes
 * and statuses the documents omit, error bodies the documents do not describe) are in
 * test/contract/allow-lists.ts, each with its reason.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { nonApiPaths, nullableCorrections, routesNotInSpec, undocumentedStatuses, type Mount, type RouteNotInSpec } from '../contract/allow-lists.js';
import { gatewayError, matonError, statedStatus, v1Error, v2Error } from '../contract/envelopes.js';
import { toDefinitions, toJsonSchema, type SchemaObject } from '../contract/json-schema.js';
import { loadSpec, matchTemplate, type Family, type SpecOperation } from '../contract/spec.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
type FormatsPlugin = typeof addFormatsPlugin.default;
const addFormats: FormatsPlugin = (addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? (addFormatsPlugin as unknown as FormatsPlugin);

export interface ObservedResponse {
  readonly method: string;
  /** The request path as sent, with any query string and gateway prefix. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

export type Verdict =
  | {
      readonly kind: 'validated';
      readonly family: Family;
      readonly method: string;
      /** The documented (or allow-listed) path template; undefined for a path neither knows. */
      readonly template: string | undefined;
      readonly operation: string;
      readonly status: number;
      readonly against: string;
    }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'violation'; readonly operation: string; readonly status: number; readonly message: string };

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** Every verdict of this test file (module state: vitest gives each file its own). */
export const contractLog: Verdict[] = [];

/** Checks a response and throws ContractViolation, naming route, status and schema errors, when it does not conform. */
export function assertContract(response: ObservedResponse): Verdict {
  const verdict = checkResponse(response);
  contractLog.push(verdict);
  if (verdict.kind === 'violation') {
    throw new ContractViolation(`${response.method} ${response.path} answered ${response.status}, which breaks the contract of ${verdict.operation}:\n${verdict.message}`);
  }
  return verdict;
}

// ---------------------------------------------------------------------------------------------

export const refBase = (family: Family) => `https://confluence-sync.invalid/openapi/${family}.json`;

export function createAjv(family: Family): Ajv {
  // Strict, so that a conversion mistake (an unknown keyword or format) fails loudly. Two relaxations:
  // the documents often omit `type: object` next to `properties` (strictTypes), and v1 `UsersUserKeys`
  // requires a property it does not define (strictRequired); both are still validated as written.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  // The v2 document writes `format: "string"` on three schemas; it constrains nothing.
  ajv.addFormat('string', true);
  const spec = loadSpec(family);
  const definitions = toDefinitions(spec.components.schemas, refBase(family));
  for (const correction of nullableCorrections.filter((c) => c.family === family)) {
    const properties = definitions[correction.schema]?.properties as Record<string, SchemaObject> | undefined;
    const property = properties?.[correction.property];
    if (!properties || !property) throw new Error(`allow-lists: ${correction.schema}.${correction.property} is not in the ${family} document`);
    properties[correction.property] = { anyOf: [property, { type: 'null' }] };
  }
  ajv.addSchema({ $id: refBase(family), definitions });
  return ajv;
}

const ajvs = new Map<Family, Ajv>();
const validators = new Map<string, ValidateFunction>();

function validator(family: Family, key: string, schema: () => SchemaObject): ValidateFunction {
  const cacheKey = `${family} ${key}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    let ajv = ajvs.get(family);
    if (!ajv) {
      ajv = createAjv(family);
      ajvs.set(family, ajv);
    }
    validate = ajv.compile(schema());
    validators.set(cacheKey, validate);
  }
  return validate;
}

function formatErrors(errors: readonly ErrorObject[] | null | undefined, body: unknown): string {
  const lines = (errors ?? []).slice(0, 12).map((e) => {
    const where = e.instancePath || '(body)';
    const value = valueAt(body, e.instancePath);
    const shown = value === undefined ? '' : ` (got ${truncate(JSON.stringify(value))})`;
    const extra = e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : '';
    return `  ${where}: ${e.message ?? e.keyword}${extra}${shown}`;
  });
  const more = (errors?.length ?? 0) > 12 ? `\n  … and ${(errors?.length ?? 0) - 12} more` : '';
  return lines.join('\n') + more;
}

function valueAt(body: unknown, pointer: string): unknown {
  let at: unknown = body;
  for (const part of pointer.split('/').slice(1)) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}

const truncate = (s: string | undefined) => (s === undefined ? 'undefined' : s.length > 120 ? `${s.slice(0, 117)}...` : s);

// ---------------------------------------------------------------------------------------------

interface ApiPath {
  readonly mount: Mount;
  readonly family: Family;
  /** The path as on the site domain: `/wiki/api/v2/pages/1`. */
  readonly sitePath: string;
}

export function parseApiPath(pathname: string): ApiPath | undefined {
  const m = /^(?:(\/confluence)?\/ex\/confluence\/[^/]+)?(\/wiki\/(api\/v2|rest\/api)(?:\/.*)?)$/.exec(pathname);
  if (!m) return undefined;
  const [, maton, sitePath, family] = m;
  const gateway = pathname.startsWith('/ex/') || maton !== undefined;
  return { mount: !gateway ? 'site' : maton ? 'maton-gateway' : 'atlassian-gateway', family: family === 'api/v2' ? 'v2' : 'v1', sitePath: sitePath! };
}

const isJsonType = (contentType: string | null) => contentType !== null && /\bjson\b/i.test(contentType);
const isJsonMedia = (mediaType: string) => /json/i.test(mediaType) || mediaType === '*/*';

function matchesTemplate(pattern: string | RegExp | undefined, template: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (template === undefined) return false;
  return typeof pattern === 'string' ? pattern === template : pattern.test(template);
}

/** The contract verdict for one response. Pure apart from the schema cache. */
export function checkResponse(response: ObservedResponse): Verdict {
  const method = response.method.toUpperCase();
  const pathname = new URL(response.path, 'http://127.0.0.1').pathname;
  const nonApi = nonApiPaths.find((p) => p.pattern.test(pathname));
  if (nonApi) return { kind: 'skipped', reason: nonApi.reason };
  const api = parseApiPath(pathname);
  const isJson = isJsonType(response.contentType);
  const status = response.status;
  if (!api) {
    if (isJson) return { kind: 'violation', operation: `${method} ${pathname}`, status, message: '  a JSON answer on a path that is neither an API route nor in allow-lists.ts nonApiPaths' };
    return { kind: 'skipped', reason: 'not an API path; the answer is not JSON (the HTML 404 of a non-route)' };
  }

  const spec = loadSpec(api.family);
  const lookupMethod = method === 'HEAD' ? 'get' : method.toLowerCase();
  const specMatch = matchTemplate(Object.keys(spec.paths), api.sitePath);
  const operation: SpecOperation | undefined = specMatch ? spec.paths[specMatch.template]?.[lookupMethod] : undefined;
  const extraMatch = operation
    ? undefined
    : matchTemplate(
        routesNotInSpec.filter((r) => r.family === api.family && r.method === (method === 'HEAD' ? 'GET' : method)).map((r) => r.template),
        api.sitePath,
      );
  const extra: RouteNotInSpec | undefined = extraMatch && routesNotInSpec.find((r) => r.family === api.family && r.template === extraMatch.template && r.method === (method === 'HEAD' ? 'GET' : method));
  const template = operation ? specMatch!.template : (extra?.template ?? specMatch?.template);
  const name = `${api.family} ${method} ${template ?? `${api.sitePath} (no such route in the ${api.family} document)`}`;
  const ctx: Context = { api, method, template, status, isJson, text: response.text, name };

  // 1. The spec documents this route and status.
  const documented = operation?.responses[String(status)] ?? operation?.responses.default;
  if (operation && documented) {
    const media = Object.entries(documented.content ?? {});
    const json = media.find(([type]) => isJsonMedia(type));
    if (json) {
      if (method === 'HEAD') return validated(ctx, 'status only (HEAD has no body)');
      return checkBody(ctx, `spec ${status} ${json[0]}`, () => toJsonSchema(json[1], refBase(api.family)), `response ${template} ${lookupMethod} ${status}`);
    }
    if (media.length > 0) return validated(ctx, `spec ${status} ${media.map(([t]) => t).join(', ')} (not JSON: status only)`);
    return noDocumentedBody(ctx);
  }

  // 2. A route the spec omits, with its known success answer.
  if (extra?.success && extra.success.status === status) {
    const schemaName = extra.success.schema;
    return checkBody(ctx, `allow-listed route: ${schemaName}`, () => ({ $ref: `${refBase(api.family)}#/definitions/${schemaName}` }), `component ${schemaName}`);
  }
  if (extra?.statuses?.includes(status)) return errorBody(ctx, `allow-listed route status ${status}`);

  // 3. A status the spec omits but Confluence answers.
  const allowed = undocumentedStatuses.find(
    (u) =>
      u.status === status &&
      (u.family === undefined || u.family === api.family) &&
      (u.method === undefined || u.method === method) &&
      matchesTemplate(u.template, template) &&
      (u.mounts === undefined || u.mounts.includes(api.mount)),
  );
  if (allowed) {
    if (allowed.body === 'any-json') return anyJson(ctx, `undocumented status: ${allowed.reason}`);
    return errorBody(ctx, `undocumented status: ${allowed.reason}`);
  }

  // 4. A route neither the spec nor the allow-list knows: 404 is right, anything else is not.
  if (!operation && !extra) {
    const known = specMatch ? Object.keys(spec.paths[specMatch.template] ?? {}).map((m) => m.toUpperCase()) : [];
    if (status === 404 && known.length === 0) return errorBody(ctx, 'no such route: 404');
    const hint = known.length > 0 ? `the document has ${known.join(', ')} for ${specMatch!.template}` : `the ${api.family} document has no such path`;
    return violation(ctx, `  ${method} is not a documented operation (${hint}) and allow-lists.ts routesNotInSpec does not list it`);
  }
  const documentedStatuses = Object.keys(operation?.responses ?? {});
  const listed = [...documentedStatuses, ...(extra?.success ? [String(extra.success.status)] : []), ...(extra?.statuses ?? []).map(String)];
  return violation(ctx, `  status ${status} is not documented for this operation (documented: ${listed.join(', ') || 'none'}) and not in allow-lists.ts undocumentedStatuses`);
}

interface Context {
  readonly api: ApiPath;
  readonly method: string;
  readonly template: string | undefined;
  readonly status: number;
  readonly isJson: boolean;
  readonly text: string;
  readonly name: string;
}

function validated(ctx: Context, against: string): Verdict {
  return { kind: 'validated', family: ctx.api.family, method: ctx.method, template: ctx.template, operation: ctx.name, status: ctx.status, against };
}

function violation(ctx: Context, message: string): Verdict {
  return { kind: 'violation', operation: ctx.name, status: ctx.status, message };
}

function parse(ctx: Context): { ok: true; body: unknown } | { ok: false; verdict: Verdict } {
  try {
    return { ok: true, body: JSON.parse(ctx.text) as unknown };
  } catch (error) {
    return { ok: false, verdict: violation(ctx, `  the body is declared JSON but does not parse: ${(error as Error).message}`) };
  }
}

/** A documented JSON body: it must be there, be JSON, and match the schema. */
function checkBody(ctx: Context, against: string, schema: () => SchemaObject, key: string): Verdict {
  if (ctx.status >= 400 && !ctx.isJson) return validated(ctx, `${against} (error without a JSON body)`);
  if (!ctx.isJson) return violation(ctx, `  the spec documents a JSON body (${against}), but the answer is not JSON (body: ${truncate(JSON.stringify(ctx.text))})`);
  const parsed = parse(ctx);
  if (!parsed.ok) return parsed.verdict;
  const validate = validator(ctx.api.family, key, schema);
  if (!validate(parsed.body)) return violation(ctx, `  schema: ${against}\n${formatErrors(validate.errors, parsed.body)}`);
  return validated(ctx, against);
}

/** The spec documents the status but no body: errors carry the error envelope, successes nothing. */
function noDocumentedBody(ctx: Context): Verdict {
  if (ctx.status >= 400) return errorBody(ctx, `spec ${ctx.status} (no body documented)`);
  if (ctx.text.length === 0 || ctx.method === 'HEAD') return validated(ctx, `spec ${ctx.status} (no body)`);
  return violation(ctx, `  the spec documents no body for ${ctx.status}, but the answer has one: ${truncate(ctx.text)}`);
}

/**
 * An error answer: empty or non-JSON bodies (Tomcat HTML, v1's empty 405) are not checked; JSON
 * ones must be the family's envelope (or, on a gateway mount, the gateway's own), stating the
 * same status as the HTTP status line.
 */
function errorBody(ctx: Context, against: string): Verdict {
  if (ctx.status < 400) return violation(ctx, `  ${ctx.status} is not an error status (${against})`);
  if (!ctx.isJson || ctx.text.length === 0) return validated(ctx, `${against}; no JSON body`);
  const parsed = parse(ctx);
  if (!parsed.ok) return parsed.verdict;
  const candidates: Array<[string, SchemaObject]> = [[`${ctx.api.family} error envelope`, ctx.api.family === 'v2' ? v2Error : v1Error]];
  if (ctx.api.mount !== 'site') candidates.push(['gateway error', gatewayError]);
  if (ctx.api.mount === 'maton-gateway') candidates.push(['Maton error', matonError]);
  const family = ctx.api.family;
  const results = candidates.map(([label, schema]) => ({ label, validate: validator(family, `envelope ${label}`, () => schema) }));
  const match = results.find((r) => r.validate(parsed.body));
  if (!match) {
    const first = results[0]!;
    first.validate(parsed.body);
    return violation(ctx, `  schema: ${results.map((r) => r.label).join(' or ')} (notes §6)\n${formatErrors(first.validate.errors, parsed.body)}`);
  }
  const stated = statedStatus(parsed.body);
  if (stated !== ctx.status) return violation(ctx, `  the ${match.label} states status ${String(stated)} but the HTTP status is ${ctx.status}`);
  return validated(ctx, `${against}; ${match.label}`);
}

function anyJson(ctx: Context, against: string): Verdict {
  if (ctx.isJson && ctx.text.length > 0) {
    const parsed = parse(ctx);
    if (!parsed.ok) return parsed.verdict;
  }
  return validated(ctx, against);
}
