import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv, refBase } from '../emulator/contract.js';
import { nullableCorrections, routesNotInSpec, undocumentedStatuses } from './allow-lists.js';
import { toJsonSchema } from './json-schema.js';
import { loadSpec, matchTemplate, type Family } from './spec.js';

const families: Family[] = ['v2', 'v1'];

describe('fixtures/openapi', () => {
  it('hold the documents named in SOURCE.md, with their source hashes', () => {
    const v2 = loadSpec('v2');
    expect(v2.info).toEqual({ title: 'The Confluence Cloud REST API v2', version: '2.0.0', openapi: '3.0.3' });
    expect(v2.source).toEqual({ file: 'confluence-rest-v2.openapi.json', bytes: 597164, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(v2.basePath).toBe('/wiki/api/v2');
    expect(Object.keys(v2.paths)).toHaveLength(147);
    const v1 = loadSpec('v1');
    expect(v1.info).toEqual({ title: 'The Confluence Cloud REST API', version: '1.0.0', openapi: '3.0.1' });
    expect(v1.source.bytes).toBe(542904);
    expect(Object.keys(v1.paths)).toHaveLength(89);
  });

  it('stay small (well under 1 MB together)', () => {
    const bytes = ['confluence-rest-v2.responses.json', 'confluence-rest-v1.responses.json'].reduce(
      (n, f) => n + statSync(new URL(`../../fixtures/openapi/${f}`, import.meta.url)).size,
      0,
    );
    expect(bytes).toBeLessThan(400_000);
  });

  it.each(families)('%s: every response schema compiles with Ajv in strict mode, and every reference resolves', (family) => {
    const spec = loadSpec(family);
    const ajv = createAjv(family);
    let compiled = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      expect(path.startsWith('/wiki/')).toBe(true);
      for (const operation of Object.values(operations)) {
        for (const response of Object.values(operation.responses)) {
          for (const schema of Object.values(response.content ?? {})) {
            ajv.compile(toJsonSchema(schema, refBase(family)));
            compiled++;
          }
        }
      }
    }
    expect(compiled).toBeGreaterThan(family === 'v2' ? 170 : 100);
  });
});

describe('allow-lists.ts stays true to the documents', () => {
  it('lists only routes the documents really omit', () => {
    for (const route of routesNotInSpec) {
      const spec = loadSpec(route.family);
      const match = matchTemplate(Object.keys(spec.paths), route.template);
      const documented = match !== undefined && match.template === route.template && spec.paths[match.template]?.[route.method.toLowerCase()] !== undefined;
      expect(documented, `${route.method} ${route.template} is in the ${route.family} document now`).toBe(false);
      if (route.success) expect(spec.components.schemas[route.success.schema], route.success.schema).toBeDefined();
    }
  });

  it('lists only statuses the documents really omit for a named operation', () => {
    for (const entry of undocumentedStatuses) {
      if (typeof entry.template !== 'string' || entry.method === undefined || entry.family === undefined) continue;
      const operation = loadSpec(entry.family).paths[entry.template]?.[entry.method.toLowerCase()];
      expect(operation, `${entry.method} ${entry.template} is not in the ${entry.family} document`).toBeDefined();
      expect(Object.keys(operation!.responses)).not.toContain(String(entry.status));
    }
  });

  it('corrects only properties the documents define as not nullable', () => {
    for (const correction of nullableCorrections) {
      const property = (loadSpec(correction.family).components.schemas[correction.schema]?.properties as Record<string, { nullable?: boolean }> | undefined)?.[
        correction.property
      ];
      expect(property, `${correction.schema}.${correction.property}`).toBeDefined();
      expect(property!.nullable).not.toBe(true);
    }
  });
});
