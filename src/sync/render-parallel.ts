import { availableParallelism } from 'node:os';
import type { LocalPage } from '../tree/build.js';
import { ConvertPool, RENDER_YOUNG_GENERATION_MB } from './convert-pool.js';
import { shareFacts } from './convert-tasks.js';
import { convertPage, type ConvertedPage, type PageSource, type TreeFacts } from './render-resolve.js';
import { pageSource, RenderRounds, renderTree, type RenderInput, type RenderResult } from './render.js';

export interface RenderParallelOptions {
  /** Below this many files to convert, they are converted on this thread (default {@link MIN_POOL_CONVERSIONS}). */
  readonly minConversions?: number;
  /**
   * Threads that convert, this one included, when no pool is given (config `threads`; default
   * `os.availableParallelism()`): 1 converts on this thread alone, without a worker's memory.
   */
  readonly threads?: number;
}

/**
 * Below this many conversions, a worker costs more than it saves: it answers its first task
 * 0.2–0.3 s after it starts (this thread has converted 20 pages or so by then) and holds a V8 heap
 * and a converter of its own (70–100 MB), for a tenth of a second saved on 50 pages (at 11–16 ms
 * a page). From 100 on (a second or more of converting) it saves a third of the time that is left.
 */
export const MIN_POOL_CONVERSIONS = 100;
const MAX_WAVES = 8;
const MIN_WAVE = 64;

/**
 * {@link renderTree} with the conversions on worker threads: the same pages, warnings and
 * conversion cache (entries and recorded questions, in the same order), by the same two rounds
 * (render.ts `RenderRounds`). Only `converted` may differ: round 1 runs in a few waves of pages
 * converted at once, so each conversion knows the anchors from the cache and from the waves before
 * it, not those of every file converted before it as on one thread, so more of its links are
 * answered from guessed anchors, and more of them may be converted again in round 2 (when a guess
 * was wrong).
 *
 * Without `pool`, a pool of `threads - 1` threads (their young generation capped at
 * `RENDER_YOUNG_GENERATION_MB`, convert-pool.ts) is started for the call and closed after it, and
 * this thread converts alongside it (see convertInPool). The conversions run on this thread
 * instead (by `renderTree`) when `threads` is 1 (one core, or the config says so), or fewer than
 * `minConversions` files whose Markdown or options changed since the cache; and when the pool fails
 * (a worker cannot start): the result is the same, only slower.
 */
export async function renderTreeParallel(input: RenderInput, pool?: ConvertPool, options: RenderParallelOptions = {}): Promise<RenderResult> {
  const rounds = new RenderRounds(input);
  const threads = pool?.threads ?? options.threads ?? availableParallelism();
  if (threads < 2 || rounds.misses.length < (options.minConversions ?? MIN_POOL_CONVERSIONS)) return renderTree(input);
  // A pool of our own has a worker for each core but one: this thread converts on that core
  // (the same speed, one V8 heap and converter fewer in memory).
  const own = pool === undefined;
  const workers = pool ?? new ConvertPool({ threads: threads - 1, youngGenerationMb: RENDER_YOUNG_GENERATION_MB });
  try {
    // Round 1 in up to 8 waves in tree order, each knowing the anchors of the waves before it
    // (fewer conversions to do again in round 2; a wave ends when its slowest page does).
    const waves = Math.max(1, Math.min(MAX_WAVES, Math.floor(rounds.misses.length / MIN_WAVE)));
    const size = Math.ceil(rounds.misses.length / waves);
    for (let start = 0; start < rounds.misses.length; start += size) await convertAll(rounds, workers, rounds.misses.slice(start, start + size), own);
    await convertAll(rounds, workers, rounds.secondRound(), own);
    return rounds.finish();
  } catch {
    return renderTree(input);
  } finally {
    if (!pool) await workers.close();
  }
}

async function convertAll(rounds: RenderRounds, pool: ConvertPool, pages: readonly LocalPage[], alongside: boolean): Promise<void> {
  if (pages.length === 0) return;
  const facts: TreeFacts = { ...rounds.facts, anchors: new Map(rounds.facts.anchors) };
  const done = await convertInPool(pool, facts, pages.length, (index) => pageSource(pages[index]!), alongside);
  // Recorded in tree order once all are done, so that the order of the pool's answers changes
  // nothing. (Putting each body in the store as it came, to hold fewer at once, cost a sixth more
  // CPU at 5,000 pages for no less memory: docs/benchmarks.md.)
  pages.forEach((page, index) => rounds.record(page, done[index]!));
}

/**
 * Converts the `count` pages that `source` gives on the pool, two tasks in flight per thread so that
 * a thread never waits for this one to hand it the next. A page's source is made when its
 * conversion starts: a push's Markdown is read from its spool then (spooled-tree.ts). This thread
 * converts pages too: `alongside` the workers all along (a pool with a worker fewer than the cores),
 * else only until a worker has finished its first task (threads that were just started are still
 * loading the converter, a few hundred ms), so a pool started for one render costs no time.
 */
async function convertInPool(pool: ConvertPool, facts: TreeFacts, count: number, source: (index: number) => PageSource, alongside: boolean): Promise<ConvertedPage[]> {
  const shared = shareFacts(facts);
  const results: ConvertedPage[] = new Array<ConvertedPage>(count);
  let next = 0;
  let workerDone = false;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await pool.toStorage(shared, source(index));
      workerDone = true;
    }
  };
  const lanes = Promise.all(Array.from({ length: pool.threads * 2 }, lane));
  lanes.catch(() => undefined);
  while ((alongside || !workerDone) && next < count) {
    const index = next++;
    results[index] = convertPage(facts, source(index));
    // Let the workers' answers in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await lanes;
  return results;
}
