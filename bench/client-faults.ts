/**
 * The client under injected faults: a fixed workload (create N pages, update each, list, read each)
 * against a fault-free emulator and against one answering 20 % of requests 429 and 5 % 5xx.
 * Prints requests sent, retries, wall time, and whether the final states are equal.
 *
 *   node --import tsx bench/client-faults.ts [pages=100]
 */
import { runWorkload } from '../test/client/workload.js';

const pages = Number(process.argv[2] ?? 100);
const clean = await runWorkload(pages, {});
const faulty = await runWorkload(pages, { throttleRate: 0.2, errorRate: 0.05 });
const same = JSON.stringify(clean.pages) === JSON.stringify(faulty.pages);
const row = (name: string, r: typeof clean) => `${name.padEnd(22)} ${String(r.requests).padStart(8)} ${String(r.retries).padStart(8)} ${(r.wallMs / 1000).toFixed(1).padStart(8)} s`;
console.log(`workload: create ${pages} pages, update each, list all, read each (concurrency 8)`);
console.log(`${'run'.padEnd(22)} ${'requests'.padStart(8)} ${'retries'.padStart(8)} ${'wall'.padStart(10)}`);
console.log(row('fault-free', clean));
console.log(row('20% 429 + 5% 5xx', faulty));
console.log(`final state equal: ${same}; pages: ${faulty.pages.length}; duplicates: ${faulty.pages.length - new Set(faulty.pages.map((p) => p.title)).size}`);
if (!same) process.exitCode = 1;
