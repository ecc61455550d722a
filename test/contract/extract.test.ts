import { describe, expect, it } from 'vitest';
import { ExtractionError, extractResponses, pruneSchema, refsOf, serverBasePath, type JsonObject } from '../../scripts/lib/openapi-responses.js';

describe('pruneSchema', () => {
  it('drops annotations and x- extensions at schema positions, keeping properties that are named like them', () => {
    const schema = {
      type: 'object',
      title: 'Page',
      description: 'a page',
      'x-atlassian-ref': 'z',
      example: { id: '1' },
      required: ['title'],
      properties: {
        title: { type: 'string', description: 'the title', default: 'x' },
        description: { type: 'string', nullable: true, readOnly: true },
      },
      additionalProperties: { type: 'integer', format: 'int32', deprecated: true },
    };
    expect(pruneSchema(schema, '#')).toEqual({
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string' }, description: { type: 'string', nullable: true } },
      additionalProperties: { type: 'integer', format: 'int32' },
    });
  });

  it('keeps validation keywords inside items, allOf, oneOf, anyOf and not', () => {
    const schema: JsonObject = {
      allOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', properties: { n: { type: 'integer', minimum: 1, example: 3 } } }],
      oneOf: [{ enum: ['a'], description: 'd' }],
      anyOf: [{ pattern: '^x$' }],
      not: { type: 'null', title: 't' },
      items: { maxLength: 3, 'x-y': 1 },
    };
    expect(pruneSchema(schema, '#')).toEqual({
      allOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } }],
      oneOf: [{ enum: ['a'] }],
      anyOf: [{ pattern: '^x$' }],
      not: { type: 'null' },
      items: { maxLength: 3 },
    });
  });

  it('refuses a keyword it does not know, naming where it is', () => {
    expect(() => pruneSchema({ properties: { a: { discriminator: { propertyName: 'k' } } } }, '#/S')).toThrow(
      new ExtractionError("#/S/properties/a/discriminator: unknown schema keyword 'discriminator'"),
    );
    expect(() => pruneSchema('string', '#/T')).toThrow('#/T: a schema must be an object');
    expect(() => pruneSchema({ allOf: {} }, '#/U')).toThrow('#/U/allOf: expected a list of schemas');
  });
});

describe('refsOf', () => {
  it('lists component references at any depth', () => {
    expect(refsOf({ items: { $ref: '#/components/schemas/A' }, allOf: [{ properties: { b: { $ref: '#/components/schemas/B' } } }] })).toEqual(['A', 'B']);
  });

  it('refuses references outside #/components/schemas', () => {
    expect(() => refsOf({ $ref: '#/components/parameters/P' })).toThrow('unsupported $ref "#/components/parameters/P"');
  });
});

describe('extractResponses', () => {
  const doc: JsonObject = {
    openapi: '3.0.3',
    info: { title: 'T', version: '2.0.0', description: 'long' },
    servers: [{ url: 'https://{your-domain}/wiki/api/v2' }],
    paths: {
      '/pages/{id}': {
        parameters: [{ name: 'id', in: 'path' }],
        get: {
          operationId: 'getPageById',
          description: 'gets',
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } },
            '404': { description: 'missing', content: {} },
            '401': { description: 'no auth' },
          },
        },
        delete: { responses: { '204': { description: 'gone' } } },
      },
      '/export': { get: { responses: { '200': { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } } } } },
    },
    components: {
      schemas: {
        Page: { type: 'object', properties: { version: { $ref: '#/components/schemas/Version' } } },
        Version: { type: 'object', properties: { number: { type: 'integer', description: 'n' } } },
        Unused: { type: 'string' },
      },
      requestBodies: { Big: { content: {} } },
    },
  };

  it('keeps every path and method with its statuses, prefixed with the base path', () => {
    const out = extractResponses(doc, serverBasePath(doc));
    expect(out.info).toEqual({ title: 'T', version: '2.0.0', openapi: '3.0.3' });
    expect(out.basePath).toBe('/wiki/api/v2');
    expect(Object.keys(out.paths)).toEqual(['/wiki/api/v2/pages/{id}', '/wiki/api/v2/export']);
    expect(out.paths['/wiki/api/v2/pages/{id}']).toEqual({
      get: { operationId: 'getPageById', responses: { '200': { content: { 'application/json': { $ref: '#/components/schemas/Page' } } }, '404': {}, '401': {} } },
      delete: { responses: { '204': {} } },
    });
    expect(out.paths['/wiki/api/v2/export']!.get!.responses['200']).toEqual({ content: { 'application/zip': { type: 'string', format: 'binary' } } });
  });

  it('keeps only the component schemas the responses reach, transitively, sorted by name', () => {
    const out = extractResponses(doc, '');
    expect(out.components.schemas).toEqual({
      Page: { type: 'object', properties: { version: { $ref: '#/components/schemas/Version' } } },
      Version: { type: 'object', properties: { number: { type: 'integer' } } },
    });
  });

  it('fails on a dangling reference, a response $ref, and a document that is not OpenAPI', () => {
    const dangling = { ...doc, components: { schemas: { Page: { $ref: '#/components/schemas/Nope' } } } };
    expect(() => extractResponses(dangling, '')).toThrow('#/components/schemas/Nope is referenced but not defined');
    const responseRef = { ...doc, paths: { '/x': { get: { responses: { '200': { $ref: '#/components/responses/R' } } } } } };
    expect(() => extractResponses(responseRef, '')).toThrow('GET /x 200: response $ref is not supported');
    expect(() => extractResponses({ paths: {} }, '')).toThrow('not an OpenAPI document');
  });
});

describe('serverBasePath', () => {
  it('takes the path of the first server URL', () => {
    expect(serverBasePath({ servers: [{ url: 'https://{your-domain}/wiki/api/v2' }] })).toBe('/wiki/api/v2');
    expect(serverBasePath({ servers: [{ url: '//your-domain.atlassian.net' }] })).toBe('');
    expect(serverBasePath({})).toBe('');
  });
});
