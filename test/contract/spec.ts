/**
 * The extracted OpenAPI responses in `fixtures/openapi/` (see SOURCE.md there), and path-template
 * matching: which documented path a concrete request path is an instance of.
 */
import { readFileSync } from 'node:fs';
import type { SchemaObject } from './json-schema.js';

export type Family = 'v1' | 'v2';

export interface SpecResponse {
  /** Media type → schema (OpenAPI 3.0 form). Absent when the spec documents no body. */
  readonly content?: Record<string, SchemaObject>;
}

export interface SpecOperation {
  readonly operationId?: string;
  readonly responses: Record<string, SpecResponse>;
}

export interface SpecDocument {
  readonly source: { readonly file: string; readonly bytes: number; readonly sha256: string };
  readonly info: { readonly title: string; readonly version: string; readonly openapi: string };
  readonly basePath: string;
  /** Full site paths (`/wiki/api/v2/pages/{id}`) → lower-case method → operation. */
  readonly paths: Record<string, Record<string, SpecOperation>>;
  readonly components: { readonly schemas: Record<string, SchemaObject> };
}

const files: Record<Family, string> = {
  v2: 'confluence-rest-v2.responses.json',
  v1: 'confluence-rest-v1.responses.json',
};

const loaded = new Map<Family, SpecDocument>();

export function loadSpec(family: Family): SpecDocument {
  let doc = loaded.get(family);
  if (!doc) {
    doc = JSON.parse(readFileSync(new URL(`../../fixtures/openapi/${files[family]}`, import.meta.url), 'utf8')) as SpecDocument;
    loaded.set(family, doc);
  }
  return doc;
}

export interface TemplateMatch {
  /** The documented path, e.g. `/wiki/api/v2/pages/{id}`. */
  readonly template: string;
  readonly params: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/**
 * The template among `templates` that `path` is an instance of. A parameter matches one non-empty
 * segment; when several templates match, the one with more literal segments wins
 * (`/pages/{id}/title` over `/pages/{id}/{x}`), as in the emulator's router.
 */
export function matchTemplate(templates: Iterable<string>, path: string): TemplateMatch | undefined {
  const parts = segments(path);
  let best: { match: TemplateMatch; literals: number } | undefined;
  for (const template of templates) {
    const pattern = segments(template);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i]!;
      const v = parts[i]!;
      if (isParam(p)) params[p.slice(1, -1)] = v;
      else if (p === v) literals++;
      else ok = false;
    }
    if (ok && (!best || literals > best.literals)) best = { match: { template, params }, literals };
  }
  return best?.match;
}

/** Whether two templates describe the same paths, whatever their parameter names (`{id}` vs `{page-id}`). */
export function sameShape(a: string, b: string): boolean {
  const x = segments(a);
  const y = segments(b);
  return x.length === y.length && x.every((s, i) => (isParam(s) && isParam(y[i]!)) || s === y[i]);
}
