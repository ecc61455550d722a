#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// V8 lets the heap grow to about four times what is live before it collects the old generation;
// a push or pull of thousands of pages then peaks at hundreds of MB of garbage. Growing it by at
// most 20 % keeps the peak near the live set, for more collections: about 4 s of a 1,000-page first
// push, against 150 MB less at its peak; 35 or 50 % cost the same time (docs/benchmarks.md).
// Those collections mark on this thread, and young-generation collections run on it alone: while
// the conversions keep every core busy, V8's helper threads for them only took cores from the
// conversions (a 1,000-page first push 36.5 s against 38.4-40.4 s, 15 % less CPU).
// Set before anything is loaded; they hold for the conversion workers too (V8 flags are per process).
setFlagsFromString('--heap-growing-percent=20');
setFlagsFromString('--no-concurrent-marking');
setFlagsFromString('--no-parallel-scavenge');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
