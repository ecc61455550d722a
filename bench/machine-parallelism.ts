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
 *
 * Each workload runs in worker threads (one process, as the conversion pool) and in processes of
 * their own (nothing shared but the machine: not V8's helper threads, not the allocator). When both
 * gain the same, what two threads lose is the machine's, not Node's or V8's.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export type ParallelismWorkload = 'arithmetic' | 'allocation';
/** Where the copies of a workload run: worker threads of this process, or processes of their own. */
export type ParallelismUnit = 'threads' | 'processes';

export interface ParallelismFigures {
  readonly workload: ParallelismWorkload;
  readonly unit: ParallelismUnit;
  /** How many copies ran at once. */
  readonly threads: number;
  /** Median ms of one copy alone. */
  readonly aloneMs: number;
  /** Median ms of `threads` copies at once, from the first start to the last end. */
  readonly togetherMs: number;
  /** threads × alone ÷ together, median of the runs' ratios (threads = perfect). */
  readonly speedup: number;
}

/** The work, given `workload`; it ends by handing `done` its result, so that the work is not optimised away. */
const WORK = `
let sink = 0;
if (workload === 'arithmetic') {
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
done(sink);
`;
const IN_THREAD = `const { parentPort, workerData: workload } = require('node:worker_threads');
const done = (sink) => parentPort.postMessage(sink);
${WORK}`;
const IN_PROCESS = `const workload = process.argv[1];
const done = (sink) => process.stdout.write(String(sink));
${WORK}`;

/** One copy of `workload` in a worker thread, settled when it has answered and ended. */
const inThread = (workload: ParallelismWorkload) => (): Promise<void> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(IN_THREAD, { eval: true, workerData: workload });
    worker.once('message', () => void worker.terminate().then(() => resolve()));
    worker.once('error', reject);
  });

/** One copy of `workload` in a process of its own, settled when it has exited. */
const inProcess = (workload: ParallelismWorkload) => (): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', IN_PROCESS, workload], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a ${workload} process exited ${code}`))));
  });

/** Wall ms from starting `count` copies at once to the end of the last. */
async function timeAtOnce(count: number, copy: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, copy));
  return performance.now() - started;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Each workload `runs` times alone and `threads` at once, alternating, in threads then in
 * processes; medians. A process's time includes its start (tens of ms, alone and together alike).
 */
export async function measureMachineParallelism(threads: number, runs = 3): Promise<ParallelismFigures[]> {
  const figures: ParallelismFigures[] = [];
  for (const unit of ['threads', 'processes'] as const) {
    for (const workload of ['arithmetic', 'allocation'] as const) {
      const copy = unit === 'threads' ? inThread(workload) : inProcess(workload);
      const alone: number[] = [];
      const together: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        alone.push(await timeAtOnce(1, copy));
        together.push(await timeAtOnce(threads, copy));
      }
      const speedup = median(alone.map((ms, i) => (threads * ms) / together[i]!));
      figures.push({ workload, unit, threads, aloneMs: median(alone), togetherMs: median(together), speedup });
    }
  }
  return figures;
}

/** `arithmetic 1.97×, allocation 1.29×` of one unit. */
export const describeParallelism = (figures: readonly ParallelismFigures[], unit: ParallelismUnit): string =>
  figures
    .filter((figure) => figure.unit === unit)
    .map((figure) => `${figure.workload} ${figure.speedup.toFixed(2)}×`)
    .join(', ');
