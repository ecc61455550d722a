import { z } from 'zod';
import { defaultFidelity, type Fidelity } from './options.js';

/**
 * `--fidelity key=value` pairs → `Partial<Fidelity>`. Values are read as JSON when they parse
 * (`409`, `true`, `null`, `["a","b"]`), else as a plain string (`sensitive`). Keys with a known set of
 * values are checked against it; a key added to `Fidelity` later and not listed here is checked
 * against the type of its default value.
 */

const positiveInt = z.number().int().positive();

const known: Partial<Record<keyof Fidelity, z.ZodType>> = {
  titleCase: z.enum(['insensitive', 'sensitive']),
  duplicateTitleOnUpdate: z.union([z.literal(400), z.literal(409)]),
  limitAboveMaximum: z.enum(['clamp', 'reject']),
  linkHeaderOnLastPage: z.boolean(),
  v2AuthFailure: z.union([z.literal(404), z.literal(401)]),
  versionAtSave: z.boolean(),
  maxBodyBytes: positiveInt,
  folderTitles: z.enum(['unique-in-space', 'unrestricted']),
  labelLimits: z.strictObject({ perRequest: positiveInt, perContent: positiveInt }),
  spaceContentLabelsDefault: z.enum(['all', 'my-team']),
  maxPropertyValueBytes: positiveInt.nullable(),
  taskStatusWrite: z.enum(['in-place', 'new-version']),
  customContentTypes: z.union([z.literal('any'), z.array(z.string().min(1))]),
  maxAttachmentBytes: positiveInt,
  attachmentTooLargeStatus: z.union([z.literal(413), z.literal(404)]),
  xsrfFailureBody: z.enum(['envelope', 'text']),
  downloadRedirect: z.boolean(),
  moveBumpsVersion: z.boolean(),
};

export class FidelityFlagError extends Error {}

function schemaFor(key: keyof Fidelity): z.ZodType {
  const listed = known[key];
  if (listed) return listed;
  const fallback = defaultFidelity[key] as unknown;
  if (typeof fallback === 'number') return z.number();
  if (typeof fallback === 'boolean') return z.boolean();
  if (typeof fallback === 'string') return z.string();
  return z.unknown();
}

function readValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function expected(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as { enum?: unknown[]; anyOf?: Array<{ const?: unknown; type?: string }>; type?: string; const?: unknown };
  if (json.enum) return json.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (json.anyOf) return json.anyOf.map((v) => ('const' in v ? JSON.stringify(v.const) : (v.type ?? 'value'))).join(' | ');
  return json.type ?? 'a JSON value';
}

/** Parses `key=value` pairs; throws `FidelityFlagError` naming the pair and what is allowed. */
export function parseFidelityPairs(pairs: readonly string[]): Partial<Fidelity> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new FidelityFlagError(`'${pair}' is not key=value (e.g. titleCase=sensitive)`);
    const key = pair.slice(0, eq).trim();
    if (!(key in defaultFidelity)) {
      throw new FidelityFlagError(`unknown key '${key}'; known keys: ${Object.keys(defaultFidelity).join(', ')}`);
    }
    const schema = schemaFor(key as keyof Fidelity);
    const result = schema.safeParse(readValue(pair.slice(eq + 1).trim()));
    if (!result.success) throw new FidelityFlagError(`'${pair}': ${key} must be ${expected(schema)}`);
    out[key] = result.data;
  }
  return out as Partial<Fidelity>;
}
