import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { pull, type PullResult } from '../../src/sync/pull.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { filesOf } from './files-of.js';
import { syncSession } from './sync-session.js';

/**
 * Pull converts on a pool of workers from 100 pages on (the renders ahead; storage → Markdown when
 * it does not render ahead, from 400): the same files, lockfile and warnings as on this thread,
 * shown on a realistic space with the threshold set below its size.
 */
const session = syncSession();

describe('pull on the conversion pool', () => {
  it('writes what a pull on this thread writes', async () => {
    const { client } = await session.start(realisticSeed('POOL'));
    const run = async (minPoolPages: number, renderAhead = true): Promise<{ result: PullResult; files: Record<string, string> }> => {
      const dir = session.tempDir('cs-pull-pool-');
      const config = configSchema.parse({ space: 'POOL', docs: 'docs' });
      const result = await pull({ config, baseDir: dir, client, dryRun: false, force: false, includeBlogposts: true, minPoolPages, renderAhead });
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
