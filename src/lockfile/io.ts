import { open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { writeFileAtomic } from '../tree/write-page-id.js';
import { LockState, lockChangeSchema, type LockChange } from './changes.js';
import { emptyLockfile, lockfileSchema, type LockEntry, type Lockfile } from './schema.js';

export class LockfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockfileError';
  }
}

/** Reads the lockfile; a missing file is an empty lockfile, a broken one an error saying what to do. */
export async function readLockfile(file: string): Promise<Lockfile> {
  // The journal first: a run that finishes meanwhile writes the lockfile whole and then removes the
  // journal, so a journal read first is either still to be folded in or already in the lockfile read
  // after it, where replaying it again changes nothing (changes are idempotent). Read the other way
  // round, a reader could see the old lockfile and no journal.
  const journal = await readJournal(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return replayJournal(file, journal, emptyLockfile());
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
  return replayJournal(file, journal, parsed.data);
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

/** The journal beside a lockfile: the changes recorded since the lockfile was last written whole. */
export const journalOf = (file: string): string => `${file}.journal`;

/** The journal's text, or undefined when there is none. */
async function readJournal(file: string): Promise<string | undefined> {
  const journal = journalOf(file);
  try {
    return await readFile(journal, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LockfileError(`Cannot read the lockfile's journal ${journal}: ${(error as Error).message}`);
  }
}

/**
 * Applies the journal (`text`, read from beside `file`) that a run left or is still writing to
 * `lock`. A last line cut short is ignored; any other bad line is an error naming it.
 */
function replayJournal(file: string, text: string | undefined, lock: Lockfile): Lockfile {
  if (text === undefined) return lock;
  const journal = journalOf(file);
  const lines = text.split('\n');
  const state = new LockState(lock);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const complete = index < lines.length - 1;
    let change: LockChange;
    try {
      change = lockChangeSchema.parse(JSON.parse(line));
    } catch (error) {
      if (!complete) break;
      const reason = error instanceof SyntaxError ? 'not valid JSON' : `not a lockfile change (${(error as Error).message.split('\n')[0]})`;
      throw new LockfileError(`${journal}:${index + 1}: ${reason}. Delete the journal: the next push finds the pages it recorded again by their markers.`);
    }
    state.apply(change);
  }
  return lock;
}

/**
 * Keeps the lockfile in step with every success without rewriting it each time: each change is
 * applied in memory and appended to the journal beside the lockfile (changes recorded while an
 * append is in flight go together in the next one), and `close` writes the lockfile whole
 * (temp file + rename) and removes the journal. A run that stops anywhere leaves the lockfile of
 * the last complete run plus a journal of every success since, which `readLockfile` applies.
 */
export class LockfileWriter {
  private readonly lock: Lockfile;
  private readonly state: LockState;
  private queue: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private handle: FileHandle | undefined;
  private changed = false;
  private scheduled = false;

  /** `lock` is the lockfile as read (the writer keeps its own copy); `header` says where its pages live. */
  constructor(
    readonly file: string,
    lock: Lockfile,
    private readonly header: { site?: string | undefined; space?: string | undefined; spaceId?: string | undefined } = {},
  ) {
    this.lock = structuredClone(lock);
    this.state = new LockState(this.lock);
  }

  /** The lockfile with every change recorded so far. */
  get current(): Readonly<Lockfile> {
    return this.lock;
  }

  /** Applies `change` now; resolves once it is on disk. */
  record(change: LockChange): Promise<void> {
    if (!this.changed) {
      this.changed = true;
      const header: LockChange = { op: 'header', ...definedOf(this.header) };
      this.state.apply(header);
      this.queue.push(JSON.stringify(header));
    }
    this.state.apply(change);
    this.queue.push(JSON.stringify(change));
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(() => this.append());
    }
    return this.chain;
  }

  private async append(): Promise<void> {
    // Changes recorded from here on go into the next append.
    this.scheduled = false;
    const lines = this.queue;
    this.queue = [];
    try {
      this.handle ??= await open(journalOf(this.file), 'a');
      await this.handle.appendFile(`${lines.join('\n')}\n`);
    } catch (error) {
      this.failure ??= error as Error;
      throw error;
    }
  }

  /** Writes the lockfile whole and removes the journal (nothing when nothing was recorded). */
  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
    if (this.failure) throw this.failure;
    // A journal an earlier run left is folded in too, even when this run recorded nothing.
    if (!this.changed && !(await stat(journalOf(this.file)).catch(() => undefined))) return;
    await writeFileAtomic(this.file, serializeLockfile(this.lock));
    await rm(journalOf(this.file), { force: true });
    this.changed = false;
  }
}

function definedOf<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
