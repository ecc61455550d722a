import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLockfile } from '../../src/lockfile/io.js';
import type { Lockfile } from '../../src/lockfile/schema.js';
import { FIXTURE, normalizeBody, push, remoteState, startPushEnv, Workspace, type PushEnv, type RemotePageState } from './push-helpers.js';

/** The temporary folders of push runs in the CLI's TMPDIR. */
const spools = (pe: PushEnv): string[] => readdirSync(pe.tmp).filter((name) => name.startsWith('confluence-sync-'));

/**
 * Crash safety: a push SIGKILLed at many points, then run again, must end exactly where an
 * uninterrupted push ends: the same pages (no duplicates), titles, parents, versions, bodies,
 * labels, attachments and markers; a valid lockfile that describes them; page IDs in the files;
 * and a following push with nothing to do.
 *
 * The kill points are request counts: the child is killed as soon as the emulator has received the
 * k-th request. With the emulator's latency, other requests are in flight at that moment; the
 * emulator still carries out every request it received (as Confluence would after the client
 * died), so both "died before sending" and "died after the write landed, before the answer" occur.
 */

// A 12-page subset of the demo tree: nesting, an explicit parent, labels, images, a linked file.
const SUBSET = /^(index\.md|contributing\.md|getting-started\/.*|guides\/README\.md|guides\/flags\/.*)$/;
const inSubset = (path: string) => !path.endsWith('.md') || SUBSET.test(path);
const LATENCY = { latencyMs: 4, jitterMs: 4 };
const ORPHANS = ['--orphans', 'delete'];

/** Local edits made after a first push, for the interrupted-update scenario. */
function editTree(ws: Workspace): void {
  ws.write('getting-started/quickstart.md', ws.read('getting-started/quickstart.md').replace('In ten minutes', 'In about ten minutes').replace('## 4. Read it from code', '![The flag in the UI](images/ui.png)\n\n## 4. Read it from code'));
  writeFileSync(join(ws.docs, 'getting-started/images/ui.png'), readFileSync(join(FIXTURE, 'assets/dashboard.png')));
  ws.write('guides/flags/kill-switches.md', ws.read('guides/flags/kill-switches.md').replace('labels: [flags, operations, incident]', 'labels: [flags, incident, on-call]'));
  ws.write('guides/flags/targeting-rules.md', ws.read('guides/flags/targeting-rules.md').replace('title: Targeting rules', 'title: Targeting'));
  ws.write('guides/flags/creating-flags.md', ws.read('guides/flags/creating-flags.md').replace('## Naming', '## Naming flags'));
  // A changed image under the same name: a new attachment version, no page version.
  writeFileSync(join(ws.docs, 'guides/flags/images/rollout-chart.png'), readFileSync(join(FIXTURE, 'guides/flags/images/flag-lifecycle.png')));
  renameSync(join(ws.docs, 'contributing.md'), join(ws.docs, 'guides/contributing.md'));
  ws.write('guides/contributing.md', ws.read('guides/contributing.md').replace('parent: getting-started/index.md\n', '').replaceAll('](getting-started/', '](../getting-started/'));
  unlinkSync(join(ws.docs, 'getting-started/configuration.md'));
}

interface Outcome {
  readonly pages: Map<string, Omit<RemotePageState, 'id' | 'versionMessage'> & { versionMessage: string }>;
  /** The lockfile with page IDs replaced by titles (IDs differ between emulators). */
  readonly lock: unknown;
  /** Markdown files with their pageId replaced by the page's title. */
  readonly files: Record<string, string>;
}

async function outcome(pe: PushEnv, ws: Workspace): Promise<Outcome> {
  const remote = await remoteState(pe);
  const titleOf = new Map([...remote.values()].map((p) => [p.id, p.title]));
  const pages = new Map([...remote].map(([title, p]) => [title, { ...p, id: undefined, body: normalizeBody(p.body) }]));
  for (const p of pages.values()) delete (p as { id?: string }).id;
  const lock: Lockfile = ws.lock();
  const files: Record<string, string> = {};
  for (const path of Object.keys(lock.pages)) {
    if (path.endsWith('/')) continue;
    files[path] = ws.read(path).replace(/^pageId: "(\d+)"$/m, (_, id: string) => `pageId: <${titleOf.get(id)}>`);
  }
  return {
    pages: pages as Outcome['pages'],
    lock: {
      ...lock,
      site: undefined,
      spaceId: undefined,
      pages: Object.fromEntries(Object.entries(lock.pages).map(([path, e]) => [path, { ...e, pageId: titleOf.get(e.pageId), parentId: e.parentId && titleOf.get(e.parentId) }])),
    },
    files,
  };
}

/** What every finished run must satisfy on its own. */
function checkConsistent(o: Outcome, ws: Workspace): void {
  expect(ws.lock().pendingCreates).toEqual({});
  const recorded = (o.lock as { pages: Record<string, { pageId: string; version: number }> }).pages;
  for (const [path, entry] of Object.entries(recorded)) {
    // entry.pageId is the title of the page the recorded ID belongs to (see outcome()).
    const page = o.pages.get(entry.pageId);
    expect(page, `${path} is recorded as a page that exists`).toBeDefined();
    expect(entry.version, `${path}: recorded version`).toBe(page!.version);
    if (!path.endsWith('/')) expect(o.files[path], `${path} carries its page ID`).toContain(`pageId: <${entry.pageId}>`);
  }
}

describe.each([
  { scenario: 'first push (creates)', prepare: undefined as ((pe: PushEnv, ws: Workspace) => Promise<void>) | undefined, points: 7 },
  {
    scenario: 'push of local changes (updates, rename, move, image, labels, orphan delete)',
    prepare: async (pe: PushEnv, ws: Workspace) => {
      const first = await push(pe, ws, ORPHANS);
      expect(first.code).toBe(0);
      editTree(ws);
    },
    points: 3,
  },
])('a push killed at many points, then run again: $scenario', ({ prepare, points }) => {
  let reference: Outcome;
  let requests = 0;
  beforeAll(async () => {
    const pe = await startPushEnv();
    const ws = new Workspace(inSubset);
    try {
      await prepare?.(pe, ws);
      const r = await push(pe, ws, ORPHANS);
      expect(r.code, r.stderr).toBe(0);
      requests = r.requests.total;
      reference = await outcome(pe, ws);
      checkConsistent(reference, ws);
      expect((await push(pe, ws, ORPHANS)).requests.writes).toBe(0);
      // A push that ends removes its temporary file (the Markdown it renders, docs/push.md).
      expect(spools(pe)).toEqual([]);
    } finally {
      ws.dispose();
      await pe.close();
    }
  });

  // Kill points spread over the uninterrupted run's requests, from the first to the last.
  const killPoints = Array.from({ length: points }, (_, i) => i);
  it.each(killPoints)('kill point %i of ' + String(points), async (i) => {
    const killAt = 1 + Math.floor((i * (requests - 2)) / (points - 1));
    const pe = await startPushEnv();
    const ws = new Workspace(inSubset);
    try {
      await prepare?.(pe, ws);
      // Latency only while the push to be killed runs: requests are in flight when it dies.
      pe.h.emulator.faults.configure(LATENCY);
      const killed = await push(pe, ws, { args: ORPHANS, killAt });
      pe.h.emulator.faults.configure({ latencyMs: 0, jitterMs: 0 });
      expect(killed.killed, `killed at request ${killAt} of ${requests}`).toBe(true);
      expect(killed.code).toBeNull();
      // Whenever the process dies, the lockfile and its journal read as a valid lockfile.
      await readLockfile(ws.lockPath);
      // A killed push may leave its temporary file behind; the runs after it leave none of theirs.
      const left = spools(pe);

      const rerun = await push(pe, ws, ORPHANS);
      expect(rerun.code, `rerun after a kill at request ${killAt}:\n${rerun.stdout}\n${rerun.stderr}`).toBe(0);
      const after = await outcome(pe, ws);
      checkConsistent(after, ws);
      expect({ killAt, ...after }).toEqual({ killAt, ...reference });

      const third = await push(pe, ws, ORPHANS);
      expect(third.code).toBe(0);
      expect(third.requests.writes, `a push after the recovery writes nothing (kill at ${killAt})`).toBe(0);
      expect(spools(pe)).toEqual(left);
    } finally {
      ws.dispose();
      await pe.close();
    }
  });
});
