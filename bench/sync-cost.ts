/**
 * What a push costs against the emulator with injected latency: requests sent, wall time, peak
 * memory, and the ratio of wall time to a lower bound, for a first push, a no-op push and a push
 * after editing 1 % of the files, at the default concurrency and at 1 (as sequential publishers do).
 *
 *   node --import tsx bench/sync-cost.ts [pages=100,500] [--latency 50] [--concurrency 8,1]
 *
 * Lower bound: the requests a push cannot avoid, spread over the concurrency, times the latency,
 * plus one latency per level of the tree (a child needs its parent's id): first push = 1 space
 * lookup + ceil(n/250) list calls + n creates; no-op = 1 + ceil(n/250); 1 % edit = that + the updates.
 */
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, DEFAULT_CONCURRENCY } from '../src/client/index.js';
import { configSchema } from '../src/config/schema.js';
import { startEmulator } from '../src/emulator/index.js';
import { createSpace } from '../src/emulator/routes/spaces.js';
import { push } from '../src/sync/push.js';
import { writeGeneratedTree } from './sync-helpers.js';

const args = process.argv.slice(2);
const sizes = (args.find((a, i) => /^\d+(,\d+)*$/.test(a) && !['--latency', '--concurrency'].includes(args[i - 1] ?? '')) ?? '100,500').split(',').map(Number);
const concurrencyFlag = args.indexOf('--concurrency');
const concurrencies = concurrencyFlag === -1 ? [DEFAULT_CONCURRENCY, 1] : (args[concurrencyFlag + 1] ?? '').split(',').map(Number);
if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--concurrency expects positive integers, e.g. 1,4,8');
const latencyFlag = args.indexOf('--latency');
const latency = latencyFlag === -1 ? 50 : Number(args[latencyFlag + 1]);
if (!Number.isFinite(latency) || latency < 0) throw new Error('--latency expects milliseconds');
const credentials = { apiTokens: [{ email: 'bench@example.com', token: 'bench-token-0001' }], accessTokens: [], matonKeys: [] };

interface Row {
  pages: number;
  concurrency: number;
  run: string;
  requests: number;
  writes: number;
  wallMs: number;
  boundMs: number;
  peakMb: number;
}

async function measure(pages: number, concurrency: number): Promise<Row[]> {
  const emulator = await startEmulator({ credentials, faults: { latencyMs: latency } });
  createSpace(emulator.defaultSite, emulator.user, { key: 'BENCH', name: 'Bench' });
  const dir = await mkdtemp(join(tmpdir(), 'cs-bench-'));
  const files = await writeGeneratedTree(join(dir, 'docs'), pages);
  const depth = Math.max(...files.map((f) => f.split('/').length));
  const client = await createClient({ auth: { mode: 'api-token', baseUrl: `${emulator.url}/wiki`, email: 'bench@example.com', token: 'bench-token-0001' }, concurrency });
  const config = configSchema.parse({ space: 'BENCH', docs: 'docs', concurrency });
  const rows: Row[] = [];
  const lists = Math.ceil((pages + 1) / 250);
  const run = async (name: string, unavoidable: number, levels: number) => {
    emulator.counters.reset();
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const result = await push({ config, baseDir: dir, client, dryRun: false, force: false, onEvent: () => undefined });
    const wallMs = performance.now() - started;
    clearInterval(timer);
    const counts = emulator.counters.snapshot();
    const writes = Object.entries(counts.byRoute).filter(([k]) => !k.startsWith('GET')).reduce((n, [, v]) => n + v, 0);
    if (result.report && result.report.failed.length > 0) throw new Error(`${name}: ${result.report.failed.length} failed: ${result.report.failed[0]!.error}`);
    rows.push({ pages, concurrency, run: name, requests: counts.total, writes, wallMs, boundMs: (Math.ceil(unavoidable / concurrency) + levels) * latency, peakMb: peak / 2 ** 20 });
  };
  await run('first push', 1 + lists + pages, depth);
  await run('no-op push', 1 + lists, 0);
  const edited = files.filter((_, i) => i % 100 === 50).slice(0, Math.max(1, Math.round(pages / 100)));
  for (const f of edited) await appendFile(join(dir, 'docs', f), '\nEdited paragraph.\n');
  await run('1% edited', 1 + lists + edited.length, 1);
  await client.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
  return rows;
}

const all: Row[] = [];
for (const pages of sizes) {
  for (const concurrency of concurrencies) all.push(...(await measure(pages, concurrency)));
}
console.log(`push against the emulator, latency ${latency} ms per request`);
console.log(['pages', 'conc', 'run', 'requests', 'writes', 'wall s', 'bound s', 'wall/bound', 'peak MB'].map((h, i) => (i === 2 ? h.padEnd(12) : h.padStart(9))).join(' '));
for (const r of all) {
  console.log(
    [String(r.pages).padStart(9), String(r.concurrency).padStart(9), r.run.padEnd(12), String(r.requests).padStart(9), String(r.writes).padStart(9), (r.wallMs / 1000).toFixed(2).padStart(9), (r.boundMs / 1000).toFixed(2).padStart(9), (r.wallMs / r.boundMs).toFixed(2).padStart(9), r.peakMb.toFixed(0).padStart(9)].join(' '),
  );
}
const resultsDir = new URL('results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL('sync-cost.json', resultsDir), `${JSON.stringify({ latency, rows: all }, null, 2)}\n`);
