#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// V8 lets the heap grow to about four times what is live before it collects the old generation;
// a push or pull of thousands of pages then peaks at hundreds of MB of garbage. Growing it by at
// most 20 % keeps the peak near the live set, for more collections: about 4 s of a 1,000-page first
// push, against 150 MB less at its peak; 35 or 50 % cost the same time (docs/benchmarks.md).
// Set before anything is loaded; it holds for the conversion workers too (V8 flags are per process).
setFlagsFromString('--heap-growing-percent=20');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
