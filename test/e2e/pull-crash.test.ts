import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/tree/read.js';
import { fixtureBody, pullCli, pushCli, PullWorkspace, seed } from './pull-helpers.js';
import { startPushEnv, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * A pull killed (SIGKILL) while it writes files: every file is whole (the old one or the new one),
 * and running pull again ends exactly where an uninterrupted pull ends, lockfile included.
 */
const bin = fileURLToPath(new URL('../../bin/confluence-sync.js', import.meta.url));
const BODIES = ['code-macro', 'table-simple', 'task-list-cloud', 'links-external', 'lists-loose-cloud', 'expand-macro', 'panel-macros', 'headings-and-paragraphs'];

/** 8 sections of 15 pages, with 2 children each for the first five: 8 + 120 + 80 = 208 pages. */
function bigSeed(): unknown {
  let n = 0;
  const page = (title: string, children: unknown[] = []) => ({ title, body: fixtureBody(BODIES[n++ % BODIES.length]!), children });
  return {
    spaces: [
      {
        key: 'BIG',
        name: 'Big',
        pages: Array.from({ length: 8 }, (_, s) =>
          page(
            `Section ${s}`,
            Array.from({ length: 15 }, (_, p) => page(`Page ${s}.${p}`, p < 5 ? [page(`Leaf ${s}.${p}.a`), page(`Leaf ${s}.${p}.b`)] : [])),
          ),
        ),
      },
    ],
  };
}

let pe: PushEnv;
beforeEach(async () => {
  pe = await startPushEnv();
  await seed(pe, bigSeed());
});
afterEach(async () => {
  await pe.close();
});

/** Starts `pull` and SIGKILLs it the moment the lockfile is first written (some pages are written, others not). */
function killedPull(ws: PullWorkspace): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'pull', '--space', 'BIG', '--docs', 'docs'], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', ...pe.env }, stdio: 'ignore' });
    let killed = false;
    const watcher = watch(ws.dir, (_event, name) => {
      if (!killed && name?.startsWith('confluence-sync.lock.json')) killed = child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => {
      watcher.close();
      resolve({ killed });
    });
  });
}

describe('an interrupted pull', () => {
  it('leaves whole files, and a rerun ends where an uninterrupted pull ends', async () => {
    const reference = new PullWorkspace();
    const ws = new PullWorkspace();
    try {
      const full = await pullCli(pe, reference, 'BIG');
      expect(full.code, full.stderr).toBe(0);
      const expected = reference.snapshot();
      expect(Object.keys(expected).filter((p) => p.endsWith('.md'))).toHaveLength(208);

      const { killed } = await killedPull(ws);
      expect(killed).toBe(true);
      const partial = ws.snapshot();
      const partialFiles = Object.keys(partial).filter((p) => p.startsWith('docs/') && p.endsWith('.md'));
      // Part of the tree was written before the kill, and each file that is there is whole.
      expect(partialFiles.length).toBeGreaterThan(0);
      expect(partialFiles.length).toBeLessThan(208);
      for (const path of partialFiles) expect(partial[path]!.sha256, path).toBe(expected[path]!.sha256);

      const rerun = await pullCli(pe, ws, 'BIG', ['--json']);
      expect(rerun.code, rerun.stderr).toBe(0);
      const after = ws.snapshot();
      // Files and lockfile byte for byte (the conversion cache is not content: it only has to exist).
      const content = (snapshot: typeof after) => Object.fromEntries(Object.entries(snapshot).filter(([p]) => !p.startsWith('.confluence-sync/')).map(([p, f]) => [p, f.sha256]));
      expect(content(after)).toEqual(content(expected));
      expect(Object.keys(after)).toContain('.confluence-sync/cache.json');
      for (const path of Object.keys(after).filter((p) => p.endsWith('.md'))) expect('file' in parseSource(path, ws.read(path.slice('docs/'.length)))).toBe(true);

      const push = await pushCli(pe, ws, 'BIG');
      expect(writesByRoute(push.requests), push.stdout).toEqual({});
    } finally {
      reference.dispose();
      ws.dispose();
    }
  }, 180_000);

  it('finds its pages whose file is in a folder the killed pull made for a parent it had not written yet', async () => {
    // What a pull killed at another moment leaves: leaves written, none of their parents' index.md
    // files, no lockfile. The folders are the pages' own, not names in use.
    const reference = new PullWorkspace();
    const ws = new PullWorkspace();
    try {
      const full = await pullCli(pe, reference, 'BIG');
      expect(full.code, full.stderr).toBe(0);
      for (const path of ['section-1/page-1-0/leaf-1-0-a.md', 'section-1/page-1-0/leaf-1-0-b.md', 'section-1/page-1-13.md', 'section-2/page-2-13.md']) ws.write(path, reference.read(path));
      // A folder that also holds a file of the user's is a name in use: section 2 goes beside it.
      ws.write('section-2/notes.txt', 'mine\n');

      const rerun = await pullCli(pe, ws, 'BIG');
      expect(rerun.code, rerun.stderr).toBe(0);
      const content = (snapshot: ReturnType<PullWorkspace['snapshot']>) =>
        Object.fromEntries(Object.entries(snapshot).filter(([p]) => p.startsWith('docs/') && !p.startsWith('docs/section-2')).map(([p, f]) => [p, f.sha256]));
      expect(content(ws.snapshot())).toEqual(content(reference.snapshot()));
      expect(ws.read('section-2-2/page-2-13.md')).toBe(reference.read('section-2/page-2-13.md'));
      expect(ws.has('section-2/page-2-13.md')).toBe(false);
      expect(ws.read('section-2/notes.txt')).toBe('mine\n');
    } finally {
      reference.dispose();
      ws.dispose();
    }
  }, 180_000);
});
