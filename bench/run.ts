/**
 * `npm run bench`: runs every benchmark in turn and prints its figures. Each script also runs on
 * its own (see its header); arguments after `--` go to the converter benchmarks, e.g. docs
 * directories: `npm run bench -- ../shared/corpus/docs-tree ../shared/corpus/storage` (a
 * directory that does not exist is skipped). docs/benchmarks.md says what each figure means.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const scripts = ['convert-throughput.ts', 'convert-to-storage.ts', 'round-trip-corpus.ts', 'client-faults.ts', 'sync-cost.ts'];
const extra = process.argv.slice(2);
let failed = 0;
// The shared corpus sits beside a working copy on our machines, not in a fresh clone.
const corpus = existsSync(new URL('../../shared/corpus', import.meta.url));
for (const script of scripts) {
  process.stdout.write(`\n### bench/${script}\n`);
  // The round trip reads every directory it is given: only those that exist here.
  const dirs = script.startsWith('round-trip') ? extra.filter((dir) => existsSync(dir)) : extra;
  if (script === 'round-trip-corpus.ts' && dirs.length === 0 && !corpus) {
    process.stdout.write('skipped: no ../shared/corpus here; give a directory: npm run bench -- DIR\n');
    continue;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...(script.startsWith('convert') || script.startsWith('round-trip') ? dirs : [])], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
