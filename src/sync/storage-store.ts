import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../plan/fingerprint.js';

/**
 * Where the storage (XHTML) of converted pages is kept, by its sha256: the conversion cache and
 * the rendered pages refer to a body by its hash, and the body is read only when a page is
 * written (or diffed). A push or pull of thousands of pages thus never holds every body at once,
 * and a no-op push reads none.
 */
export interface StorageStore {
  /** Keeps `storage`; returns its sha256. */
  put(storage: string): string;
  /** The storage of `hash` (which `put` returned, or `has` confirmed). */
  get(hash: string): string;
  /** Whether the storage of `hash` is kept. */
  has(hash: string): boolean;
}

/** Bodies in memory (no conversion cache on disk: `"cache": false`, and tests). */
export class MemoryStorageStore implements StorageStore {
  readonly #bodies = new Map<string, string>();

  put(storage: string): string {
    const hash = sha256(storage);
    this.#bodies.set(hash, storage);
    return hash;
  }

  get(hash: string): string {
    const storage = this.#bodies.get(hash);
    if (storage === undefined) throw new Error(`no storage of hash ${hash}`);
    return storage;
  }

  has(hash: string): boolean {
    return this.#bodies.has(hash);
  }
}

/**
 * Bodies in files named by their hash in `dir` (beside the conversion cache), each written once,
 * atomically (temp file + rename): a crash leaves a body whole or absent, never half-written.
 */
export class DiskStorageStore implements StorageStore {
  readonly #known = new Set<string>();
  #made = false;

  constructor(readonly dir: string) {}

  #file(hash: string): string {
    return join(this.dir, `${hash}.xml`);
  }

  put(storage: string): string {
    const hash = sha256(storage);
    if (this.has(hash)) return hash;
    if (!this.#made) {
      mkdirSync(this.dir, { recursive: true });
      this.#made = true;
    }
    const temp = `${this.#file(hash)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, storage);
    renameSync(temp, this.#file(hash));
    this.#known.add(hash);
    return hash;
  }

  get(hash: string): string {
    return readFileSync(this.#file(hash), 'utf8');
  }

  has(hash: string): boolean {
    if (this.#known.has(hash)) return true;
    if (!existsSync(this.#file(hash))) return false;
    this.#known.add(hash);
    return true;
  }

  /** Removes the bodies (and leftover temporary files) not among `keep`. */
  prune(keep: ReadonlySet<string>): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const hash = name.slice(0, name.indexOf('.'));
      if (name === `${hash}.xml` && keep.has(hash)) continue;
      rmSync(join(this.dir, name), { force: true });
      this.#known.delete(hash);
    }
  }
}
