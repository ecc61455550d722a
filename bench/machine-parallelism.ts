/**
 * What this machine gives N threads at once, whatever our code does: the speedup of N worker
 * threads each doing a fixed piece of work at the same time, over one worker doing it alone.
 * Two workloads, neither ours:
 *
 * - arithmetic: integer operations in registers, nothing allocated (the cores themselves);
 * - allocation: nothing but small objects and strings made and dropped, some kept across a
 *   young-generation collection, as a parser's tokens are (the cores plus memory and the collector).
 *
 * A conversion does both, so the pool speedup of convert-throughput.ts is read between the two: on
 * a machine whose cores share memory badly, the second figure says so.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export type ParallelismWorkload = 'arithmetic' | 'allocation';

export interface ParallelismFigures {
  readonly workload: ParallelismWorkload;
  readonly threads: number;
  /** Median ms of one worker alone. */
  readonly aloneMs: number;
  /** Median ms of `threads` workers at once, from the first start to the last end. */
  readonly togetherMs: number;
  /** threads × alone ÷ together, median of the runs' ratios (threads = perfect). */
  readonly speedup: number;
}

const WORK = `
const { parentPort, workerData } = require('node:worker_threads');
const started = performance.now();
let sink = 0;
if (workerData === 'arithmetic') {
  let a = 1, b = 2, c = 3, d = 4;
  for (let i = 0; i < 2e8; i++) { a = (a + i) | 0; b = (b ^ i) | 0; c = (c + (i << 1)) | 0; d = (d - a) | 0; }
  sink = a + b + c + d;
} else {
  let kept = [];
  for (let round = 0; round < 40; round++) {
    const made = [];
    for (let i = 0; i < 50000; i++) made.push({ type: 'text', value: 'token ' + i, position: { start: i, end: i + 1 }, children: [] });
    sink += kept.length;
    kept = made;
  }
}
parentPort.postMessage({ ms: performance.now() - started, sink });
`;

/** Wall ms from starting `count` workers on `workload` to the last one's answer. */
async function runWorkers(workload: ParallelismWorkload, count: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORK, { eval: true, workerData: workload });
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    ),
  );
  return performance.now() - started;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Each workload `runs` times alone and `threads` at once, alternating; medians. */
export async function measureMachineParallelism(threads: number, runs = 3): Promise<ParallelismFigures[]> {
  const figures: ParallelismFigures[] = [];
  for (const workload of ['arithmetic', 'allocation'] as const) {
    const alone: number[] = [];
    const together: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      alone.push(await runWorkers(workload, 1));
      together.push(await runWorkers(workload, threads));
    }
    const speedup = median(alone.map((ms, run) => (threads * ms) / together[run]!));
    figures.push({ workload, threads, aloneMs: median(alone), togetherMs: median(together), speedup });
  }
  return figures;
}
