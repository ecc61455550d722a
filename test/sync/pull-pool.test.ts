import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { pull, type PullResult } from '../../src/sync/pull.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

/**
 * Pull converts storage → Markdown on a pool of workers from 400 pages on: the same files, lockfile
 * and warnings as on this thread, shown on a realistic space with the threshold set below its size.
 */
let h: Harness | undefined;
let client: ConfluenceClient | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await client?.close();
  await h?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, lockfile and cache included: path → content. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'latin1');
    }
  };
  walk(dir);
  return out;
}

describe('pull on the conversion pool', () => {
  it('writes what a pull on this thread writes', async () => {
    h = await startHarness();
    const seeded = await h.call('POST', '/__emulator/seed', realisticSeed('POOL'));
    expect(seeded.status, seeded.text).toBe(201);
    client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token } });
    const run = async (minPoolPages: number): Promise<{ result: PullResult; files: Record<string, string> }> => {
      const dir = mkdtempSync(join(tmpdir(), 'cs-pull-pool-'));
      dirs.push(dir);
      const config = configSchema.parse({ space: 'POOL', docs: 'docs' });
      const result = await pull({ config, baseDir: dir, client: client!, dryRun: false, force: false, includeBlogposts: true, minPoolPages });
      return { result, files: filesOf(dir) };
    };
    const alone = await run(Number.POSITIVE_INFINITY);
    const pooled = await run(1);
    expect(Object.keys(alone.files).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(15);
    expect(pooled.files).toEqual(alone.files);
    expect(pooled.result.warnings).toEqual(alone.result.warnings);
    expect(pooled.result.written).toEqual(alone.result.written);
  });
});
