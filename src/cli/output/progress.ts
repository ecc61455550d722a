/** A progress bar with counts and an ETA, as one line (pure). */
export function progressLine(done: number, total: number, elapsedMs: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const eta = done > 0 && done < total ? ` ETA ${formatDuration((elapsedMs / done) * (total - done))}` : '';
  return `[${bar}] ${done}/${total} ${Math.floor(ratio * 100)}%${eta}`;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Draws a progress line at the bottom of a terminal stream: `line()` prints a log line above it,
 * `tick()` advances it. Does nothing when disabled (CI, --quiet, not a terminal).
 */
export class ProgressBar {
  private done = 0;
  private shown = false;
  private readonly started: number;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Prints a log line, keeping the bar below it. */
  line(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.draw();
  }

  tick(): void {
    this.done++;
    this.draw();
  }

  /** Removes the bar (at the end of the run). */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    if (!this.enabled || this.total === 0 || this.done === 0) return;
    this.stream.write(`\r\x1b[2K${progressLine(this.done, this.total, this.now() - this.started)}`);
    this.shown = true;
  }
}
