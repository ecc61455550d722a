/**
 * Benchmark of the Markdown → storage converter against its floor, remark-parse + remark-gfm
 * parsing the same input. Converts a generated corpus of 1,000 realistic pages (seeded, so every
 * run sees the same bytes) and, when given, every `.md` file under a directory.
 *
 *   node --import tsx bench/convert-to-storage.ts [DIR…] [--runs N]
 *
 * Prints MB/s and pages/s (median of the runs) for parse alone and for the full conversion, their
 * ratio (target ≤ 1.25), and the slowest document per byte against the median document (target
 * ≤ 2), and the cost per byte of one page repeated 1× to 64×. Timings live here only; unit tests
 * never assert on time.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownToStorage } from '../src/convert/index.js';
import type { ToStorageContext } from '../src/convert/index.js';
import { generateCorpus, markdownFiles, readText, treeContext, treeIndex } from './convert-helpers.js';

interface Document {
  readonly name: string;
  readonly markdown: string;
  readonly bytes: number;
  readonly context: ToStorageContext;
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Samples {
  /** Per run: total parse and convert time (ms). */
  readonly parseTotals: number[];
  readonly convertTotals: number[];
  /** Per document: median over runs (ms). */
  readonly parsePerDocument: number[];
  readonly convertPerDocument: number[];
}

/**
 * Each run times, document by document, parse alone then the full conversion, so both see the
 * same machine load (other processes share these cores). One warm-up pass first.
 */
function measure(documents: readonly Document[], runs: number): Samples {
  const parse = (doc: Document): void => void parser.parse(doc.markdown);
  const convert = (doc: Document): void => void markdownToStorage(doc.markdown, doc.context);
  for (const doc of documents) {
    parse(doc);
    convert(doc);
  }
  const parseTotals: number[] = [];
  const convertTotals: number[] = [];
  const parseSamples = documents.map(() => [] as number[]);
  const convertSamples = documents.map(() => [] as number[]);
  for (let run = 0; run < runs; run += 1) {
    let parseTotal = 0;
    let convertTotal = 0;
    documents.forEach((doc, index) => {
      const t0 = performance.now();
      parse(doc);
      const t1 = performance.now();
      convert(doc);
      const t2 = performance.now();
      parseSamples[index]?.push(t1 - t0);
      convertSamples[index]?.push(t2 - t1);
      parseTotal += t1 - t0;
      convertTotal += t2 - t1;
    });
    parseTotals.push(parseTotal);
    convertTotals.push(convertTotal);
  }
  return { parseTotals, convertTotals, parsePerDocument: parseSamples.map(median), convertPerDocument: convertSamples.map(median) };
}

/**
 * Below this size a document's time is mostly the fixed cost of a call (processor run, vfile,
 * session), so time per byte says nothing about linearity; such documents are reported apart.
 */
const LINEARITY_MIN_BYTES = 2048;

/** The slowest document per byte against the median document per byte, among documents of at least `minBytes`. */
function worstPerByte(
  documents: readonly Document[],
  perDocument: readonly number[],
  minBytes: number,
): { ratio: number; doc: Document | undefined; count: number } {
  const chosen = documents.map((doc, index) => ({ doc, ms: perDocument[index] ?? 0 })).filter(({ doc }) => doc.bytes >= minBytes);
  if (chosen.length === 0) return { ratio: Number.NaN, doc: undefined, count: 0 };
  const perByte = chosen.map(({ doc, ms }) => ms / doc.bytes);
  const worst = Math.max(...perByte);
  return { ratio: worst / median(perByte), doc: chosen[perByte.indexOf(worst)]?.doc, count: chosen.length };
}

function report(label: string, documents: readonly Document[], runs: number): void {
  const bytes = documents.reduce((sum, doc) => sum + doc.bytes, 0);
  const samples = measure(documents, runs);
  const parseMs = median(samples.parseTotals);
  const convertMs = median(samples.convertTotals);
  const ratio = median(samples.convertTotals.map((ms, run) => ms / (samples.parseTotals[run] ?? ms)));
  const convertWorst = worstPerByte(documents, samples.convertPerDocument, LINEARITY_MIN_BYTES);
  const parseWorst = worstPerByte(documents, samples.parsePerDocument, LINEARITY_MIN_BYTES);
  const convertWorstAll = worstPerByte(documents, samples.convertPerDocument, 0);
  const parseWorstAll = worstPerByte(documents, samples.parsePerDocument, 0);
  const small = documents.filter((doc) => doc.bytes < LINEARITY_MIN_BYTES);
  const overheadMs = median(small.map((doc) => samples.convertPerDocument[documents.indexOf(doc)] ?? 0));
  const line = (name: string, ms: number): string =>
    `  ${name.padEnd(26)} ${(bytes / 1e6 / (ms / 1000)).toFixed(2).padStart(7)} MB/s ${(documents.length / (ms / 1000)).toFixed(0).padStart(7)} pages/s   (${ms.toFixed(0)} ms per run)`;
  process.stdout.write(`${label}: ${documents.length} pages, ${(bytes / 1e6).toFixed(2)} MB, median of ${runs} runs\n`);
  process.stdout.write(`${line('remark-parse + remark-gfm', parseMs)}\n`);
  process.stdout.write(`${line('markdownToStorage', convertMs)}\n`);
  process.stdout.write(`  ratio convert / parse      ${ratio.toFixed(3)}  (median of per-run ratios; target ≤ 1.25)\n`);
  const worstLine = (name: string, worst: ReturnType<typeof worstPerByte>): string =>
    `  ${name.padEnd(26)} ${worst.ratio.toFixed(2)}  (${worst.doc?.name ?? '-'}, ${worst.doc?.bytes ?? 0} bytes, of ${worst.count} pages)\n`;
  process.stdout.write(`  slowest per byte / median, pages ≥ ${LINEARITY_MIN_BYTES} bytes (target ≤ 2):\n`);
  process.stdout.write(worstLine('  markdownToStorage', convertWorst));
  process.stdout.write(worstLine('  parse alone', parseWorst));
  process.stdout.write('  the same over all pages (tiny pages are all fixed cost):\n');
  process.stdout.write(worstLine('  markdownToStorage', convertWorstAll));
  process.stdout.write(worstLine('  parse alone', parseWorstAll));
  process.stdout.write(`  median time of a page under ${LINEARITY_MIN_BYTES} bytes: ${overheadMs.toFixed(3)} ms (${small.length} pages)\n\n`);
}

/**
 * Linearity in size: the same content repeated 1×, 4×, 16× and 64× must cost the same per byte.
 * (Across different pages, time per byte also depends on the kind of content: micromark spends
 * far more per byte on a table than on a code block, which the per-page figures above show.)
 */
function reportScaling(base: string, runs: number): void {
  process.stdout.write('size scaling (one generated page repeated), µs per KB, median of runs:\n');
  for (const times of [1, 4, 16, 64]) {
    const markdown = Array.from({ length: times }, () => base).join('\n\n');
    const doc: Document = { name: `x${times}`, markdown, bytes: Buffer.byteLength(markdown), context: { file: 'docs/scale.md' } };
    const samples = measure([doc], runs);
    const perKb = (ms: number): string => ((ms * 1000) / (doc.bytes / 1024)).toFixed(0).padStart(6);
    process.stdout.write(
      `  ${String(times).padStart(3)}× ${String(doc.bytes).padStart(8)} bytes   parse ${perKb(median(samples.parseTotals))}   convert ${perKb(median(samples.convertTotals))}\n`,
    );
  }
  process.stdout.write('\n');
}

const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Math.max(5, Number(args[runsFlag + 1]));
const dirs = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--runs');

const generated: Document[] = generateCorpus(1000).map((markdown, index) => ({
  name: `generated-${index}.md`,
  markdown,
  bytes: Buffer.byteLength(markdown),
  context: { file: `docs/generated-${index}.md`, resolveLink: (target) => ({ title: target.path }) },
}));
report('generated corpus', generated, runs);
reportScaling(generated.reduce((longest, doc) => (doc.bytes > longest.bytes ? doc : longest)).markdown, runs);

for (const dir of dirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stdout.write(`skipped ${dir}: not a directory here\n`);
    continue;
  }
  const root = path.resolve(dir);
  const index = treeIndex(root);
  const documents: Document[] = markdownFiles(root).map((file) => {
    const markdown = readText(path.join(root, file));
    return { name: file, markdown, bytes: Buffer.byteLength(markdown), context: treeContext(index, file) };
  });
  report(root, documents, runs);
}
