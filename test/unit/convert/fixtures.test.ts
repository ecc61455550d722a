import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../../src/convert/index.js';
import type { PageReference, ToStorageContext, ToStorageOptions } from '../../../src/convert/index.js';
import { foreignEntities, xmlError } from './xml-check.js';

/**
 * Golden fixtures: fixtures/to-storage/<case>/input.md → output.xml, byte for byte.
 * An optional options.json gives the context: `file`, `options`, `pages` (normalised path →
 * page reference) and `attachments` (normalised path → filename). An optional warnings.json
 * lists the expected warnings as `line:column code`. `UPDATE=1` rewrites expectations; every
 * rewritten file is reviewed by hand before it is committed.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../fixtures/to-storage');
const UPDATE = process.env['UPDATE'] === '1';

interface FixtureOptions {
  readonly file?: string;
  readonly options?: ToStorageOptions;
  readonly pages?: Readonly<Record<string, PageReference>>;
  readonly attachments?: Readonly<Record<string, string>>;
}

function contextFor(dir: string): ToStorageContext {
  const file = path.join(dir, 'options.json');
  const fixture: FixtureOptions = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FixtureOptions) : {};
  const pages = fixture.pages ?? {};
  const attachments = fixture.attachments;
  return {
    file: fixture.file ?? 'docs/page.md',
    ...(fixture.options ? { options: fixture.options } : {}),
    resolveLink: (target) => pages[target.path],
    ...(attachments ? { resolveAttachment: (p: string) => attachments[p] } : {}),
  };
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('to-storage golden fixtures', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const input = readFileSync(path.join(dir, 'input.md'), 'utf8');
      const result = markdownToStorage(input, contextFor(dir));
      const warnings = result.warnings.map((w) => `${w.line}:${w.column} ${w.code}`);
      const outputFile = path.join(dir, 'output.xml');
      const warningsFile = path.join(dir, 'warnings.json');
      if (UPDATE || !existsSync(outputFile)) {
        writeFileSync(outputFile, `${result.storage}\n`);
        if (warnings.length > 0) writeFileSync(warningsFile, `${JSON.stringify(warnings, null, 2)}\n`);
        else rmSync(warningsFile, { force: true });
      }
      expect(`${result.storage}\n`).toBe(readFileSync(outputFile, 'utf8'));
      const expectedWarnings = existsSync(warningsFile) ? (JSON.parse(readFileSync(warningsFile, 'utf8')) as string[]) : [];
      expect(warnings).toEqual(expectedWarnings);
      expect(xmlError(result.storage)).toBeUndefined();
      expect(foreignEntities(result.storage)).toEqual([]);
    });
  }
});
