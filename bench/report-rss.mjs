// Preloaded (`node --import`) into a process the benchmark measures: at exit, writes the process's
// peak resident memory in MB to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
