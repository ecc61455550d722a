import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { configSchema, convertThreads } from '../../src/config/schema.js';
import { ConvertPool, RENDER_YOUNG_GENERATION_MB } from '../../src/sync/convert-pool.js';
import { pull } from '../../src/sync/pull.js';
import { push } from '../../src/sync/push.js';
import { renderTreeParallel } from '../../src/sync/render-parallel.js';
import { renderTree, type RenderInput } from '../../src/sync/render.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { filesOf } from './files-of.js';
import { syncSession } from './sync-session.js';
import { treeOf } from './tree-of.js';

/**
 * Config `threads` (and `--threads`): how many threads convert, this one included. 1 starts no
 * worker (a user short of memory, or in a container with fewer cores than Node reports); N starts
 * N - 1 workers beside this thread. The pool is counted where it is made: every ConvertPool started
 * records its number of workers and the young-generation cap it was given (undefined: V8's default).
 */
const started = vi.hoisted(() => [] as Array<{ threads: number; youngGenerationMb: number | undefined }>);
vi.mock('../../src/sync/convert-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/sync/convert-pool.js')>();
  class CountedPool extends actual.ConvertPool {
    constructor(options: ConstructorParameters<typeof actual.ConvertPool>[0] = {}) {
      super(options);
      started.push({ threads: this.threads, youngGenerationMb: options.youngGenerationMb });
    }
  }
  return { ...actual, ConvertPool: CountedPool };
});

const session = syncSession();
beforeEach(() => {
  started.length = 0;
});

function inputOf(count: number): RenderInput {
  const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [`page-${i}.md`, `# Page ${i}\n\n## Setup\n\nSee [the next page](page-${(i + 1) % count}.md#setup).\n`]));
  return { tree: treeOf(files), assets: new Set(), digest: () => '', notice: () => '', notifyByDefault: false };
}

describe('threads that convert', () => {
  it('renders on this thread alone at 1, and beside threads - 1 workers above it, to the same result', async () => {
    const input = inputOf(12);
    const alone = await renderTreeParallel(input, undefined, { minConversions: 1, threads: 1 });
    expect(started).toEqual([]);
    const pooled = await renderTreeParallel(input, undefined, { minConversions: 1, threads: 3 });
    expect(started).toEqual([{ threads: 2, youngGenerationMb: RENDER_YOUNG_GENERATION_MB }]);
    const sequential = renderTree(input);
    for (const result of [alone, pooled]) {
      expect(result.pages.map((p) => [p.path, p.storage])).toEqual(sequential.pages.map((p) => [p.path, p.storage]));
      expect(result.cache).toEqual(sequential.cache);
    }
  });

  it('is what push and pull start their workers by', async () => {
    const { h, client } = await session.start();

    // Push starts a pool from 100 files to convert.
    const pushed = async (threads: number, space: string) => {
      const dir = session.tempDir('cs-threads-push-');
      mkdirSync(join(dir, 'docs'));
      for (let i = 0; i < 100; i++) writeFileSync(join(dir, 'docs', `page-${i}.md`), `# Page ${i} of ${space}\n\nBody of page ${i}.\n`);
      const config = configSchema.parse({ space, docs: 'docs', threads });
      const result = await push({ config, baseDir: dir, client, dryRun: true, force: false, onEvent: () => undefined });
      expect(result.plan.actions.filter((a) => a.type === 'create')).toHaveLength(100);
    };
    await pushed(1, 'DEMO');
    expect(started).toEqual([]);
    await pushed(3, 'DEMO');
    // A push peaks while it renders: its workers' young generation is capped.
    expect(started).toEqual([{ threads: 2, youngGenerationMb: RENDER_YOUNG_GENERATION_MB }]);

    // Pull, with the pool's threshold below the space's size.
    const seeded = await h.call('POST', '/__emulator/seed', realisticSeed('THREADS'));
    expect(seeded.status, seeded.text).toBe(201);
    const pulled = async (threads: number) => {
      const dir = session.tempDir('cs-threads-pull-');
      const config = configSchema.parse({ space: 'THREADS', docs: 'docs', threads });
      await pull({ config, baseDir: dir, client, dryRun: false, force: false, includeBlogposts: false, minPoolPages: 1 });
      return filesOf(dir);
    };
    started.length = 0;
    const alone = await pulled(1);
    expect(started).toEqual([]);
    const pooled = await pulled(2);
    // A pull peaks while its workers run too (its texts wait on disk): theirs is capped as well.
    expect(started).toEqual([{ threads: 1, youngGenerationMb: RENDER_YOUNG_GENERATION_MB }]);
    expect(pooled).toEqual(alone);
  });

  it('run with the young generation a pool is given, as V8 applies it', async () => {
    const capped = new ConvertPool({ threads: 2, youngGenerationMb: RENDER_YOUNG_GENERATION_MB });
    const plain = new ConvertPool({ threads: 1 });
    try {
      // They convert as any do.
      const input = inputOf(12);
      const rendered = await renderTreeParallel(input, capped, { minConversions: 1 });
      expect(rendered.pages.map((p) => [p.path, p.storage])).toEqual(renderTree(input).pages.map((p) => [p.path, p.storage]));
      expect(capped.completed).toBeGreaterThan(0);
      expect(capped.workerLimits).toHaveLength(2);
      for (const limits of capped.workerLimits) expect(limits.maxYoungGenerationSizeMb).toBe(RENDER_YOUNG_GENERATION_MB);
      expect(plain.workerLimits).toHaveLength(1);
      // V8's default depends on the heap it is given; it is not the cap.
      expect(plain.workerLimits[0]!.maxYoungGenerationSizeMb).not.toBe(RENDER_YOUNG_GENERATION_MB);
    } finally {
      await Promise.all([capped.close(), plain.close()]);
    }
  });

  it('is auto (the cores) or a whole number from 1 to 64 in the config', () => {
    expect(convertThreads(configSchema.parse({ threads: 1 }))).toBe(1);
    expect(configSchema.parse({}).threads).toBe('auto');
    expect(convertThreads(configSchema.parse({}))).toBe(availableParallelism());
    for (const threads of [0, 65, 1.5, '2', 'all']) expect(configSchema.safeParse({ threads }).success, String(threads)).toBe(false);
  });
});
