import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Texts kept in a temporary file instead of the heap, by key, until they are read back: a pull
 * receives the bodies of thousands of pages long before it converts them, and V8 holds a string
 * with any non-Latin-1 character at two bytes a character (a 5,000-page space's bodies are about
 * 67 MB of heap, against 34 MB of UTF-8 on disk; docs/benchmarks.md).
 *
 * One file, appended to, in a folder of its own under the system's temporary folder (mode 0700,
 * the file 0600: the texts are the space's pages); `close` removes both. Where no temporary file
 * can be made (a read-only or full temporary folder), the texts stay in memory: the spool only
 * ever saves memory, so it never stops a run. A text that cannot be written (the folder fills up
 * during the run) stays in memory too.
 */
export class TextSpool {
  readonly #places = new Map<string, { readonly offset: number; readonly length: number }>();
  readonly #inMemory = new Map<string, string>();
  readonly #dir: string | undefined;
  #fd: number | undefined;
  #end = 0;
  #closed = false;

  private constructor(dir: string | undefined, fd: number | undefined) {
    this.#dir = dir;
    this.#fd = fd;
  }

  /** A new, empty spool (in memory when the temporary folder cannot take a file). */
  static open(): TextSpool {
    let dir: string | undefined;
    try {
      dir = mkdtempSync(join(tmpdir(), 'confluence-sync-'));
      return new TextSpool(dir, openSync(join(dir, 'texts'), 'w+', 0o600));
    } catch {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      return new TextSpool(undefined, undefined);
    }
  }

  /** Whether the texts go to a file (false: held in memory). */
  get onDisk(): boolean {
    return this.#fd !== undefined;
  }

  /** How many texts are kept. */
  get size(): number {
    return this.#places.size + this.#inMemory.size;
  }

  /** Keeps `text` under `key`, in place of any text kept under it before. */
  put(key: string, text: string): void {
    if (this.#closed) throw new Error('the text spool is closed');
    if (this.#fd === undefined) {
      this.#inMemory.set(key, text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written, this.#end + written);
    } catch {
      // The temporary folder filled up (or went away): this text stays in memory.
      this.#places.delete(key);
      this.#inMemory.set(key, text);
      return;
    }
    this.#inMemory.delete(key);
    this.#places.set(key, { offset: this.#end, length: bytes.length });
    this.#end += bytes.length;
  }

  has(key: string): boolean {
    return this.#places.has(key) || this.#inMemory.has(key);
  }

  /** The text kept under `key`, which stays kept. */
  get(key: string): string | undefined {
    const held = this.#inMemory.get(key);
    if (held !== undefined) return held;
    const place = this.#places.get(key);
    if (place === undefined || this.#fd === undefined) return undefined;
    const bytes = Buffer.allocUnsafe(place.length);
    let read = 0;
    while (read < place.length) {
      const n = readSync(this.#fd, bytes, read, place.length - read, place.offset + read);
      if (n === 0) throw new Error(`the temporary file ${join(this.#dir!, 'texts')} ends before the text of ${key}: was it removed while the run went on?`);
      read += n;
    }
    return bytes.toString('utf8');
  }

  /** The text kept under `key`, which is no longer kept. */
  take(key: string): string | undefined {
    const text = this.get(key);
    this.#places.delete(key);
    this.#inMemory.delete(key);
    return text;
  }

  /** Forgets every text and removes the temporary file (the spool cannot be used after). */
  close(): void {
    this.#closed = true;
    this.#places.clear();
    this.#inMemory.clear();
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (this.#dir !== undefined) rmSync(this.#dir, { recursive: true, force: true });
  }
}
