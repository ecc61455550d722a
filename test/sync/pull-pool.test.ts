import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { pull, type PullResult } from '../../src/sync/pull.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';
import { filesOf } from './files-of.js';

/**
 * Pull converts on a pool of workers from 100 pages on (the renders ahead; storage → Markdown when
 * it does not render ahead, from 400): the same files, lockfile and warnings as on this thread,
 * shown on a realistic space with the threshold set below its size.
 */
let h: Harness | undefined;
let client: ConfluenceClient | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await client?.close();
  await h?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('pull on the conversion pool', () => {
  it('writes what a pull on this thread writes', async () => {
    h = await startHarness();
    const seeded = await h.call('POST', '/__emulator/seed', realisticSeed('POOL'));
    expect(seeded.status, seeded.text).toBe(201);
    client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token } });
    const run = async (minPoolPages: number, renderAhead = true): Promise<{ result: PullResult; files: Record<string, string> }> => {
      const dir = mkdtempSync(join(tmpdir(), 'cs-pull-pool-'));
      dirs.push(dir);
      const config = configSchema.parse({ space: 'POOL', docs: 'docs' });
      const result = await pull({ config, baseDir: dir, client: client!, dryRun: false, force: false, includeBlogposts: true, minPoolPages, renderAhead });
      return { result, files: filesOf(dir) };
    };
    const alone = await run(Number.POSITIVE_INFINITY);
    expect(Object.keys(alone.files).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(15);
    // The workers render the pulled files ahead (this thread converts them to Markdown); without
    // those renders, the workers convert them to Markdown.
    for (const pooled of [await run(1), await run(1, false)]) {
      expect(pooled.files).toEqual(alone.files);
      expect(pooled.result.warnings).toEqual(alone.result.warnings);
      expect(pooled.result.written).toEqual(alone.result.written);
    }
  });
});
