/**
 * `npm run bench`: runs every benchmark in turn and prints its figures. Each script also runs on
 * its own (see its header); arguments after `--` go to all of them, e.g. a docs directory.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scripts = ['convert-to-storage.ts', 'client-faults.ts'];
const extra = process.argv.slice(2);
let failed = 0;
for (const script of scripts) {
  process.stdout.write(`\n### bench/${script}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...(script.startsWith('convert') ? extra : [])], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
