import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LockState, type LockChange } from '../../src/lockfile/changes.js';
import { journalOf, LockfileError, LockfileWriter, readLockfile, serializeLockfile } from '../../src/lockfile/io.js';
import { emptyLockfile, type LockEntry, type Lockfile } from '../../src/lockfile/schema.js';

/**
 * The lockfile keeps up with every success through a journal of changes beside it, written whole
 * once at the end: a run stopped anywhere leaves lockfile + journal, which reading folds together.
 */
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-lock-'));
  file = join(dir, 'confluence-sync.lock.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (pageId: string, title: string, version = 1): LockEntry => ({
  pageId,
  title,
  parentId: '1',
  version,
  storageHash: `hash-${pageId}-${version}`,
  fingerprint: `fp-${pageId}-${version}`,
  labels: ['b', 'a'],
  attachments: {},
});

const header = { site: 'https://example.atlassian.net', space: 'DOCS', spaceId: '42' };

describe('LockState', () => {
  it('records a page, dropping its pending create and any other path of the same page id', () => {
    const lock = emptyLockfile();
    new LockState(lock).apply({ op: 'pending', path: 'a.md', title: 'A', storageHash: 'h' });
    expect(lock.pendingCreates).toEqual({ 'a.md': { title: 'A', storageHash: 'h' } });
    new LockState(lock).apply({ op: 'page', path: 'a.md', entry: entry('10', 'A') });
    expect(lock.pendingCreates).toEqual({});
    // The file moved: the same page under its new path, the old path forgotten.
    new LockState(lock).apply({ op: 'page', path: 'guide/a.md', entry: entry('10', 'A', 2) });
    expect(Object.keys(lock.pages)).toEqual(['guide/a.md']);
    expect(lock.pages['guide/a.md']!.version).toBe(2);
  });

  it('forgets a page id everywhere, or only at one path', () => {
    const lock = emptyLockfile();
    lock.pages = { 'a.md': entry('10', 'A'), 'b.md': entry('10', 'A'), 'c.md': entry('11', 'C') };
    new LockState(lock).apply({ op: 'forget', pageId: '10', path: 'b.md' });
    expect(Object.keys(lock.pages)).toEqual(['a.md', 'c.md']);
    new LockState(lock).apply({ op: 'forget', pageId: '10' });
    expect(Object.keys(lock.pages)).toEqual(['c.md']);
    // A path now used by another page is left alone.
    new LockState(lock).apply({ op: 'forget', pageId: '99', path: 'c.md' });
    expect(Object.keys(lock.pages)).toEqual(['c.md']);
  });

  it('records and forgets blog posts by id', () => {
    const lock = emptyLockfile();
    const post = { blogPostId: '7', title: 'News', version: 1, fileHash: 'x', attachments: {} };
    new LockState(lock).apply({ op: 'blogpost', path: 'blog/2026-01-01-news.md', entry: post });
    new LockState(lock).apply({ op: 'blogpost', path: 'blog/2026-01-02-news.md', entry: { ...post, version: 2 } });
    expect(Object.keys(lock.blogposts!)).toEqual(['blog/2026-01-02-news.md']);
    new LockState(lock).apply({ op: 'forget-blogpost', blogPostId: '7' });
    expect(lock.blogposts).toEqual({});
  });

  it('gives the same lockfile when a sequence of changes is applied again (a journal replayed twice)', () => {
    const changes: LockChange[] = [
      { op: 'header', ...header },
      { op: 'pending', path: 'a.md', title: 'A' },
      { op: 'page', path: 'a.md', entry: entry('10', 'A') },
      { op: 'page', path: 'b.md', entry: entry('11', 'B') },
      { op: 'page', path: 'moved/a.md', entry: entry('10', 'A', 2) },
      { op: 'forget', pageId: '11' },
      { op: 'pending', path: 'c.md', title: 'C' },
    ];
    const once = emptyLockfile();
    const state = new LockState(once);
    for (const c of changes) state.apply(c);
    const twice = structuredClone(once);
    const again = new LockState(twice);
    for (const c of changes) again.apply(c);
    expect(twice).toEqual(once);
    expect(Object.keys(once.pages)).toEqual(['moved/a.md']);
    expect(once.pendingCreates).toEqual({ 'c.md': { title: 'C' } });
  });

  it('forgets a page id only where it still is: a path since given to another page is kept', () => {
    const lock = emptyLockfile();
    const state = new LockState(lock);
    state.apply({ op: 'page', path: 'a.md', entry: entry('10', 'A') });
    state.apply({ op: 'page', path: 'a.md', entry: entry('11', 'A') });
    state.apply({ op: 'forget', pageId: '10' });
    expect(Object.keys(lock.pages)).toEqual(['a.md']);
    expect(lock.pages['a.md']!.pageId).toBe('11');
  });

  it('gives, for any sequence of changes, what looking every record up by scanning gives', () => {
    // The reference: each change applied by scanning every record for the page (or post) id.
    const scan = (lock: Lockfile, change: LockChange) => {
      const pathsOf = <E>(records: Record<string, E>, id: string, idOf: (e: E) => string) => Object.keys(records).filter((k) => idOf(records[k]!) === id);
      if (change.op === 'page') {
        for (const k of pathsOf(lock.pages, change.entry.pageId, (e) => e.pageId)) if (k !== change.path) delete lock.pages[k];
        lock.pages[change.path] = change.entry;
        delete lock.pendingCreates[change.path];
      } else if (change.op === 'forget') {
        for (const k of pathsOf(lock.pages, change.pageId, (e) => e.pageId)) if (change.path === undefined || k === change.path) delete lock.pages[k];
      } else if (change.op === 'blogpost') {
        const posts = (lock.blogposts ??= {});
        for (const k of pathsOf(posts, change.entry.blogPostId, (e) => e.blogPostId)) if (k !== change.path) delete posts[k];
        posts[change.path] = change.entry;
      } else if (change.op === 'forget-blogpost') {
        if (lock.blogposts) for (const k of pathsOf(lock.blogposts, change.blogPostId, (e) => e.blogPostId)) delete lock.blogposts[k];
      } else if (change.op === 'pending') {
        lock.pendingCreates[change.path] = { title: change.title };
      }
    };
    const path = fc.constantFrom('a.md', 'b.md', 'c.md', 'guide/a.md');
    const id = fc.constantFrom('10', '11', '12');
    const change: fc.Arbitrary<LockChange> = fc.oneof(
      fc.record({ op: fc.constant('page' as const), path, entry: fc.tuple(id, fc.nat(5)).map(([i, v]) => entry(i, 'T', v + 1)) }),
      fc.record({ op: fc.constant('forget' as const), pageId: id, path: fc.option(path, { nil: undefined }) }).map((c) => (c.path === undefined ? { op: c.op, pageId: c.pageId } : c)),
      fc.record({ op: fc.constant('blogpost' as const), path, entry: id.map((i) => ({ blogPostId: i, title: 'P', version: 1, fileHash: 'x', attachments: {} })) }),
      fc.record({ op: fc.constant('forget-blogpost' as const), blogPostId: id }),
      fc.record({ op: fc.constant('pending' as const), path, title: fc.constant('T') }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), fc.integer({ min: 0, max: 30 }), (changes, split) => {
        const expected = emptyLockfile();
        for (const c of changes) scan(expected, c);
        // Half the changes applied by one state, the rest by another built on its result (a replayed journal, then a writer).
        const actual = emptyLockfile();
        const first = new LockState(actual);
        for (const c of changes.slice(0, split)) first.apply(c);
        const second = new LockState(actual);
        for (const c of changes.slice(split)) second.apply(c);
        expect(actual.pages).toEqual(expected.pages);
        expect(actual.blogposts ?? {}).toEqual(expected.blogposts ?? {});
        expect(actual.pendingCreates).toEqual(expected.pendingCreates);
      }),
      { numRuns: 500 },
    );
  });
});

describe('LockfileWriter', () => {
  it('writes nothing, not even a journal, when nothing is recorded', async () => {
    const writer = new LockfileWriter(file, emptyLockfile(), header);
    await writer.close();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(journalOf(file))).toBe(false);
  });

  it('appends every change to the journal as it is recorded, and writes the lockfile whole on close', async () => {
    const writer = new LockfileWriter(file, emptyLockfile(), header);
    await writer.record({ op: 'pending', path: 'a.md', title: 'A' });
    await writer.record({ op: 'page', path: 'a.md', entry: entry('10', 'A') });
    const lines = readFileSync(journalOf(file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as LockChange);
    expect(lines.map((l) => l.op)).toEqual(['header', 'pending', 'page']);
    expect(existsSync(file)).toBe(false);
    await writer.close();
    expect(existsSync(journalOf(file))).toBe(false);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(serializeLockfile(writer.current));
    expect(await readLockfile(file)).toEqual({ lockfileVersion: 1, ...header, pages: { 'a.md': { ...entry('10', 'A'), labels: ['a', 'b'] } }, pendingCreates: {} });
  });

  it('groups changes recorded while an append is in flight, and loses none', async () => {
    const writer = new LockfileWriter(file, emptyLockfile(), header);
    await Promise.all(Array.from({ length: 500 }, (_, i) => writer.record({ op: 'page', path: `p${i}.md`, entry: entry(String(100 + i), `P${i}`) })));
    const lines = readFileSync(journalOf(file), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(501);
    // Stopped here (no close): reading gives every record.
    expect(Object.keys((await readLockfile(file)).pages)).toHaveLength(500);
  });

  it('does not change the lockfile it was given', async () => {
    const lock = emptyLockfile();
    const writer = new LockfileWriter(file, lock, header);
    await writer.record({ op: 'page', path: 'a.md', entry: entry('10', 'A') });
    expect(lock).toEqual(emptyLockfile());
    await writer.close();
  });

  it('reports a journal that cannot be written on record and on close', async () => {
    const writer = new LockfileWriter(join(dir, 'missing-folder', 'lock.json'), emptyLockfile(), header);
    await expect(writer.record({ op: 'pending', path: 'a.md', title: 'A' })).rejects.toThrow(/ENOENT/);
    await expect(writer.close()).rejects.toThrow(/ENOENT/);
  });
});

describe('readLockfile with a journal (a run that stopped)', () => {
  const before: Lockfile = { lockfileVersion: 1, ...header, pages: { 'old.md': entry('5', 'Old') }, pendingCreates: {} };

  async function stoppedRun(): Promise<Lockfile> {
    writeFileSync(file, serializeLockfile(before));
    const writer = new LockfileWriter(file, before, header);
    await writer.record({ op: 'pending', path: 'a.md', title: 'A', storageHash: 'h' });
    await writer.record({ op: 'page', path: 'a.md', entry: entry('10', 'A') });
    await writer.record({ op: 'forget', pageId: '5', path: 'old.md' });
    return structuredClone(writer.current) as Lockfile;
  }

  it('applies the journal to the lockfile', async () => {
    const expected = await stoppedRun();
    expect(await readLockfile(file)).toEqual(expected);
  });

  it('applies a journal whose lockfile was never written (the first run stopped)', async () => {
    const writer = new LockfileWriter(file, emptyLockfile(), header);
    await writer.record({ op: 'pending', path: 'a.md', title: 'A' });
    expect(existsSync(file)).toBe(false);
    expect(await readLockfile(file)).toEqual({ lockfileVersion: 1, ...header, pages: {}, pendingCreates: { 'a.md': { title: 'A' } } });
  });

  it('ignores a last line cut short by the stop', async () => {
    const expected = await stoppedRun();
    appendFileSync(journalOf(file), '{"op":"page","path":"b.md","entry":{"pageId":"1');
    expect(await readLockfile(file)).toEqual(expected);
  });

  it('names the journal and line of a bad change before the last, and says what to do', async () => {
    await stoppedRun();
    const text = readFileSync(journalOf(file), 'utf8').split('\n');
    text.splice(1, 0, '{"op":"page","path":"b.md","entry":{"pageId":"x"}}');
    writeFileSync(journalOf(file), text.join('\n'));
    const error = await readLockfile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockfileError);
    expect((error as Error).message).toContain(`${journalOf(file)}:2: not a lockfile change`);
    expect((error as Error).message).toContain('Delete the journal');
  });

  it('reads the same state while a run finishes: the lockfile written whole and its journal not yet removed', async () => {
    const expected = await stoppedRun();
    const journal = readFileSync(journalOf(file), 'utf8');
    await new LockfileWriter(file, await readLockfile(file), header).close();
    // What a reader that read the journal just before it was removed sees with the new lockfile.
    writeFileSync(journalOf(file), journal);
    expect(await readLockfile(file)).toEqual(expected);
  });

  it('folds a journal left by a stopped run into the lockfile on the next close, even with nothing new', async () => {
    const expected = await stoppedRun();
    const next = new LockfileWriter(file, await readLockfile(file), header);
    await next.close();
    expect(existsSync(journalOf(file))).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(serializeLockfile(expected)));
  });
});
