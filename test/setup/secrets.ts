import { afterAll, expect } from 'vitest';
import { testSecrets } from './test-secrets.js';

/**
 * Across the whole suite, no secret may appear in any output: everything written to stdout/stderr
 * or the console in a test worker, and every CLI output captured by `runCli` (which records into
 * `capturedOutput`), is scanned after each test file.
 */
const captured: string[] = [];

export function recordOutput(text: string): void {
  captured.push(text);
}

(globalThis as { __recordOutput?: (text: string) => void }).__recordOutput = recordOutput;

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    original(...args);
  };
}

afterAll(() => {
  const all = captured.join('\n');
  const leaked = testSecrets().filter((secret) => all.includes(secret));
  expect(leaked, 'a secret appeared in the output of this test file').toEqual([]);
});
