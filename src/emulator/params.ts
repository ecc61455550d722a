import { ApiError } from './errors.js';
import type { ApiRequest } from './http-types.js';

/** All values of an array parameter: comma-separated (spec) and/or repeated keys (observed). */
export function multi(req: ApiRequest, name: string): string[] {
  return req.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** One value of an enumerated parameter; an unknown value is a 400 as Confluence answers it. */
export function oneOf<T extends string>(req: ApiRequest, name: string, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(req: ApiRequest, name: string, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(req: ApiRequest, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = req.query.get(name);
  if (value === null || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalidValue(name, value, allowed);
  return value as T;
}

/** Every value of an enumerated array parameter, validated; `fallback` when absent. */
export function manyOf<T extends string>(req: ApiRequest, name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
  const values = multi(req, name);
  if (values.length === 0) return [...fallback];
  for (const value of values) if (!(allowed as readonly string[]).includes(value)) throw invalidValue(name, value, allowed);
  return values as T[];
}

export function flag(req: ApiRequest, name: string, fallback = false): boolean {
  const value = req.query.get(name);
  if (value === null || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ApiError(400, `Invalid value '${value}' for parameter '${name}': expected true or false`);
}

export function integer(req: ApiRequest, name: string): number | undefined {
  const value = req.query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new ApiError(400, `Invalid value '${value}' for parameter '${name}': expected an integer`);
  return n;
}

/** A numeric path id (`int64` in the spec); anything else is a 400. Attachment ids may carry `att`. */
export function pathId(req: ApiRequest, name = 'id', options: { attachment?: boolean } = {}): string {
  const value = req.params[name] ?? '';
  const pattern = options.attachment ? /^(att)?[0-9]+$/ : /^[0-9]+$/;
  if (!pattern.test(value)) {
    throw new ApiError(400, `Provided value {${value}} for '${name}' is not the correct type. Expected type is ${options.attachment ? 'string' : 'long'}`);
  }
  return options.attachment ? value.replace(/^att/, '') : value;
}

function invalidValue(name: string, value: string, allowed: readonly string[]): ApiError {
  return new ApiError(400, `Provided value {${value}} for '${name}' is not the correct type. Expected one of [${allowed.join(', ')}]`);
}

/** Reads a JSON object body; Confluence answers 400 for a body it cannot read. */
export function objectBody(req: ApiRequest): Record<string, unknown> {
  const body = req.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string, required: true): string;
export function stringField(body: Record<string, unknown>, name: string, required?: false): string | undefined;
export function stringField(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw new ApiError(400, `'${name}' is required`);
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new ApiError(400, `'${name}' must be a string`);
  return value;
}
