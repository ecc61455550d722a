import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PushEnv } from './push-helpers.js';
import type { TreeWorkspace } from './small-tree.js';

const bin = fileURLToPath(new URL('../../bin/confluence-sync.js', import.meta.url));

/**
 * `confluence-sync watch` as a child process in a workspace, against the emulator. Tests wait for
 * what it prints (never for a fixed time); a wait that sees the process exit, or nothing for 20 s,
 * fails with the output so far.
 */
export class WatchProcess {
  readonly child: ChildProcess;
  out = '';
  err = '';
  private exited: Promise<number | null>;
  private listeners = new Set<() => void>();

  constructor(pe: PushEnv, ws: TreeWorkspace, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [bin, 'watch', '--space', 'DEMO', '--docs', 'docs', ...args], {
      cwd: ws.dir,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...pe.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.out += d;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.err += d;
      this.notify();
    });
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        (globalThis as { __recordOutput?: (text: string) => void }).__recordOutput?.(this.out + this.err);
        resolve(code);
        this.notify();
      }),
    );
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Where the output is now: wait for what comes after it. */
  mark(): { out: number; err: number } {
    return { out: this.out.length, err: this.err.length };
  }

  /** Resolves with the first match of `pattern` in stdout (or stderr) after `from`. */
  waitFor(pattern: RegExp, options: { stream?: 'out' | 'err'; from?: { out: number; err: number } } = {}): Promise<RegExpMatchArray> {
    const stream = options.stream ?? 'out';
    const start = options.from?.[stream] ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = (stream === 'out' ? this.out : this.err).slice(start).match(pattern);
        if (match) {
          cleanup();
          resolve(match);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          cleanup();
          reject(new Error(`watch exited before printing ${pattern}:\n${this.out}\n${this.err}`));
        }
      };
      const guard = setTimeout(() => {
        cleanup();
        reject(new Error(`watch did not print ${pattern}:\n--- stdout\n${this.out}\n--- stderr\n${this.err}`));
      }, 20_000);
      const cleanup = () => {
        clearTimeout(guard);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** Resolves with the exit code when the process ends by itself. */
  get exit(): Promise<number | null> {
    return this.exited;
  }
}
