/**
 * What a push costs against the emulator with injected latency: requests sent, wall time, peak
 * memory, and the ratio of wall time to a lower bound, for a first push, a no-op push and a push
 * after editing 1 % of the files; at the default concurrency and at 1 (as sequential publishers
 * do); and a first push under a rate limit that forces 429s. Then the pushed space is pulled into
 * an empty folder (first pull) and pulled again (no-op pull).
 *
 *   node --import tsx bench/sync-cost.ts [pages=100,1000,5000] [--latency 50] [--concurrency 8,1]
 *        [--sequential-max 1000] [--rate-limit 40] [--repeat 3] [--threads N|auto] [--json FILE]
 *
 * Every run up to 1,000 pages at a concurrency above 1 is measured `--repeat` times, each time on
 * a fresh emulator and tree, and reported by its median wall time and median peak memory (wall
 * times on a shared 2-core machine vary by 20 % from one run to the next). The sequential runs
 * (minutes each) and the 5,000-page runs are measured once.
 *
 * The emulator runs in a process of its own, and every push is the built CLI (`npm run build`
 * first) in a fresh process, as users run it: wall time from spawn to exit, memory the CLI's own
 * peak RSS (`maxRSS`). `--threads` is passed to every run (the threads that convert; the CLI's
 * default, auto, without it): `--threads 1` measures a run without conversion workers.
 *
 * Lower bound (docs/benchmarks.md, "Sync cost"): the requests a push cannot avoid, spread over the
 * concurrency, times the latency, plus one latency per level of the tree (a child needs its
 * parent's id). The requests it cannot avoid: 1 space lookup + ceil((pages + 1) / 250) list calls,
 * plus for a first push one create per page and the label and attachment writes the tree asks for
 * (as counted by the emulator), for an edit one update per edited page. Our marker property (one per
 * created page) is not in the bound: it is the price of recognising our pages without a lockfile.
 * Under a rate limit of R requests/s the bound is also at least requests ÷ R.
 *
 * A run that writes is also split at its first write, as the emulator saw it (`GET
 * /__emulator/requests`: `firstWrite`): the time before it (the CLI starts, reads, renders and
 * plans: nothing is written before the whole tree is rendered), and the writing, against its own
 * bound (every request from the first write on, at full concurrency, times the latency; none under a
 * rate limit, whose bound is the limit's).
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONCURRENCY } from '../src/client/index.js';
import { isWriteMethod, type RequestCounts } from '../src/emulator/metrics.js';
import { readFile } from 'node:fs/promises';
import { BENCH_CREDENTIALS } from './bench-credentials.js';
import { writeGeneratedTree } from './sync-helpers.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const FLAGS = ['--latency', '--concurrency', '--sequential-max', '--rate-limit', '--repeat', '--threads', '--json'];
const sizes = (args.find((a, i) => /^\d+(,\d+)*$/.test(a) && !FLAGS.includes(args[i - 1] ?? '')) ?? '100,1000,5000').split(',').map(Number);
const concurrencies = (flag('--concurrency') ?? `${DEFAULT_CONCURRENCY},1`).split(',').map(Number);
if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency expects positive integers, e.g. 1,4,8');
const latency = Number(flag('--latency') ?? 50);
if (!Number.isFinite(latency) || latency < 0) throw new Error('--latency expects milliseconds');
/** Concurrency 1 only up to this many pages (a 5,000-page sequential first push takes ~15 minutes). */
const sequentialMax = Number(flag('--sequential-max') ?? 1000);
/** Requests per second of the rate-limited run (0: none); it runs on the size nearest 1,000. */
const rateLimit = Number(flag('--rate-limit') ?? 40);
/** How many times each run up to 1,000 pages at a concurrency above 1 is measured (its median is reported). */
const repeat = Number(flag('--repeat') ?? 3);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat expects a positive integer');
/** `--threads` of every run, or the CLI's default (auto: the cores). */
const threads = flag('--threads') ?? 'auto';
if (threads !== 'auto' && !/^[1-9]\d*$/.test(threads)) throw new Error('--threads expects auto or a positive integer');
const jsonFile = flag('--json') ?? fileURLToPath(new URL('results/sync-cost.json', import.meta.url));

interface Row {
  pages: number;
  concurrency: number;
  run: string;
  requests: number;
  writes: number;
  wallMs: number;
  minimumRequests: number;
  boundMs: number;
  peakMb: number;
  rateLimit?: number;
  /** Wall times of every measurement when repeated (`wallMs` is their median). */
  wallMsRuns?: number[];
  /** Runs that write: from the CLI's start to its first write, and from there to its exit. */
  beforeWritesMs?: number;
  writingMs?: number;
  /** The writing's own bound: the requests from the first write on, spread over the concurrency, times the latency. */
  writingBoundMs?: number;
}

interface Emulator {
  readonly url: string;
  requests(): Promise<RequestCounts>;
  resetCounts(): Promise<void>;
  stop(): Promise<void>;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

async function startEmulator(options: { latencyMs: number; rateLimit?: { perSecond: number; capacity: number } }): Promise<Emulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('emulator-process.ts'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
  });
  const admin = (method: string, path: string) => fetch(`${url}/__emulator${path}`, { method });
  return {
    url,
    requests: async () => (await (await admin('GET', '/requests')).json()) as RequestCounts,
    resetCounts: async () => void (await admin('DELETE', '/requests')),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface CliRun {
  readonly wallMs: number;
  readonly maxRssMb: number;
  /** When the CLI was started and when it exited, in ms since the epoch (the emulator's clock). */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** `confluence-sync <command> --space BENCH --docs docs --concurrency N --threads T` in `dir`, timed from spawn to exit. */
async function runCli(command: 'push' | 'pull', url: string, dir: string, concurrency: number): Promise<CliRun> {
  const rssFile = join(dir, 'rss.txt');
  const { email, token } = BENCH_CREDENTIALS.apiTokens[0]!;
  const started = performance.now();
  const startedAt = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', here('report-rss.mjs'), here('../bin/confluence-sync.js'), command, '--space', 'BENCH', '--docs', 'docs', '--concurrency', String(concurrency), '--threads', threads], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', CI: 'true', NO_COLOR: '1', CONFLUENCE_BASE_URL: `${url}/wiki`, CONFLUENCE_EMAIL: email, CONFLUENCE_API_TOKEN: token, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (exit) => (exit === 0 ? resolve(exit) : reject(new Error(`${command} exited ${exit}: ${stderr.slice(-2000)}`))));
  });
  const wallMs = performance.now() - started;
  const endedAt = Date.now();
  return { wallMs: code === 0 ? wallMs : Number.NaN, maxRssMb: Number(await readFile(rssFile, 'utf8')), startedAt, endedAt };
}

/** `byRoute` keys are `METHOD /path`. */
const isWrite = (route: string) => isWriteMethod(route.slice(0, route.indexOf(' ')));
const count = (byRoute: Record<string, number>, test: (route: string) => boolean) => Object.entries(byRoute).filter(([k]) => test(k)).reduce((n, [, v]) => n + v, 0);

async function measure(pages: number, concurrency: number, limit?: number): Promise<Row[]> {
  const emulator = await startEmulator({ latencyMs: latency, ...(limit ? { rateLimit: { perSecond: limit, capacity: limit } } : {}) });
  const dir = await mkdtemp(join(tmpdir(), 'cs-bench-'));
  const rows: Row[] = [];
  try {
    const files = await writeGeneratedTree(join(dir, 'docs'), pages);
    const depth = Math.max(...files.map((f) => f.split('/').length));
    const lists = Math.ceil((pages + 1) / 250);
    const run = async (name: string, minimum: (byRoute: Record<string, number>) => number, levels: number, command: 'push' | 'pull' = 'push', cwd = dir) => {
      await emulator.resetCounts();
      const result = await runCli(command, emulator.url, cwd, concurrency);
      const { total, byRoute, firstWrite } = await emulator.requests();
      const minimumRequests = minimum(byRoute);
      let boundMs = (Math.ceil(minimumRequests / concurrency) + levels) * latency;
      // The bucket starts full (`limit` requests), then gives `limit` per second.
      if (limit) boundMs = Math.max(boundMs, (Math.max(0, total - limit) / limit) * 1000);
      rows.push({
        pages,
        concurrency,
        run: name,
        requests: total,
        writes: count(byRoute, isWrite),
        wallMs: result.wallMs,
        minimumRequests,
        boundMs,
        peakMb: result.maxRssMb,
        ...(limit ? { rateLimit: limit } : {}),
        ...(firstWrite ? writingPhase(result, firstWrite, total - firstWrite.after, concurrency, limit) : {}),
      });
    };
    const unavoidableFirst = (byRoute: Record<string, number>) =>
      1 + lists + count(byRoute, (r) => r === 'POST /wiki/api/v2/pages' || r.includes('/label') || r.includes('/child/attachment'));
    await run(limit ? `first push, ${limit} req/s` : 'first push', unavoidableFirst, depth);
    if (limit) return rows;
    await run('no-op push', () => 1 + lists, 0);
    const edited = files.filter((_, i) => i % 100 === 50).slice(0, Math.max(1, Math.round(pages / 100)));
    for (const f of edited) await appendFile(join(dir, 'docs', f), '\nEdited paragraph.\n');
    await run('1% edited', () => 1 + lists + edited.length, 1);
    // The space the pushes made, pulled into an empty folder, then pulled again: the listing with
    // bodies, plus the labels of every page and the attachments where a body uses them.
    const pulled = join(dir, 'pulled');
    await mkdir(pulled);
    await run('first pull', (byRoute) => 1 + lists + count(byRoute, (r) => r.includes('/labels') || r.includes('/attachments') || r.includes('/download/')), 0, 'pull', pulled);
    await run('no-op pull', () => 1 + lists, 0, 'pull', pulled);
    return rows;
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A run that writes, split at its first write: before it, the CLI starts, reads, renders and plans;
 * from it to the exit, it writes. The writing's bound counts every request it made (our marker
 * property too), at full concurrency, so `writingMs / writingBoundMs` is how close the executor
 * came to its own limit, whatever it had to send.
 */
function writingPhase(run: CliRun, firstWrite: { at: number }, requests: number, concurrency: number, limit: number | undefined): Pick<Row, 'beforeWritesMs' | 'writingMs' | 'writingBoundMs'> {
  const split = { beforeWritesMs: firstWrite.at - run.startedAt, writingMs: run.endedAt - firstWrite.at };
  // Under a rate limit the bound is the limit's (bound s), which the requests answered 429 do not count towards.
  return limit ? split : { ...split, writingBoundMs: Math.ceil(requests / concurrency) * latency };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The rows of `times` measurements, each run reported by its median wall time and peak memory. */
async function measureRepeated(pages: number, concurrency: number, times: number): Promise<Row[]> {
  const runs: Row[][] = [];
  for (let i = 0; i < times; i++) runs.push(await measure(pages, concurrency));
  if (times === 1) return runs[0]!;
  return runs[0]!.map((row, index) => {
    const same = runs.map((r) => r[index]!);
    const wallMsRuns = same.map((r) => r.wallMs);
    const phase = (key: 'beforeWritesMs' | 'writingMs' | 'writingBoundMs') => {
      const values = same.map((r) => r[key]).filter((v): v is number => v !== undefined);
      return values.length === same.length ? { [key]: median(values) } : {};
    };
    return {
      ...row,
      requests: median(same.map((r) => r.requests)),
      writes: median(same.map((r) => r.writes)),
      wallMs: median(wallMsRuns),
      peakMb: median(same.map((r) => r.peakMb)),
      wallMsRuns,
      ...phase('beforeWritesMs'),
      ...phase('writingMs'),
      ...phase('writingBoundMs'),
    };
  });
}

const all: Row[] = [];
for (const pages of sizes) {
  for (const concurrency of concurrencies) {
    if (concurrency === 1 && pages > sequentialMax && concurrencies.length > 1) continue;
    const times = concurrency > 1 && pages <= 1000 ? repeat : 1;
    all.push(...(await measureRepeated(pages, concurrency, times)));
    process.stderr.write(`measured ${pages} pages at concurrency ${concurrency}${times > 1 ? ` (${times} times)` : ''}\n`);
  }
}
if (rateLimit > 0) {
  const pages = sizes.reduce((best, n) => (Math.abs(n - 1000) < Math.abs(best - 1000) ? n : best), sizes[0]!);
  all.push(...(await measure(pages, concurrencies[0]!, rateLimit)));
}

console.log(`push and pull against the emulator (its own process), latency ${latency} ms per request, --threads ${threads}; memory: the CLI process's peak RSS`);
console.log(
  ['pages', 'conc', 'run', 'requests', 'writes', 'minimum', 'wall s', 'bound s', 'wall/bound', 'peak MB', 'runs', 'to write s', 'writing s', 'w/w bound']
    .map((h, i) => (i === 2 ? h.padEnd(22) : h.padStart(9)))
    .join(' '),
);
const seconds = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));
for (const r of all) {
  console.log(
    [
      String(r.pages).padStart(9),
      String(r.concurrency).padStart(9),
      r.run.padEnd(22),
      String(r.requests).padStart(9),
      String(r.writes).padStart(9),
      String(r.minimumRequests).padStart(9),
      (r.wallMs / 1000).toFixed(2).padStart(9),
      (r.boundMs / 1000).toFixed(2).padStart(9),
      (r.wallMs / r.boundMs).toFixed(2).padStart(9),
      r.peakMb.toFixed(0).padStart(9),
      String(r.wallMsRuns?.length ?? 1).padStart(9),
      seconds(r.beforeWritesMs).padStart(9),
      seconds(r.writingMs).padStart(9),
      (r.writingMs !== undefined && r.writingBoundMs ? (r.writingMs / r.writingBoundMs).toFixed(2) : '–').padStart(9),
    ].join(' '),
  );
}
const speedups = sizes
  .map((pages) => {
    const fast = all.find((r) => r.pages === pages && r.run === 'first push' && r.concurrency !== 1);
    const slow = all.find((r) => r.pages === pages && r.run === 'first push' && r.concurrency === 1);
    if (!fast || !slow) return undefined;
    const runs = fast.wallMsRuns;
    const spread = runs ? ` (median of ${runs.length}; ${(slow.wallMs / Math.max(...runs)).toFixed(1)}–${(slow.wallMs / Math.min(...runs)).toFixed(1)}× over its runs)` : '';
    return `${pages} pages: concurrency ${fast.concurrency} is ${(slow.wallMs / fast.wallMs).toFixed(1)}× faster than 1${spread}`;
  })
  .filter(Boolean);
if (speedups.length > 0) console.log(`first push: ${speedups.join('; ')}`);
console.log(
  'to write s: from the CLI\'s start to its first write (start, read, render, plan); writing s: from there to its exit; w/w bound: writing s ÷ (the requests from the first write on ÷ concurrency × latency), every request counted, our marker property too (none under a rate limit: its bound is the limit\'s)',
);
await mkdir(join(jsonFile, '..'), { recursive: true });
await writeFile(jsonFile, `${JSON.stringify({ latency, threads, rows: all }, null, 2)}\n`);
