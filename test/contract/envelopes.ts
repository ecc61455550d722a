/**
 * JSON Schemas of the error bodies Confluence Cloud sends. The OpenAPI documents describe no error
 * bodies at all (every 4xx/5xx response there has empty `content`), so these come from the notes
 * (`confluence-api-notes.md` §6 "Error bodies"), which cite the observed bodies.
 */
import type { SchemaObject } from './json-schema.js';

/** v2: `{"errors":[{"status":<int>,"code":"<UPPER_SNAKE>","title":"<message>","detail":<string|null>}]}` (§6 v2). */
export const v2Error: SchemaObject = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['status', 'code', 'title', 'detail'],
        properties: {
          status: { type: 'integer', minimum: 400, maximum: 599 },
          code: { type: 'string', pattern: '^[A-Z][A-Z_]*$' },
          title: { type: 'string', minLength: 1 },
          detail: { type: ['string', 'null'] },
        },
      },
    },
  },
};

/**
 * v1: the full envelope `{statusCode, data{authorized,valid,allowedInReadOnlyMode,errors,successful}, message, reason}`
 * or the short form `{statusCode, message}` (§6 v1); `data` and `reason` are optional for that reason.
 */
export const v1Error: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    message: { type: 'string' },
    reason: { type: 'string' },
    data: {
      type: 'object',
      required: ['authorized', 'valid', 'allowedInReadOnlyMode', 'errors', 'successful'],
      properties: {
        authorized: { type: 'boolean' },
        valid: { type: 'boolean' },
        allowedInReadOnlyMode: { type: 'boolean' },
        errors: { type: 'array' },
        successful: { type: 'boolean' },
      },
    },
  },
};

/** api.atlassian.com's own errors: `{"code":401,"message":"Unauthorized; scope does not match"}` (§6 Gateway). */
export const gatewayError: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: { code: { type: 'integer', minimum: 400, maximum: 599 }, message: { type: 'string' } },
};

/**
 * Maton's own errors. Their format is not documented (notes §13 open questions); the emulator's
 * guess is `{"error":{"status","message"}}` (server.ts `matonError`), checked here so it stays one shape.
 */
export const matonError: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'message'],
      properties: { status: { type: 'integer', minimum: 400, maximum: 599 }, message: { type: 'string' } },
    },
  },
};

/** The status an error body states, to compare with the HTTP status (§6: "The HTTP status matches errors[0].status"). */
export function statedStatus(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { errors?: Array<{ status?: unknown }>; statusCode?: unknown; code?: unknown; error?: { status?: unknown } };
  const value = b.errors?.[0]?.status ?? b.statusCode ?? b.code ?? b.error?.status;
  return typeof value === 'number' ? value : undefined;
}
