import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { Site } from './site.js';
import { restoreSite, snapshotSite, type SiteState } from './state.js';

/**
 * `--data FILE`: the emulator's state in a JSON file, loaded at start and written back after each
 * change. Writes are atomic (a temporary file in the same directory, flushed to disk, then renamed
 * over the old one), so a crash at any moment leaves either the old file or the new one, never a
 * half-written one. A burst of changes is coalesced into one write.
 */

export const STATE_FORMAT = 'confluence-sync-emulator-state';
export const STATE_VERSION = 1;

const siteStateSchema = z.object({
  cloudId: z.string(),
  name: z.string(),
  lastId: z.number().int().nonnegative(),
  random: z.number().int().nonnegative(),
  collections: z.record(z.string(), z.unknown()),
});

const fileSchema = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  savedAt: z.string(),
  sites: z.array(siteStateSchema),
});

export type StateFileContents = z.infer<typeof fileSchema>;

/** The file contents for these sites. */
export function serializeSites(sites: readonly Site[], now: Date = new Date()): string {
  const contents: StateFileContents = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    savedAt: now.toISOString(),
    sites: sites.map((site) => snapshotSite(site) as z.infer<typeof siteStateSchema>),
  };
  return `${JSON.stringify(contents)}\n`;
}

export class StateFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'StateFileError';
  }
}

/** Parses file contents (throws `StateFileError` naming the file and what is wrong). */
export function parseStateFile(file: string, text: string): StateFileContents {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `not valid JSON (${(error as Error).message}); restore it from a backup or delete it to start afresh`);
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new StateFileError(file, `not an emulator data file (${where}: ${issue.message}); point --data at a file the emulator wrote, or at a new path`);
  }
  return result.data;
}

/** Puts the saved state into the sites, matching them by cloud ID. Sites the file does not mention keep their data. */
export function restoreSites(file: string, sites: readonly Site[], contents: StateFileContents): void {
  for (const saved of contents.sites) {
    const site = sites.find((s) => s.cloudId === saved.cloudId);
    if (!site) throw new StateFileError(file, `holds site ${saved.cloudId} ('${saved.name}'), which this emulator does not serve`);
    try {
      restoreSite(site, saved as SiteState);
    } catch (error) {
      throw new StateFileError(file, `site ${saved.cloudId}: ${(error as Error).message}`);
    }
  }
}

/** Loads the file into the sites if it exists. Returns whether it did. */
export async function loadStateFile(file: string, sites: readonly Site[]): Promise<boolean> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StateFileError(file, `cannot be read: ${(error as Error).message}`);
  }
  restoreSites(file, sites, parseStateFile(file, text));
  return true;
}

/** The file operations an atomic write needs; tests replace them to simulate a crash. */
export interface AtomicFs {
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeFs: AtomicFs = {
  async writeFile(path, data) {
    const handle = await fsp.open(path, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
};

/** The temporary file next to `file`: same directory (so the rename is atomic), a name that never collides. */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `file` atomically: temp file in the same directory, synced, renamed over `file`. */
export async function writeFileAtomic(file: string, data: string, fs: AtomicFs = nodeFs): Promise<void> {
  const temp = tempPathFor(file);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

export interface StateWriterOptions {
  /** How long after the first change of a burst the file is written (default 50 ms). */
  readonly delayMs?: number;
  readonly fs?: AtomicFs;
  /** A write failed; the next change tries again. Default: a line on stderr. */
  readonly onError?: (error: Error) => void;
}

/**
 * Writes the file after changes: the first change starts a short timer, later changes before it
 * fires join the same write; changes during a write cause one more write after it.
 */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> | undefined;
  private count = 0;
  private readonly delayMs: number;
  private readonly fs: AtomicFs;
  private readonly onError: (error: Error) => void;

  constructor(
    readonly file: string,
    private readonly contents: () => string,
    options: StateWriterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 50;
    this.fs = options.fs ?? nodeFs;
    this.onError = options.onError ?? ((error) => process.stderr.write(`emulator: could not save ${file}: ${error.message}\n`));
  }

  /** How many times the file has been written. */
  get writes(): number {
    return this.count;
  }

  /** Notes a change; the file is written shortly. */
  schedule(): void {
    this.dirty = true;
    if (this.timer === undefined && this.writing === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.writeNow();
      }, this.delayMs);
    }
  }

  /** Writes pending changes now and waits until the file is on disk. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing !== undefined || this.dirty) {
      if (this.writing !== undefined) await this.writing;
      else await this.writeNow();
    }
  }

  private writeNow(): Promise<void> {
    if (this.writing !== undefined) return this.writing;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.dirty = false;
    this.writing = Promise.resolve()
      .then(() => writeFileAtomic(this.file, this.contents(), this.fs))
      .then(
        () => {
          this.count += 1;
        },
        (error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        this.writing = undefined;
        if (this.dirty) this.schedule();
      });
    return this.writing;
  }
}
