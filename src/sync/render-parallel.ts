import { availableParallelism } from 'node:os';
import type { ToStorageResult } from '../convert/index.js';
import type { LocalPage } from '../tree/build.js';
import { ConvertPool } from './convert-pool.js';
import { shareFacts } from './convert-tasks.js';
import type { CacheEntry } from './render-cache.js';
import { anchorsOf, answersHold, convertPage, type ConvertedPage, type PageSource, type TreeFacts } from './render-resolve.js';
import { assemble, pageSource, renderTree, sourceKeyOf, titlesOf, type RenderInput, type RenderResult } from './render.js';

export interface RenderParallelOptions {
  /** Below this many files to convert, they are converted on this thread (default 32). */
  readonly minConversions?: number;
}

/** Below this many conversions, starting workers and copying data costs more than it saves. */
export const MIN_POOL_CONVERSIONS = 32;

/**
 * {@link renderTree} with the conversions on worker threads: the same pages, warnings, conversion
 * cache (entries and recorded questions) in the same order. Only `converted` may differ (see below).
 *
 * Without `pool`, a pool of `os.availableParallelism()` threads is started for the call and closed
 * after it. The conversions run on this thread instead (by `renderTree`) when there is one core, or
 * fewer than `minConversions` files whose Markdown or options changed since the cache; and when the
 * pool fails (a worker cannot start): the result is the same, only slower.
 *
 * Order of work: every file whose cache entry cannot be used is converted at once (this thread
 * helps while the workers start, see convertInPool), each with the
 * heading anchors known from the cache. A conversion whose link asked for a heading anchor of a file
 * being converted in the same round did not get the right answer, so it is converted again once all
 * anchors are known, together with the cached files whose recorded answers no longer hold. (The
 * sequential renderTree knows the anchors of the files converted before, so fewer conversions run a
 * second time there; the results are the same, since a conversion is a pure function of its source,
 * options and answers.)
 */
export async function renderTreeParallel(input: RenderInput, pool?: ConvertPool, options: RenderParallelOptions = {}): Promise<RenderResult> {
  const files = input.tree.pages.filter((page) => page.kind === 'file');
  const previous = input.cache?.entries ?? {};
  const fresh = new Map<string, CacheEntry>();
  const misses: LocalPage[] = [];
  for (const page of files) {
    const entry = previous[page.path];
    if (entry && entry.source === sourceKeyOf(page)) fresh.set(page.path, entry);
    else misses.push(page);
  }
  const threads = pool?.threads ?? availableParallelism();
  if (threads < 2 || misses.length < (options.minConversions ?? MIN_POOL_CONVERSIONS)) return renderTree(input);
  const workers = pool ?? new ConvertPool({ threads });
  try {
    return await renderInPool(input, workers, files, fresh, misses);
  } catch {
    return renderTree(input);
  } finally {
    if (!pool) await workers.close();
  }
}

async function renderInPool(
  input: RenderInput,
  pool: ConvertPool,
  files: readonly LocalPage[],
  fresh: ReadonlyMap<string, CacheEntry>,
  misses: readonly LocalPage[],
): Promise<RenderResult> {
  const anchors = new Map<string, ReadonlyMap<string, string>>();
  for (const [path, entry] of fresh) anchors.set(path, anchorsOf(entry.result.headings));
  const titles = titlesOf(input.tree);
  const isFile = new Set(files.map((page) => page.path));
  const convert = async (pages: readonly LocalPage[], facts: TreeFacts, into: Map<string, ConvertedPage>): Promise<void> => {
    const done = await convertInPool(pool, facts, pages.map(pageSource));
    pages.forEach((page, index) => into.set(page.path, done[index]!));
  };

  // Round 1: every file without a usable cache entry, with the anchors the cache knows.
  const conversions = new Map<string, ConvertedPage>();
  await convert(misses, { titles, assets: input.assets, anchors: new Map(anchors) }, conversions);
  for (const page of misses) anchors.set(page.path, anchorsOf(conversions.get(page.path)!.result.headings));

  // Round 2, with every file's anchors: what asked for anchors of a file converted in round 1, and
  // the cached files whose recorded answers changed.
  const facts: TreeFacts = { titles, assets: input.assets, anchors };
  const again = files.filter((page) => {
    const done = conversions.get(page.path);
    if (done) return done.early.some((linked) => isFile.has(linked));
    return !answersHold(facts, page.path, fresh.get(page.path)!.queries);
  });
  if (again.length > 0) await convert(again, facts, conversions);

  const entries: Record<string, CacheEntry> = {};
  const results = new Map<string, ToStorageResult>();
  for (const page of files) {
    const done = conversions.get(page.path);
    const entry: CacheEntry = done ? { source: sourceKeyOf(page), queries: done.queries, result: done.result } : fresh.get(page.path)!;
    entries[page.path] = entry;
    results.set(page.path, entry.result);
  }
  return { ...assemble(input, results), cache: { version: 1, entries }, converted: misses.length + again.length };
}

/**
 * Converts `pages` on the pool, two tasks in flight per thread so that a thread never waits for
 * this one to hand it the next. Until a worker has finished its first task (threads that were
 * just started are still loading the converter, a few hundred ms), this thread converts pages too,
 * so a pool started for one render costs no time; then it only hands out work.
 */
async function convertInPool(pool: ConvertPool, facts: TreeFacts, pages: readonly PageSource[]): Promise<ConvertedPage[]> {
  const shared = shareFacts(facts);
  const results: ConvertedPage[] = new Array<ConvertedPage>(pages.length);
  let next = 0;
  let workerDone = false;
  const lane = async (): Promise<void> => {
    while (next < pages.length) {
      const index = next++;
      results[index] = await pool.toStorage(shared, pages[index]!);
      workerDone = true;
    }
  };
  const lanes = Promise.all(Array.from({ length: pool.threads * 2 }, lane));
  lanes.catch(() => undefined);
  while (!workerDone && next < pages.length) {
    const index = next++;
    results[index] = convertPage(facts, pages[index]!);
    // Let the workers' answers in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await lanes;
  return results;
}
