import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { toDefinitions, toJsonSchema } from './json-schema.js';
import { matchTemplate, sameShape } from './spec.js';

const base = 'https://example.invalid/doc.json';

describe('toJsonSchema', () => {
  it('turns nullable: true into a type union, and adds null to an enum', () => {
    expect(toJsonSchema({ type: 'string', nullable: true }, base)).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ type: 'string', enum: ['a', 'b'], nullable: true }, base)).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(toJsonSchema({ type: 'integer', nullable: false }, base)).toEqual({ type: 'integer' });
  });

  it('wraps a nullable schema without a type in anyOf', () => {
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/A' }], nullable: true }, base)).toEqual({
      anyOf: [{ allOf: [{ $ref: `${base}#/definitions/A` }] }, { type: 'null' }],
    });
  });

  it('ignores keywords next to $ref, as OpenAPI 3.0 does, and points the reference at the definitions', () => {
    expect(toJsonSchema({ $ref: '#/components/schemas/Page', nullable: true, type: 'string' }, base)).toEqual({ $ref: `${base}#/definitions/Page` });
    expect(() => toJsonSchema({ $ref: 'other.json#/X' }, base)).toThrow('unsupported $ref other.json#/X');
  });

  it('converts nested schemas in properties, items, additionalProperties and combinators', () => {
    const out = toJsonSchema(
      {
        type: 'object',
        properties: { a: { type: 'string', nullable: true } },
        additionalProperties: { type: 'integer', nullable: true },
        items: { type: 'boolean', nullable: true },
        oneOf: [{ type: 'number', nullable: true }],
        not: { type: 'array', nullable: true },
      },
      base,
    );
    expect(out).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'] } },
      additionalProperties: { type: ['integer', 'null'] },
      items: { type: ['boolean', 'null'] },
      oneOf: [{ type: ['number', 'null'] }],
      not: { type: ['array', 'null'] },
    });
  });

  it('turns boolean exclusive bounds into numeric ones', () => {
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true }, base)).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(toJsonSchema({ type: 'number', maximum: 9, exclusiveMaximum: false }, base)).toEqual({ type: 'number', maximum: 9 });
  });

  it('gives schemas Ajv validates with OpenAPI meaning', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    ajv.addSchema({ $id: base, definitions: toDefinitions({ Status: { type: 'string', enum: ['current'], nullable: true } }, base) });
    const validate = ajv.compile(toJsonSchema({ type: 'object', required: ['s'], properties: { s: { $ref: '#/components/schemas/Status' } } }, base));
    expect(validate({ s: 'current' })).toBe(true);
    expect(validate({ s: null })).toBe(true);
    expect(validate({ s: 'trashed' })).toBe(false);
    expect(validate({})).toBe(false);
  });
});

describe('matchTemplate', () => {
  const templates = ['/wiki/api/v2/pages/{id}', '/wiki/api/v2/pages/{id}/title', '/wiki/api/v2/pages/{id}/{x}', '/wiki/api/v2/pages'];

  it('finds the template a path is an instance of, with its parameters', () => {
    expect(matchTemplate(templates, '/wiki/api/v2/pages/42')).toEqual({ template: '/wiki/api/v2/pages/{id}', params: { id: '42' } });
    expect(matchTemplate(templates, '/wiki/api/v2/pages')).toEqual({ template: '/wiki/api/v2/pages', params: {} });
  });

  it('prefers the template with more literal segments', () => {
    expect(matchTemplate(templates, '/wiki/api/v2/pages/42/title')?.template).toBe('/wiki/api/v2/pages/{id}/title');
    expect(matchTemplate(templates, '/wiki/api/v2/pages/42/labels')?.template).toBe('/wiki/api/v2/pages/{id}/{x}');
  });

  it('matches nothing when the segment count or a literal differs', () => {
    expect(matchTemplate(templates, '/wiki/api/v2/pages/42/a/b')).toBeUndefined();
    expect(matchTemplate(templates, '/wiki/api/v2/spaces/42')).toBeUndefined();
  });

  it('sameShape ignores parameter names only', () => {
    expect(sameShape('/pages/{id}/versions/{n}', '/pages/{page-id}/versions/{version-number}')).toBe(true);
    expect(sameShape('/pages/{id}/versions', '/pages/{id}/labels')).toBe(false);
    expect(sameShape('/pages/{id}', '/pages/{id}/x')).toBe(false);
  });
});
