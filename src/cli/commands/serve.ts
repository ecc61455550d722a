import type { Command } from 'commander';
import type { ServeFlags } from './serve.run.js';

/** Registers `serve`; its implementation (serve.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the local Confluence Cloud emulator on 127.0.0.1 (a DEMO space unless --seed, --data or --no-demo)')
    .option('--port <n>', 'port on 127.0.0.1; 0 picks a free one', '0')
    .option('--data <file>', 'keep the state in this JSON file: loaded at start if it exists, written after every change')
    .option('--seed <file>', 'start with the spaces and pages of this seed file instead of the demo data')
    .option('--no-demo', 'start empty (no DEMO space)')
    .option('--latency <ms>', 'delay every API request by this many milliseconds')
    .option('--jitter <ms>', 'add a random delay of up to this many milliseconds')
    .option('--rate-limit <n/s>', 'token bucket per credential: n requests per second (429 beyond it)')
    .option('--rate-limit-burst <n>', 'bucket capacity for --rate-limit (default: n)')
    .option('--error-rate <x>', 'share of API requests answered 500/503 (0–1)')
    .option('--throttle-rate <x>', 'share of API requests answered 429 with Retry-After: 1 (0–1)')
    .option('--reset-rate <x>', 'share of API requests whose connection is reset (0–1)')
    .option('--fault-seed <n>', 'seed of the random faults (same seed, same sequence)')
    .option('--beta-rate-limit-headers', 'also send Beta-RateLimit-Policy and Beta-RateLimit')
    .option('--fidelity <key=value...>', 'settle an unverified behaviour (docs/emulator.md, "Options and unverified behaviour")')
    .action(async (flags: ServeFlags) => (await import('./serve.run.js')).runServe(flags));
}
