/**
 * Benchmark of the Markdown → storage converter against its floor, remark-parse + remark-gfm
 * parsing the same input. Converts a generated corpus of 1,000 realistic pages (seeded, so every
 * run sees the same bytes) and, when given, every `.md` file under a directory.
 *
 *   node --import tsx bench/convert-to-storage.ts [DIR] [--runs N]
 *
 * Prints MB/s and pages/s (median of the runs) for parse alone and for the full conversion, their
 * ratio (target ≤ 1.25), and the slowest document per byte against the median document (target
 * ≤ 2). Timings live here only; unit tests never assert on time.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownToStorage } from '../src/convert/index.js';
import type { ToStorageContext } from '../src/convert/index.js';
import { generateCorpus, markdownFiles, readText, treeContext } from './convert-helpers.js';

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

/** The slowest document per byte against the median document per byte. */
function worstPerByte(documents: readonly Document[], perDocument: readonly number[]): { ratio: number; doc: Document | undefined } {
  const perByte = perDocument.map((ms, index) => ms / (documents[index]?.bytes ?? 1));
  const worst = Math.max(...perByte);
  return { ratio: worst / median(perByte), doc: documents[perByte.indexOf(worst)] };
}

function report(label: string, documents: readonly Document[], runs: number): void {
  const bytes = documents.reduce((sum, doc) => sum + doc.bytes, 0);
  const samples = measure(documents, runs);
  const parseMs = median(samples.parseTotals);
  const convertMs = median(samples.convertTotals);
  const ratio = median(samples.convertTotals.map((ms, run) => ms / (samples.parseTotals[run] ?? ms)));
  const convertWorst = worstPerByte(documents, samples.convertPerDocument);
  const parseWorst = worstPerByte(documents, samples.parsePerDocument);
  const line = (name: string, ms: number): string =>
    `  ${name.padEnd(26)} ${(bytes / 1e6 / (ms / 1000)).toFixed(2).padStart(7)} MB/s ${(documents.length / (ms / 1000)).toFixed(0).padStart(7)} pages/s   (${ms.toFixed(0)} ms per run)`;
  process.stdout.write(`${label}: ${documents.length} pages, ${(bytes / 1e6).toFixed(2)} MB, median of ${runs} runs\n`);
  process.stdout.write(`${line('remark-parse + remark-gfm', parseMs)}\n`);
  process.stdout.write(`${line('markdownToStorage', convertMs)}\n`);
  process.stdout.write(`  ratio convert / parse      ${ratio.toFixed(3)}  (median of per-run ratios; target ≤ 1.25)\n`);
  process.stdout.write(
    `  slowest per byte / median  ${convertWorst.ratio.toFixed(2)}  (target ≤ 2; ${convertWorst.doc?.name ?? '?'}, ${convertWorst.doc?.bytes ?? 0} bytes)\n`,
  );
  process.stdout.write(
    `    same for parse alone     ${parseWorst.ratio.toFixed(2)}  (${parseWorst.doc?.name ?? '?'}, ${parseWorst.doc?.bytes ?? 0} bytes)\n\n`,
  );
}

const args = process.argv.slice(2);
const runsFlag = args.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Math.max(5, Number(args[runsFlag + 1]));
const dir = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--runs');

const generated: Document[] = generateCorpus(1000).map((markdown, index) => ({
  name: `generated-${index}.md`,
  markdown,
  bytes: Buffer.byteLength(markdown),
  context: { file: `docs/generated-${index}.md`, resolveLink: (target) => ({ title: target.path }) },
}));
report('generated corpus', generated, runs);

if (dir) {
  const root = path.resolve(dir);
  const documents: Document[] = markdownFiles(root).map((file) => {
    const markdown = readText(path.join(root, file));
    return { name: file, markdown, bytes: Buffer.byteLength(markdown), context: treeContext(root, file) };
  });
  report(root, documents, runs);
}
