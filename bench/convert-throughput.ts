/**
 * Conversion throughput, both directions, against each direction's parse floor, on one thread and
 * on the conversion pool (src/sync/convert-pool.ts: worker threads, one per core, as push does it):
 *
 *   node --import tsx bench/convert-throughput.ts [DIR…] [--runs N] [--pages N] [--threads N]
 *
 * Corpora: a generated docs tree of 1,000 pages (bench/convert-corpus.ts), and each DIR given
 * (every `.md` file under it, as a tree whose pages are titled by their paths, and every
 * `.xml`/`.xhtml`/`.html` storage file under it); a DIR that does not exist is skipped.
 *
 * - Markdown → storage: each file converted as the sync engine does (render-resolve.ts
 *   `convertPage`: links resolved against the tree, anchors of every page known). Floor:
 *   remark-parse + remark-gfm parsing the same Markdown.
 * - storage → Markdown: the storage the first direction produced (links to pages of the tree
 *   resolved to their files, attachments to their paths), then the DIR's storage files. Floor:
 *   our storage parser alone (src/convert/to-markdown/parse.ts: saxes into an element tree).
 *
 * Each run times, file by file, the floor then the conversion (so both see the same machine load),
 * then all files through the pool at once. Figures are medians over the runs (at least 5) after a
 * warm-up pass; ratios are medians of the per-run ratios. Peak RSS is the whole process (workers
 * included), sampled during each phase. CPU is the process's CPU time (all threads): CPU of the
 * pool ÷ CPU on one thread says what the pool costs apart from waiting for a core.
 *
 * Then, on the generated tree, a render of the whole tree as push does it (renderTree on one
 * thread, and renderTreeParallel with a pool of its own: a worker fewer than the cores, this thread
 * converting too, pool start included) from scratch, and again with the conversion cache of the
 * first render and nothing changed: it must convert nothing.
 *
 * Before the pool starts, it also measures what this machine gives threads at once
 * (machine-parallelism.ts): what workers each doing a fixed piece of work at the same time gain
 * over one alone, for arithmetic and for nothing but allocation; the pool speedup is read between
 * the two.
 *
 * Prints a table and writes bench/results/convert-throughput.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseStorage } from '../src/convert/to-markdown/parse.js';
import { stringifyMarkdown } from '../src/convert/to-markdown/stringify.js';
import { ConvertPool } from '../src/sync/convert-pool.js';
import { runMarkdownTask, shareFacts, sharePageFiles, type MarkdownTask, type PageFilesData, type Shared } from '../src/sync/convert-tasks.js';
import { renderTreeParallel } from '../src/sync/render-parallel.js';
import { anchorsOf, convertPage, type PageSource, type TreeFacts } from '../src/sync/render-resolve.js';
import { pageSource, renderTree, titlesOf, type RenderInput, type RenderResult } from '../src/sync/render.js';
import { generateTree, localTree } from './convert-corpus.js';
import { describeParallelism, measureMachineParallelism } from './machine-parallelism.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const runs = Math.max(5, Number(flag('--runs') ?? 5));
const pageCount = Number(flag('--pages') ?? 1000);
const threads = Number(flag('--threads') ?? availableParallelism());
const dirs = args.filter((arg, index) => !arg.startsWith('--') && !['--runs', '--pages', '--threads'].includes(args[index - 1] ?? ''));

const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** One corpus: Markdown files of a tree, and storage documents. */
interface DocSet {
  readonly name: string;
  readonly facts: TreeFacts;
  readonly pages: readonly PageSource[];
  /** Page title → file, for page links in storage. */
  readonly titles: ReadonlyMap<string, string>;
  /** Storage documents that do not come from `pages` (a DIR's storage files). */
  readonly storageFiles: ReadonlyArray<{ readonly file: string; readonly storage: string }>;
}

interface Row {
  set: string;
  direction: 'Markdown → storage' | 'storage → Markdown';
  pages: number;
  bytes: number;
  floorMs: number[];
  /** storage → Markdown: remark-stringify of the Markdown's mdast alone (what the floor leaves out). */
  stringifyMs?: number[];
  singleMs: number[];
  poolMs: number[];
  singleCpuMs: number[];
  poolCpuMs: number[];
  peakRssSingleMb: number;
  peakRssPoolMb: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ratio = (a: readonly number[], b: readonly number[]): number => median(a.map((value, i) => value / b[i]!));

/** Peak RSS of the process, sampled on demand and every 10 ms while the event loop runs. */
class PeakRss {
  peak = 0;
  #timer: NodeJS.Timeout | undefined;
  start(): void {
    this.peak = process.memoryUsage.rss();
    this.#timer = setInterval(() => this.sample(), 10);
  }
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
  stop(): number {
    clearInterval(this.#timer);
    this.sample();
    return this.peak / 2 ** 20;
  }
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * Times one direction: per run, file by file the floor then the conversion on this thread, then
 * every file on the pool at once.
 */
async function measure<T>(
  set: string,
  direction: Row['direction'],
  items: readonly T[],
  bytesOf: (item: T) => number,
  floor: (item: T) => unknown,
  single: (item: T) => unknown,
  pooled: (item: T) => Promise<unknown>,
  stringify?: (item: T) => unknown,
): Promise<Row> {
  for (const item of items) {
    floor(item);
    single(item);
    stringify?.(item);
  }
  await Promise.all(items.map(pooled));
  const row: Row = {
    set,
    direction,
    pages: items.length,
    bytes: items.reduce((sum, item) => sum + bytesOf(item), 0),
    floorMs: [],
    singleMs: [],
    poolMs: [],
    singleCpuMs: [],
    poolCpuMs: [],
    peakRssSingleMb: 0,
    peakRssPoolMb: 0,
    ...(stringify ? { stringifyMs: [] } : {}),
  };
  const rss = new PeakRss();
  for (let run = 0; run < runs; run += 1) {
    rss.start();
    let floorMs = 0;
    let singleMs = 0;
    let singleCpu = 0;
    let stringifyMs = 0;
    for (const item of items) {
      if (stringify) {
        const t = performance.now();
        stringify(item);
        stringifyMs += performance.now() - t;
      }
      const t0 = performance.now();
      floor(item);
      const t1 = performance.now();
      floorMs += t1 - t0;
      const cpu = process.cpuUsage();
      single(item);
      singleCpu += cpuMs(cpu);
      singleMs += performance.now() - t1;
      rss.sample();
    }
    row.peakRssSingleMb = Math.max(row.peakRssSingleMb, rss.stop());
    row.floorMs.push(floorMs);
    row.singleMs.push(singleMs);
    row.singleCpuMs.push(singleCpu);
    row.stringifyMs?.push(stringifyMs);
    rss.start();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(items.map((item) => pooled(item).then(() => rss.sample())));
    row.poolMs.push(performance.now() - t0);
    row.poolCpuMs.push(cpuMs(cpu));
    row.peakRssPoolMb = Math.max(row.peakRssPoolMb, rss.stop());
  }
  return row;
}

/** Converts every page once on this thread, so that the facts know every page's anchors. */
function learnAnchors(set: DocSet): Map<string, ReturnType<typeof convertPage>> {
  const anchors = set.facts.anchors as Map<string, ReadonlyMap<string, string>>;
  const done = new Map<string, ReturnType<typeof convertPage>>();
  for (const page of set.pages) done.set(page.path, convertPage(set.facts, page));
  for (const [file, converted] of done) anchors.set(file, anchorsOf(converted.result.headings));
  return done;
}

/** A direction with fewer documents says nothing about throughput; it is left out. */
const MIN_DOCUMENTS = 10;

async function measureSet(set: DocSet, pool: ConvertPool): Promise<Row[]> {
  const rows: Row[] = [];
  const converted = learnAnchors(set);
  if (set.pages.length >= MIN_DOCUMENTS) {
    const facts = shareFacts(set.facts);
    rows.push(
      await measure(
        set.name,
        'Markdown → storage',
        set.pages,
        (page) => Buffer.byteLength(page.body),
        (page) => markdownParser.parse(page.body),
        (page) => convertPage(set.facts, page),
        (page) => pool.toStorage(facts, page),
      ),
    );
  }
  const pages: Shared<PageFilesData> = sharePageFiles('BENCH', set.titles);
  const tasks: Array<Omit<MarkdownTask, 'kind'>> = [
    ...set.pages.map((page) => {
      const result = converted.get(page.path)!.result;
      return { storage: result.storage, file: page.path, pages, attachments: result.attachments.map((a) => [a.filename, a.path] as const) };
    }),
    ...set.storageFiles.map(({ file, storage }) => ({ storage, file: file.replace(/\.\w+$/, '.md'), pages })),
  ];
  if (tasks.length >= MIN_DOCUMENTS) {
    // The mdast of each conversion's Markdown, for remark-stringify alone.
    const trees = new Map(tasks.map((task) => [task, markdownParser.parse(runMarkdownTask(task).markdown)]));
    rows.push(
      await measure(
        set.name,
        'storage → Markdown',
        tasks,
        (task) => Buffer.byteLength(task.storage),
        (task) => parseStorage(task.storage),
        (task) => runMarkdownTask(task),
        (task) => pool.toMarkdown(task),
        (task) => stringifyMarkdown(trees.get(task)!),
      ),
    );
  }
  return rows;
}

/** Every file under `root` (posix, relative), sorted. */
function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out);
    else if (entry.isFile()) out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out;
}

/** A DIR: its Markdown files as a tree whose pages are titled by their paths, and its storage files. */
function dirSet(dir: string): DocSet {
  const root = path.resolve(dir);
  const files = walk(root);
  const markdown = files.filter((file) => file.endsWith('.md'));
  const titles = new Map(markdown.map((file) => [file, file]));
  return {
    name: path.relative(process.cwd(), root) || root,
    facts: { titles, assets: new Set(files.filter((file) => !file.endsWith('.md'))), anchors: new Map() },
    pages: markdown.map((file) => ({ path: file, body: readFileSync(path.join(root, file), 'utf8'), options: {} })),
    titles,
    storageFiles: files.filter((file) => /\.(xml|xhtml|html)$/.test(file)).map((file) => ({ file, storage: readFileSync(path.join(root, file), 'utf8') })),
  };
}

interface RenderFigures {
  readonly run: string;
  /** Median wall time of the runs. */
  readonly ms: number;
  readonly runsMs: number[];
  /** Process CPU time ÷ wall time: the cores the render had. */
  readonly cores: number;
  readonly converted: number;
}

/**
 * Renders the generated tree as push does: from scratch (three times each way, alternating), with
 * nothing changed, after editing 1 % of the files.
 */
async function measureRenders(input: RenderInput): Promise<RenderFigures[]> {
  const samples = new Map<string, { ms: number[]; cpu: number[]; converted: number }>();
  const timed = async (run: string, render: () => RenderResult | Promise<RenderResult>): Promise<RenderResult> => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const result = await render();
    const sample = samples.get(run) ?? { ms: [], cpu: [], converted: result.converted };
    sample.ms.push(performance.now() - t0);
    sample.cpu.push(cpuMs(cpu));
    samples.set(run, sample);
    return result;
  };
  let sequential: RenderResult | undefined;
  let parallel: RenderResult | undefined;
  for (let run = 0; run < 3; run += 1) {
    sequential = await timed('from scratch, renderTree (1 thread)', () => renderTree(input));
    // As push does it: a pool of its own (a worker fewer than the cores, this thread converting too).
    parallel = await timed(`from scratch, renderTreeParallel (this thread + ${availableParallelism() - 1} worker)`, () => renderTreeParallel(input));
  }
  if (JSON.stringify(parallel!.pages) !== JSON.stringify(sequential!.pages) || JSON.stringify(parallel!.cache) !== JSON.stringify(sequential!.cache)) {
    throw new Error('renderTreeParallel and renderTree differ');
  }
  const cached = { ...input, cache: sequential!.cache, store: sequential!.store };
  await timed('nothing changed, renderTree', () => renderTree(cached));
  await timed('nothing changed, renderTreeParallel', () => renderTreeParallel(cached));
  const files = input.tree.pages.filter((page) => page.kind === 'file');
  const edited = new Set(files.filter((_, i) => i % 100 === 50).map((page) => page.path));
  const tree = { pages: input.tree.pages.map((page) => (edited.has(page.path) ? { ...page, body: `${page.body}\nEdited paragraph.\n` } : page)) };
  await timed(`${edited.size} files edited (1 %), renderTreeParallel`, () => renderTreeParallel({ ...cached, tree }));
  return [...samples].map(([run, sample]) => ({
    run,
    ms: median(sample.ms),
    runsMs: sample.ms,
    cores: median(sample.cpu.map((cpu, i) => cpu / sample.ms[i]!)),
    converted: sample.converted,
  }));
}

const mbps = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(2);
const pps = (pages: number, ms: number): string => (pages / (ms / 1000)).toFixed(0);

function printTable(rows: readonly Row[], poolThreads: number): void {
  const header = ['corpus', 'direction', 'pages', 'MB', 'floor MB/s', '1 thread MB/s', 'pages/s', '× floor', '× floor+stringify', `pool(${poolThreads}) MB/s`, 'pages/s', 'pool speedup', 'pool cores', 'CPU pool/1', 'peak RSS MB 1 thread', 'pool'];
  const lines = rows.map((row) => {
    const floor = median(row.floorMs);
    const single = median(row.singleMs);
    const pooled = median(row.poolMs);
    return [
      row.set,
      row.direction,
      String(row.pages),
      (row.bytes / 1e6).toFixed(2),
      mbps(row.bytes, floor),
      mbps(row.bytes, single),
      pps(row.pages, single),
      ratio(row.singleMs, row.floorMs).toFixed(2),
      row.stringifyMs ? ratio(row.singleMs, row.floorMs.map((ms, i) => ms + row.stringifyMs![i]!)).toFixed(2) : '',
      mbps(row.bytes, pooled),
      pps(row.pages, pooled),
      ratio(row.singleMs, row.poolMs).toFixed(2),
      ratio(row.poolCpuMs, row.poolMs).toFixed(2),
      ratio(row.poolCpuMs, row.singleCpuMs).toFixed(2),
      row.peakRssSingleMb.toFixed(0),
      row.peakRssPoolMb.toFixed(0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${format(header)}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

const load = [loadavg()[0]!];
const started = performance.now();
const generated = generateTree(pageCount);
const tree = localTree(generated.files);
const input: RenderInput = { tree, assets: generated.assets, digest: (file) => `digest-of-${file}`, notice: () => '', notifyByDefault: false };
const sets: DocSet[] = [
  {
    name: `generated tree (${pageCount} pages)`,
    facts: { titles: titlesOf(tree), assets: generated.assets, anchors: new Map() },
    pages: tree.pages.filter((page) => page.kind === 'file').map(pageSource),
    titles: new Map(tree.pages.map((page) => [page.title, page.path])),
    storageFiles: [],
  },
];
for (const dir of dirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stdout.write(`skipped ${dir}: not a directory here (the shared corpus is not part of a clone)\n`);
    continue;
  }
  sets.push(dirSet(dir));
}

// Before the pool starts, so that nothing else of ours runs meanwhile.
const machine = await measureMachineParallelism(threads);

const poolStarted = performance.now();
const pool = new ConvertPool({ threads });
// One task per thread, so that every worker has loaded the converter.
await Promise.all(Array.from({ length: threads }, () => pool.toMarkdown({ storage: '<p>warm</p>' })));
const poolStartMs = performance.now() - poolStarted;

const rows: Row[] = [];
for (const set of sets) rows.push(...(await measureSet(set, pool)));
const renders = await measureRenders(input);
await pool.close();
load.push(loadavg()[0]!);

process.stdout.write(
  `\nconversion throughput: ${availableParallelism()} cores, pool of ${threads} threads (started in ${poolStartMs.toFixed(0)} ms), median of ${runs} runs, load average ${load.map((l) => l.toFixed(1)).join(' → ')}\n`,
);
printTable(rows, threads);
process.stdout.write('\n× floor: conversion time ÷ parse-floor time on one thread (target ≤ 1.25); pool speedup: one-thread time ÷ pool time (target ≥ 1.7 on 2 cores);\n');
process.stdout.write('× floor+stringify (storage → Markdown): against the parse floor plus remark-stringify of the resulting Markdown\'s mdast alone, which the floor leaves out;\n');
process.stdout.write('pool cores: CPU time ÷ wall time of the pool phase, the cores the pool had (other processes take the rest);\n');
process.stdout.write('CPU pool/1: CPU time of all threads in the pool ÷ CPU time on one thread (1.00 = no overhead; speedup ≈ threads ÷ this on an idle machine)\n');
process.stdout.write(
  `\nwhat this machine gives threads at once (bench/machine-parallelism.ts: ${threads} threads at once, each doing what one does alone, median of 3): ${describeParallelism(machine, 'threads')}; ${threads} processes at once: ${describeParallelism(machine, 'processes')}\n`,
);
process.stdout.write('(arithmetic allocates nothing; allocation does nothing but make and drop small objects: a conversion, which does both, gains between the two)\n');
process.stdout.write(`\nrendering the generated tree as push does (${pageCount} pages; from scratch: median of 3 runs each, alternating):\n`);
for (const figure of renders) {
  process.stdout.write(`  ${figure.run.padEnd(50)} ${(figure.ms / 1000).toFixed(2).padStart(7)} s   ${figure.cores.toFixed(2)} cores   converted ${figure.converted}\n`);
}

const resultsDir = new URL('results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(
  new URL('convert-throughput.json', resultsDir),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cores: availableParallelism(),
      threads,
      runs,
      loadAverage: load,
      poolStartMs,
      machineParallelism: machine,
      totalMs: performance.now() - started,
      rows: rows.map((row) => ({
        ...row,
        floorMbps: Number(mbps(row.bytes, median(row.floorMs))),
        singleMbps: Number(mbps(row.bytes, median(row.singleMs))),
        poolMbps: Number(mbps(row.bytes, median(row.poolMs))),
        singlePagesPerSecond: Number(pps(row.pages, median(row.singleMs))),
        poolPagesPerSecond: Number(pps(row.pages, median(row.poolMs))),
        singleOverFloor: ratio(row.singleMs, row.floorMs),
        ...(row.stringifyMs ? { singleOverFloorAndStringify: ratio(row.singleMs, row.floorMs.map((ms, i) => ms + row.stringifyMs![i]!)) } : {}),
        poolSpeedup: ratio(row.singleMs, row.poolMs),
        poolCpuOverSingle: ratio(row.poolCpuMs, row.singleCpuMs),
        poolCores: ratio(row.poolCpuMs, row.poolMs),
      })),
      renders,
    },
    null,
    2,
  )}\n`,
);
