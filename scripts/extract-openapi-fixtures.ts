/**
 * Regenerates `fixtures/openapi/*.responses.json` from Atlassian's OpenAPI documents.
 *
 *   node --import tsx scripts/extract-openapi-fixtures.ts [--spec-dir DIR] [--out DIR]
 *
 * `--spec-dir` defaults to `../shared/spec` next to the repository; `--out` to `fixtures/openapi`.
 * See fixtures/openapi/SOURCE.md for what is kept and why.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractResponses, serverBasePath, type JsonObject } from './lib/openapi-responses.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const inputs = [
  { file: 'confluence-rest-v2.openapi.json', out: 'confluence-rest-v2.responses.json' },
  { file: 'confluence-rest-v1.openapi.json', out: 'confluence-rest-v1.responses.json' },
] as const;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? undefined : process.argv[i + 1];
  if (i !== -1 && (value === undefined || value.startsWith('--'))) throw new Error(`${name} needs a directory`);
  return value === undefined ? fallback : resolve(value);
}

function main(): void {
  const specDir = option('--spec-dir', resolve(repoRoot, '../shared/spec'));
  const outDir = option('--out', join(repoRoot, 'fixtures/openapi'));
  for (const input of inputs) {
    const bytes = readFileSync(join(specDir, input.file));
    const doc = JSON.parse(bytes.toString('utf8')) as JsonObject;
    const extracted = extractResponses(doc, serverBasePath(doc));
    const output = {
      source: { file: input.file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
      ...extracted,
    };
    const text = `${JSON.stringify(output, null, 1)}\n`;
    writeFileSync(join(outDir, input.out), text);
    const operations = Object.values(extracted.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    console.log(
      `${input.out}: ${Object.keys(extracted.paths).length} paths, ${operations} operations, ${Object.keys(extracted.components.schemas).length} schemas, ${text.length} bytes`,
    );
  }
}

main();
