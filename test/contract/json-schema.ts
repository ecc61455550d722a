/**
 * OpenAPI 3.0 schema objects → JSON Schema (draft-07, as Ajv 8 reads it).
 *
 * The differences that matter for response validation:
 * - `nullable: true` adds `null` to the allowed types (and to `enum`, which otherwise refuses null);
 *   without a `type` the schema becomes `anyOf: [schema, {type: null}]`.
 * - Keywords next to a `$ref` are ignored in OpenAPI 3.0, so they are dropped.
 * - Boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 style) become numeric bounds.
 * - `#/components/schemas/X` references point into a definitions document named `refBase`.
 */

export type SchemaObject = { [key: string]: unknown };

const nested = ['items', 'not', 'additionalProperties'] as const;
const lists = ['allOf', 'oneOf', 'anyOf'] as const;

export function toJsonSchema(schema: SchemaObject, refBase: string): SchemaObject {
  if (typeof schema.$ref === 'string') return { $ref: rewriteRef(schema.$ref, refBase) };
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if ((nested as readonly string[]).includes(key) && isSchema(value)) out[key] = toJsonSchema(value, refBase);
    else if ((lists as readonly string[]).includes(key) && Array.isArray(value)) out[key] = value.map((s: SchemaObject) => toJsonSchema(s, refBase));
    else if (key === 'properties' && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s as SchemaObject, refBase)]));
    } else out[key] = value;
  }
  exclusiveBound(out, 'exclusiveMinimum', 'minimum');
  exclusiveBound(out, 'exclusiveMaximum', 'maximum');
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Converts every component schema; the result is the `definitions` of one document. */
export function toDefinitions(schemas: Record<string, SchemaObject>, refBase: string): Record<string, SchemaObject> {
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s, refBase)]));
}

function rewriteRef(ref: string, refBase: string): string {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref}`);
  return `${refBase}#/definitions/${m[1]}`;
}

function exclusiveBound(schema: SchemaObject, exclusive: 'exclusiveMinimum' | 'exclusiveMaximum', bound: 'minimum' | 'maximum'): void {
  if (typeof schema[exclusive] !== 'boolean') return;
  if (schema[exclusive] === true && typeof schema[bound] === 'number') schema[exclusive] = schema[bound];
  else delete schema[exclusive];
  if (typeof schema[exclusive] === 'number') delete schema[bound];
}

function isSchema(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
