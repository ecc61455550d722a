/**
 * Throughput of the pull converter: converts every storage file under the given directories
 * (default ../shared/corpus/storage) several times and prints MB/s and pages/s, median of the
 * runs, beside the cost of parsing the same input with saxes alone.
 *
 *   node --import tsx bench/convert-to-markdown.ts [DIR…]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storageToMarkdown } from '../src/convert/index.js';
import { parseStorage } from '../src/convert/to-markdown/parse.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.resolve(HERE, '../../shared/corpus/storage')];
const STORAGE = /\.(xhtml|xml)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (STORAGE.test(entry.name) && entry.name !== 'index.json') out.push(full);
  }
  return out;
}

const pages = dirs.flatMap((dir) => walk(dir)).map((file) => readFileSync(file, 'utf8'));
const bytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(run: (page: string) => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const start = process.hrtime.bigint();
    for (const page of pages) run(page);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(times);
}

time((page) => storageToMarkdown(page));
const convert = time((page) => storageToMarkdown(page));
const parse = time((page) => parseStorage(page));
const mb = bytes / 1e6;
process.stdout.write(`${pages.length} pages, ${mb.toFixed(2)} MB\n`);
process.stdout.write(`storageToMarkdown: ${(mb / convert).toFixed(2)} MB/s, ${(pages.length / convert).toFixed(0)} pages/s\n`);
process.stdout.write(`saxes parse alone: ${(mb / parse).toFixed(2)} MB/s (conversion costs ${(convert / parse).toFixed(1)}× the parse)\n`);
