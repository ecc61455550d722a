import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchEmulator, type RunningEmulator } from '../../src/emulator/launch.js';
import { defaultFidelity } from '../../src/emulator/options.js';
import {
  STATE_FORMAT,
  StateFileError,
  StateWriter,
  loadStateFile,
  nodeFs,
  serializeSites,
  tempPathFor,
  writeFileAtomic,
  type AtomicFs,
} from '../../src/emulator/persistence.js';
import type { Seed } from '../../src/emulator/seed.js';
import { applySeed } from '../../src/emulator/seed-apply.js';
import { Site } from '../../src/emulator/site.js';
import { collectionNames, decodeValue, encodeValue, restoreSite, snapshotSite, unsavedFields } from '../../src/emulator/state.js';
import { basicAuth, testCredentials } from './harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-persistence-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let fileCounter = 0;
const dataFile = () => join(dir, `state-${++fileCounter}.json`);

const user = { accountId: '557058:persist', email: 'p@example.com', displayName: 'P' };

const seed: Seed = {
  spaces: [
    {
      key: 'KEEP',
      name: 'Kept',
      properties: { 'space-prop': [1, 2] },
      pages: [
        {
          title: 'Parent',
          body: '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>i</p></ac:rich-text-body></ac:structured-macro>',
          labels: ['one', 'two'],
          properties: { p: { $type: 'Buffer', base64: 'not really' } },
          attachments: [{ filename: 'bin.dat', base64: Buffer.from([0, 1, 2, 255]).toString('base64') }],
          updates: [{ body: '<p>v2</p>' }],
          children: [{ type: 'folder', title: 'Folder', children: [{ title: 'Deep' }] }],
        },
      ],
      blogposts: [{ title: 'Post', body: '<p>b</p>' }],
    },
  ],
};

async function api(running: RunningEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const r = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: basicAuth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Json) : {} };
}

function freshSite(): Site {
  return new Site('cloud-p', 'persist', 'http://127.0.0.1:1', defaultFidelity, 1);
}

describe('state encoding', () => {
  it('round-trips Buffers, Sets, Maps, nested records and objects that have a $type key', () => {
    const value = {
      buffer: Buffer.from([0, 1, 254, 255]),
      set: new Set(['a', 'b']),
      map: new Map<string, unknown>([['k', { nested: new Set([1]) }]]),
      list: [1, 'two', null, { $type: 'Map', entries: 'user data' }],
      none: null,
      skipped: undefined,
    };
    const json = JSON.parse(JSON.stringify(encodeValue(value))) as unknown;
    expect(decodeValue(json)).toEqual({ ...value, skipped: undefined });
    expect(Object.keys(decodeValue(json) as object)).not.toContain('skipped');
  });

  it('refuses values it could not restore', () => {
    expect(() => encodeValue(new Date())).toThrow('cannot save a value of type Date');
    expect(() => encodeValue(Number.NaN)).toThrow('cannot save the number NaN');
    expect(() => decodeValue({ $type: 'Weird' })).toThrow("unknown saved type 'Weird'");
    expect(() => decodeValue({ $type: 'Map', entries: [[1]] })).toThrow('a saved Map entry is not a [key, value] pair');
  });

  it('saves every collection of a Site, and a Site holds no other state (add a Map or Set, or teach state.ts)', () => {
    const site = freshSite();
    expect(unsavedFields(site)).toEqual([]);
    expect(collectionNames(site)).toEqual(expect.arrayContaining(['spaces', 'content', 'attachments', 'labels', 'labelIdsByName', 'comments', 'tasks', 'customContent', 'users']));
  });

  it('restores a snapshot exactly: records, id counter and random position', () => {
    const site = freshSite();
    site.users.set(user.accountId, user);
    applySeed(site, user, seed);
    const snapshot = JSON.parse(JSON.stringify(snapshotSite(site))) as ReturnType<typeof snapshotSite>;
    const copy = freshSite();
    restoreSite(copy, snapshot);
    expect(snapshotSite(copy)).toEqual(snapshotSite(site));
    expect(copy.content).toEqual(site.content);
    expect(copy.attachments).toEqual(site.attachments);
    expect(copy.nextId()).toBe(site.nextId());
    expect(copy.uuid()).toBe(site.uuid());
  });
});

describe('--data FILE: load at start, write after changes', () => {
  it('writes the start data to a new file, then after restart serves the same pages, versions and ids', async () => {
    const file = dataFile();
    const first = await launchEmulator({ credentials: testCredentials, dataFile: file, seed, persistDelayMs: 5 });
    expect(first.startedFrom).toBe('seed');
    expect(existsSync(file)).toBe(true);
    const spaceId = first.emulator.defaultSite.spaceByKey('KEEP')!.id;
    const created = await api(first, 'POST', '/wiki/api/v2/pages', { spaceId, title: 'Written', body: { representation: 'storage', value: '<p>1</p>' } });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect((await api(first, 'PUT', `/wiki/api/v2/pages/${id}`, { id, status: 'current', title: 'Written', body: { representation: 'storage', value: '<p>2</p>' }, version: { number: 2 } })).status).toBe(200);
    const doomed = await api(first, 'POST', '/wiki/api/v2/pages', { spaceId, title: 'Doomed' });
    await api(first, 'DELETE', `/wiki/api/v2/pages/${doomed.body.id}`);
    await api(first, 'DELETE', `/wiki/api/v2/pages/${doomed.body.id}?purge=true`);
    const pagesBefore = await api(first, 'GET', '/wiki/api/v2/pages?limit=250&body-format=storage');
    await first.close();
    const before = snapshotSite(first.emulator.defaultSite);

    const saved = JSON.parse(await readFile(file, 'utf8')) as Json;
    expect(saved).toMatchObject({ format: STATE_FORMAT, version: 1, sites: [{ cloudId: first.cloudId }] });

    // A restart ignores the seed: the file wins.
    const second = await launchEmulator({ credentials: testCredentials, dataFile: file, seed: { spaces: [] }, persistDelayMs: 5 });
    try {
      expect(second.startedFrom).toBe('data-file');
      expect(snapshotSite(second.emulator.defaultSite)).toEqual(before);
      const pagesAfter = await api(second, 'GET', '/wiki/api/v2/pages?limit=250&body-format=storage');
      const strip = (list: Json) => list.results.map((p: Json) => ({ ...p, _links: undefined }));
      expect(strip(pagesAfter.body)).toEqual(strip(pagesBefore.body));
      const versions = await api(second, 'GET', `/wiki/api/v2/pages/${id}/versions`);
      expect(versions.body.results.map((v: Json) => v.number)).toEqual([2, 1]);
      // The id sequence continues after the purged page: no id is reused.
      const next = await api(second, 'POST', '/wiki/api/v2/pages', { spaceId, title: 'After restart' });
      expect(Number(next.body.id)).toBe(Number(doomed.body.id) + 1);
    } finally {
      await second.close();
    }
  });

  it('coalesces a burst of changes into one write', async () => {
    const file = dataFile();
    const running = await launchEmulator({ credentials: testCredentials, dataFile: file, demo: false, persistDelayMs: 1_000 });
    try {
      expect(running.dataWrites()).toBe(1);
      const space = await api(running, 'POST', '/wiki/api/v2/spaces', { key: 'BURST', name: 'Burst' });
      await running.flush();
      expect(running.dataWrites()).toBe(2);
      await Promise.all(Array.from({ length: 6 }, (_, i) => api(running, 'POST', '/wiki/api/v2/pages', { spaceId: space.body.id, title: `P${i}` })));
      await running.flush();
      expect(running.dataWrites()).toBe(3);
      // Reads change nothing and write nothing.
      await api(running, 'GET', '/wiki/api/v2/pages');
      await running.flush();
      expect(running.dataWrites()).toBe(3);
      const saved = JSON.parse(await readFile(file, 'utf8')) as Json;
      expect(JSON.stringify(saved)).toContain('"P5"');
    } finally {
      await running.close();
    }
  });

  it('flushes on close without waiting for the write delay, and saves admin changes too', async () => {
    const file = dataFile();
    const running = await launchEmulator({ credentials: testCredentials, dataFile: file, demo: false, persistDelayMs: 60_000 });
    const seeded = await fetch(`${running.url}/__emulator/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spaces: [{ key: 'ADM', name: 'Admin' }] }) });
    expect(seeded.status).toBe(201);
    await running.close();
    const site = freshSite();
    const restored = new Site(running.cloudId, 'x', 'http://x', defaultFidelity, 1);
    expect(await loadStateFile(file, [restored])).toBe(true);
    expect(restored.spaceByKey('ADM')?.name).toBe('Admin');
    expect(await loadStateFile(join(dir, 'never-written.json'), [site])).toBe(false);
  });

  it('refuses a data file it cannot use, naming the file and what to do', async () => {
    const site = new Site('cloud-p', 'persist', 'http://x', defaultFidelity, 1);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"format": ');
    await expect(loadStateFile(bad, [site])).rejects.toThrow(new RegExp(`^${escape(bad)}: not valid JSON \\(.+\\); restore it from a backup or delete it to start afresh$`));
    await writeFile(bad, JSON.stringify({ spaces: [] }));
    await expect(loadStateFile(bad, [site])).rejects.toThrow(
      `${bad}: not an emulator data file (format: Invalid input: expected "${STATE_FORMAT}"); point --data at a file the emulator wrote, or at a new path`,
    );
    await writeFile(bad, serializeSites([new Site('other-cloud', 'other', 'http://x', defaultFidelity, 1)]));
    await expect(loadStateFile(bad, [site])).rejects.toThrow(StateFileError);
    await expect(loadStateFile(bad, [site])).rejects.toThrow(`${bad}: holds site other-cloud ('other'), which this emulator does not serve`);
    const foreign = JSON.parse(serializeSites([site])) as Json;
    foreign.sites[0].collections.gadgets = { $type: 'Map', entries: [] };
    await writeFile(bad, JSON.stringify(foreign));
    await expect(loadStateFile(bad, [site])).rejects.toThrow(`${bad}: site cloud-p: the saved state has collections this emulator does not know: gadgets`);
    await expect(launchEmulator({ credentials: testCredentials, dataFile: bad })).rejects.toThrow(StateFileError);
  });
});

describe('atomic writes: a crash at any point leaves the old file or the new one', () => {
  const old = 'OLD CONTENTS\n';

  async function withOldFile(): Promise<string> {
    const file = dataFile();
    await writeFile(file, old);
    return file;
  }

  /** The real file operations, recording each call. */
  function spy(overrides: Partial<AtomicFs> = {}): { fs: AtomicFs; calls: string[] } {
    const calls: string[] = [];
    const fs: AtomicFs = {
      writeFile: async (path, data) => {
        calls.push(`writeFile ${path}`);
        return (overrides.writeFile ?? nodeFs.writeFile)(path, data);
      },
      rename: async (from, to) => {
        calls.push(`rename ${from} -> ${to}`);
        return (overrides.rename ?? nodeFs.rename)(from, to);
      },
      unlink: async (path) => {
        calls.push(`unlink ${path}`);
        return (overrides.unlink ?? nodeFs.unlink)(path);
      },
    };
    return { fs, calls };
  }

  it('writes a temporary file in the same directory and renames it over the target, never writing the target itself', async () => {
    const file = await withOldFile();
    const { fs, calls } = spy();
    await writeFileAtomic(file, 'NEW\n', fs);
    expect(await readFile(file, 'utf8')).toBe('NEW\n');
    expect(calls).toHaveLength(2);
    const temp = calls[0]!.replace(/^writeFile /, '');
    expect(temp).not.toBe(file);
    expect(dirname(temp)).toBe(dirname(file));
    expect(calls[1]).toBe(`rename ${temp} -> ${file}`);
    expect(existsSync(temp)).toBe(false);
  });

  it('keeps the old file when the process dies in the middle of writing the temporary file', async () => {
    const file = await withOldFile();
    const { fs } = spy({
      writeFile: async (path, data) => {
        await writeFile(path, data.slice(0, 3));
        throw new Error('killed mid-write');
      },
    });
    await expect(writeFileAtomic(file, 'NEW CONTENTS\n', fs)).rejects.toThrow('killed mid-write');
    expect(await readFile(file, 'utf8')).toBe(old);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old file when the rename fails', async () => {
    const file = await withOldFile();
    const { fs, calls } = spy({
      rename: async () => {
        throw new Error('EXDEV');
      },
    });
    await expect(writeFileAtomic(file, 'NEW\n', fs)).rejects.toThrow('EXDEV');
    expect(await readFile(file, 'utf8')).toBe(old);
    expect(calls.at(-1)).toMatch(/^unlink /);
  });

  it('loads the old state when a crash left a finished temporary file that was never renamed', async () => {
    const file = dataFile();
    const site = new Site('cloud-p', 'persist', 'http://x', defaultFidelity, 1);
    site.users.set(user.accountId, user);
    applySeed(site, user, { spaces: [{ key: 'OLD', name: 'Old state' }] });
    await writeFileAtomic(file, serializeSites([site]));
    applySeed(site, user, { spaces: [{ key: 'NEW', name: 'New state' }] });
    await nodeFs.writeFile(tempPathFor(file), serializeSites([site]));
    const loaded = new Site('cloud-p', 'persist', 'http://x', defaultFidelity, 1);
    await loadStateFile(file, [loaded]);
    expect([...loaded.spaces.values()].map((s) => s.key)).toEqual(['OLD']);
  });
});

describe('StateWriter', () => {
  function memoryFs(): { fs: AtomicFs; files: Map<string, string>; renames: number } {
    const files = new Map<string, string>();
    const state = { fs: undefined as unknown as AtomicFs, files, renames: 0 };
    state.fs = {
      writeFile: async (path, data) => void files.set(path, data),
      rename: async (from, to) => {
        state.renames += 1;
        files.set(to, files.get(from)!);
        files.delete(from);
      },
      unlink: async (path) => void files.delete(path),
    };
    return state;
  }

  it('writes once for any number of changes before the delay, and not at all without changes', async () => {
    const memory = memoryFs();
    let n = 0;
    const writer = new StateWriter('/data/state.json', () => `state ${++n}`, { delayMs: 1_000, fs: memory.fs });
    await writer.flush();
    expect(writer.writes).toBe(0);
    for (let i = 0; i < 100; i++) writer.schedule();
    await writer.flush();
    expect(writer.writes).toBe(1);
    expect(memory.files.get('/data/state.json')).toBe('state 1');
    await writer.flush();
    expect(writer.writes).toBe(1);
  });

  it('writes again after a write when changes came in during it', async () => {
    const memory = memoryFs();
    let release: () => void = () => undefined;
    const slow: AtomicFs = {
      ...memory.fs,
      writeFile: async (path, data) => {
        await new Promise<void>((resolve) => (release = resolve));
        return memory.fs.writeFile(path, data);
      },
    };
    let n = 0;
    const writer = new StateWriter('/data/state.json', () => `state ${++n}`, { delayMs: 0, fs: slow });
    writer.schedule();
    await new Promise((resolve) => setTimeout(resolve, 20));
    writer.schedule(); // during the first write
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await writer.flush();
    expect(writer.writes).toBe(2);
    expect(memory.files.get('/data/state.json')).toBe('state 2');
  });

  it('reports a failed write and succeeds on the next change', async () => {
    const memory = memoryFs();
    const failures: string[] = [];
    let fail = true;
    const flaky: AtomicFs = {
      ...memory.fs,
      rename: async (from, to) => {
        if (fail) throw new Error('disk full');
        return memory.fs.rename(from, to);
      },
    };
    const writer = new StateWriter('/data/state.json', () => 'contents', { delayMs: 0, fs: flaky, onError: (e) => failures.push(e.message) });
    writer.schedule();
    await writer.flush();
    expect(failures).toEqual(['disk full']);
    expect(writer.writes).toBe(0);
    fail = false;
    writer.schedule();
    await writer.flush();
    expect(writer.writes).toBe(1);
    expect(memory.files.get('/data/state.json')).toBe('contents');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
