import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToStorage, normaliseStorage, roundTripContexts, storageToMarkdown } from '../../../../src/convert/index.js';
import type { RoundTripTable } from '../../../../src/convert/index.js';

/**
 * Golden fixtures: fixtures/to-markdown/<case>/input.xml → output.md, byte for byte, with the
 * warnings in warnings.json (`line code`). context.json is a round-trip table (file, pages,
 * attachments) from which both contexts are built. Each case also checks round-trip property 2
 * (push(pull(S)) equals S after normaliseStorage) and that the Markdown is a fixed point
 * (pull(push(M)) === M). `UPDATE=1` rewrites expectations; review every diff.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/to-markdown');
const UPDATE = process.env['UPDATE'] === '1';

function tableFor(dir: string): RoundTripTable {
  const file = path.join(dir, 'context.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RoundTripTable) : { file: 'docs/page.md' };
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('to-markdown golden fixtures', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const input = readFileSync(path.join(dir, 'input.xml'), 'utf8');
      const contexts = roundTripContexts(tableFor(dir));
      const result = storageToMarkdown(input, contexts.pull);
      const warnings = result.warnings.map((w) => `${w.line} ${w.code}`);
      const outputFile = path.join(dir, 'output.md');
      const warningsFile = path.join(dir, 'warnings.json');
      if (UPDATE || !existsSync(outputFile)) {
        writeFileSync(outputFile, result.markdown);
        if (warnings.length > 0) writeFileSync(warningsFile, `${JSON.stringify(warnings, null, 2)}\n`);
        else rmSync(warningsFile, { force: true });
      }
      expect(result.markdown).toBe(readFileSync(outputFile, 'utf8'));
      const expectedWarnings = existsSync(warningsFile) ? (JSON.parse(readFileSync(warningsFile, 'utf8')) as string[]) : [];
      expect(warnings).toEqual(expectedWarnings);

      const pushed = markdownToStorage(result.markdown, contexts.push).storage;
      expect(normaliseStorage(pushed)).toBe(normaliseStorage(input));
      expect(storageToMarkdown(pushed, contexts.pull).markdown).toBe(result.markdown);
    });
  }
});
