import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../tree/write-page-id.js';
import { emptyLockfile, lockfileSchema, type LockEntry, type Lockfile } from './schema.js';

export class LockfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockfileError';
  }
}

/** Reads the lockfile; a missing file is an empty lockfile, a broken one an error saying what to do. */
export async function readLockfile(file: string): Promise<Lockfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLockfile();
    throw new LockfileError(`Cannot read the lockfile ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(`${file} is not valid JSON (${(error as Error).message}). Restore it from git, or delete it: the next push finds its pages again by their markers.`);
  }
  const parsed = lockfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LockfileError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}. Restore it from git, or delete it: the next push finds its pages again by their markers.`);
  }
  return parsed.data;
}

/** The lockfile as text: stable key order, two-space indent, trailing newline. */
export function serializeLockfile(lock: Lockfile): string {
  const pages: Record<string, LockEntry> = {};
  for (const path of Object.keys(lock.pages).sort()) {
    const entry = lock.pages[path]!;
    pages[path] = {
      ...entry,
      labels: [...entry.labels].sort(),
      attachments: Object.fromEntries(Object.entries(entry.attachments).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
  const pendingCreates = Object.fromEntries(Object.entries(lock.pendingCreates).sort(([a], [b]) => (a < b ? -1 : 1)));
  const blogposts = lock.blogposts && Object.keys(lock.blogposts).length > 0 ? Object.fromEntries(Object.entries(lock.blogposts).sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
  return `${JSON.stringify({ lockfileVersion: 1, site: lock.site, space: lock.space, spaceId: lock.spaceId, pages, pendingCreates, blogposts }, null, 2)}\n`;
}

/**
 * Keeps the lockfile on disk in step with every success: each `update` is applied in memory and
 * written atomically (temp file + rename), one write at a time, so a crash leaves the last complete
 * state and never a partial file.
 */
export class LockfileWriter {
  private chain: Promise<void> = Promise.resolve();
  private pending = false;
  constructor(
    readonly file: string,
    private lock: Lockfile,
  ) {}

  get current(): Lockfile {
    return this.lock;
  }

  update(change: (lock: Lockfile) => Lockfile): Promise<void> {
    this.lock = change(this.lock);
    if (this.pending) return this.chain;
    this.pending = true;
    this.chain = this.chain.then(async () => {
      this.pending = false;
      await writeFileAtomic(this.file, serializeLockfile(this.lock));
    });
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
