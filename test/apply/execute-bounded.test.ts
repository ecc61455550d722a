import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { push } from '../../src/sync/push.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

let h: Harness | undefined;
let client: ConfluenceClient | undefined;
let dir: string | undefined;
afterEach(async () => {
  await client?.close();
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('applying a plan', () => {
  it('has at most 4 creates per request slot under way, so a large tree does not wait in the request queue holding every body', async () => {
    h = await startHarness();
    client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token }, concurrency: 2 });
    dir = mkdtempSync(join(tmpdir(), 'cs-bounded-'));
    mkdirSync(join(dir, 'docs', 'guide'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'guide', 'index.md'), '# Guide\n\nThe parent.\n');
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'docs', 'guide', `page-${i}.md`), `# Page ${i}\n\nBody of page ${i}.\n`);

    // Every call of pages.create carries its page's body: count the calls not answered yet.
    let open = 0;
    let most = 0;
    const create = client.pages.create;
    (client.pages as { create: typeof create }).create = async (...args) => {
      open += 1;
      most = Math.max(most, open);
      try {
        return await create(...args);
      } finally {
        open -= 1;
      }
    };

    const result = await push({ config: configSchema.parse({ space: 'DEMO', docs: 'docs' }), baseDir: dir, client, dryRun: false, force: false, onEvent: () => undefined });
    expect(result.report!.created).toHaveLength(41);
    expect(result.report!.failed).toEqual([]);
    // 2 requests at a time × 4; without the bound, the 40 children would all be waiting at once.
    expect(most).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThanOrEqual(8);
  });
});
