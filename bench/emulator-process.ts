/**
 * The emulator as a process of its own for the sync benchmark, so that the memory and CPU measured
 * for a push or pull are the tool's alone. Prints `{"url": …}` on one line once listening; stops on
 * SIGTERM. Options as JSON in argv[2]: `{ latencyMs, rateLimit? }`.
 */
import { launchEmulator } from '../src/emulator/launch.js';
import { BENCH_CREDENTIALS } from './bench-credentials.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { latencyMs?: number; rateLimit?: { perSecond: number; capacity: number } };
const running = await launchEmulator({
  credentials: BENCH_CREDENTIALS,
  seed: { spaces: [{ key: 'BENCH', name: 'Bench' }] },
  faults: { latencyMs: options.latencyMs ?? 0, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) },
});
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
