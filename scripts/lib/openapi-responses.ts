/**
 * Pure functions that cut an OpenAPI 3.0 document down to what the contract tests need: for every
 * path and method, the documented status codes with their response schemas, and the component
 * schemas those reference. Annotations (descriptions, examples, titles, `x-*` extensions) are
 * dropped; validation keywords are kept unchanged (OpenAPI 3.0 form, `nullable` included).
 * An unknown keyword stops the extraction, so nothing that constrains a response is lost silently.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Keywords that constrain a value: kept. */
const VALIDATION_SCALARS = new Set([
  'type',
  'format',
  'enum',
  'required',
  'nullable',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  '$ref',
]);
/** Keywords whose value is one schema, a list of schemas, or a map of schemas. */
const SUBSCHEMA = new Set(['items', 'not']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'oneOf', 'anyOf']);
/** Keywords that only describe: dropped. */
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'title', 'default', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs', 'xml']);

export class ExtractionError extends Error {}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema without annotations. `at` names the place in the document for error messages. */
export function pruneSchema(schema: Json, at: string): JsonObject {
  if (!isObject(schema)) throw new ExtractionError(`${at}: a schema must be an object`);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    const here = `${at}/${key}`;
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (VALIDATION_SCALARS.has(key)) out[key] = value;
    else if (SUBSCHEMA.has(key)) out[key] = pruneSchema(value, here);
    else if (SUBSCHEMA_LISTS.has(key)) {
      if (!Array.isArray(value)) throw new ExtractionError(`${here}: expected a list of schemas`);
      out[key] = value.map((s, i) => pruneSchema(s, `${here}/${i}`));
    } else if (key === 'properties') {
      if (!isObject(value)) throw new ExtractionError(`${here}: expected a map of schemas`);
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, pruneSchema(s, `${here}/${name}`)]));
    } else if (key === 'additionalProperties') {
      out[key] = typeof value === 'boolean' ? value : pruneSchema(value, here);
    } else {
      throw new ExtractionError(`${here}: unknown schema keyword '${key}'`);
    }
  }
  return out;
}

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/** The component schema names a schema refers to directly. */
export function refsOf(schema: Json): string[] {
  const found: string[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') {
          const m = typeof value === 'string' ? COMPONENT_REF.exec(value) : null;
          if (!m) throw new ExtractionError(`unsupported $ref ${JSON.stringify(value)}: only #/components/schemas/* is handled`);
          found.push(decodeURIComponent(m[1]!));
        } else walk(value);
      }
    }
  };
  walk(schema);
  return found;
}

export interface ExtractedResponse {
  /** Media type → pruned schema (or `{}` when the media type has no schema). Absent: no body documented. */
  content?: Record<string, JsonObject>;
}

export interface ExtractedOperation {
  operationId?: string;
  responses: Record<string, ExtractedResponse>;
}

export interface ExtractedDocument {
  info: { title: string; version: string; openapi: string };
  /** The prefix the document's paths are served under on a site (v2: from `servers`; v1 paths carry it). */
  basePath: string;
  /** Full site paths (`/wiki/api/v2/pages/{id}`) → method → operation. */
  paths: Record<string, Record<string, ExtractedOperation>>;
  components: { schemas: Record<string, JsonObject> };
}

/**
 * Extracts every path and method of `doc` with its responses, and the transitive closure of the
 * component schemas the kept response schemas reference. `basePath` is prefixed to every path.
 */
export function extractResponses(doc: JsonObject, basePath: string): ExtractedDocument {
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string' || typeof doc.openapi !== 'string') {
    throw new ExtractionError('not an OpenAPI document: info.title, info.version and openapi are required');
  }
  const docPaths = doc.paths;
  if (!isObject(docPaths)) throw new ExtractionError('the document has no paths');
  const allSchemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};

  const paths: ExtractedDocument['paths'] = {};
  const wanted: string[] = [];
  for (const [path, item] of Object.entries(docPaths)) {
    if (!isObject(item)) throw new ExtractionError(`paths${path}: not an object`);
    const operations: Record<string, ExtractedOperation> = {};
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      if (!isObject(op) || !isObject(op.responses)) throw new ExtractionError(`${method.toUpperCase()} ${path}: no responses`);
      const responses: Record<string, ExtractedResponse> = {};
      for (const [status, response] of Object.entries(op.responses)) {
        const at = `${method.toUpperCase()} ${path} ${status}`;
        if (!isObject(response)) throw new ExtractionError(`${at}: not an object`);
        if ('$ref' in response) throw new ExtractionError(`${at}: response $ref is not supported`);
        const extracted: ExtractedResponse = {};
        if (isObject(response.content) && Object.keys(response.content).length > 0) {
          extracted.content = {};
          for (const [mediaType, media] of Object.entries(response.content)) {
            const schema = isObject(media) && media.schema !== undefined ? pruneSchema(media.schema, `${at} ${mediaType}`) : {};
            extracted.content[mediaType] = schema;
            wanted.push(...refsOf(schema));
          }
        }
        responses[status] = extracted;
      }
      operations[method] = { ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}), responses };
    }
    if (Object.keys(operations).length > 0) paths[`${basePath}${path}`] = operations;
  }

  const schemas: Record<string, JsonObject> = {};
  while (wanted.length > 0) {
    const name = wanted.pop()!;
    if (name in schemas) continue;
    const schema = allSchemas[name];
    if (schema === undefined) throw new ExtractionError(`#/components/schemas/${name} is referenced but not defined`);
    schemas[name] = pruneSchema(schema, `#/components/schemas/${name}`);
    wanted.push(...refsOf(schemas[name]));
  }
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]!]));
  return { info: { title: info.title, version: info.version, openapi: doc.openapi }, basePath, paths, components: { schemas: sorted } };
}

/** The path prefix of the first server URL (`https://{your-domain}/wiki/api/v2` → `/wiki/api/v2`); `''` when it has none. */
export function serverBasePath(doc: JsonObject): string {
  const servers = doc.servers;
  const first = Array.isArray(servers) ? servers[0] : undefined;
  const url = isObject(first) && typeof first.url === 'string' ? first.url : '';
  const m = /^(?:[a-z]+:)?\/\/[^/]+(\/.*)?$/i.exec(url);
  return (m?.[1] ?? '').replace(/\/$/, '');
}
