import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { push, startPushEnv, writesByRoute, Workspace, type PushEnv } from './push-helpers.js';

/**
 * `push --folders folder`: a folder without an index file becomes a Confluence folder. The built
 * CLI against its own emulator per test; the hierarchy is read back through the API's
 * direct-children routes (the only way to see folders: the page listing never shows them).
 */
let pe: PushEnv;
let ws: Workspace;

function write(path: string, text: string): void {
  const file = join(ws.docs, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(async () => {
  pe = await startPushEnv();
  ws = new Workspace(() => false);
  rmSync(ws.docs, { recursive: true, force: true });
  write('index.md', '# Docs home\n\nWelcome.\n');
  write('guide/setup.md', '# Setup\n\nInstall it.\n');
  write('guide/deep/run.md', '# Run\n\nRun it.\n');
  write('ref/api.md', '# API\n\nSee [setup](../guide/setup.md).\n');
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

interface Child {
  id: string;
  type: string;
  title: string;
  status: string;
}

/** The tree under the space homepage: `title` for a page, `[title]` for a folder, children indented, by title. */
async function hierarchy(env: PushEnv = pe): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (id: string, type: string, depth: number): Promise<void> => {
    const r = await env.h.call('GET', `/wiki/api/v2/${type === 'folder' ? 'folders' : 'pages'}/${id}/direct-children?limit=250`);
    expect(r.status).toBe(200);
    const children = (r.body as { results: Child[] }).results.sort((a, b) => a.title.localeCompare(b.title));
    for (const child of children) {
      lines.push(`${'  '.repeat(depth)}${child.type === 'folder' ? `[${child.title}]` : child.title}`);
      await walk(child.id, child.type, depth + 1);
    }
  };
  await walk(env.h.homepageId, 'page', 0);
  return lines;
}

const FOLDERS = ['--folders', 'folder'];
const FOLDER_TREE = ['Docs home', '  [guide]', '    [deep]', '      Run', '    Setup', '  [ref]', '    API'];

describe('push --folders folder', () => {
  it('publishes folders without an index file as Confluence folders, and a second push writes nothing', async () => {
    const first = await push(pe, ws, FOLDERS);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\+ guide\/ {2}create folder "guide"/);
    expect(writesByRoute(first.requests)).toMatchObject({ 'POST /wiki/api/v2/folders': 3, 'POST /wiki/api/v2/pages': 4, 'POST /wiki/api/v2/folders/{id}/properties': 3 });
    expect(await hierarchy()).toEqual(FOLDER_TREE);
    const lock = ws.lock();
    expect(lock.pages['guide/']).toMatchObject({ kind: 'folder', title: 'guide', version: 1 });
    expect(lock.pages['guide/deep/']?.parentId).toBe(lock.pages['guide/']?.pageId);
    // Folders have no file to write a pageId into; pages do.
    expect(ws.read('guide/setup.md')).toMatch(/^---\npageId: "?\d+"?\n---\n/);

    const second = await push(pe, ws, FOLDERS);
    expect(second.code, second.stderr).toBe(0);
    expect(second.requests.writes).toBe(0);
    // The space, one listing of the pages, and one GET per folder (the API cannot list folders).
    expect(second.requests.total).toBe(2 + 3);
    expect(second.requests.byRoute['GET /wiki/api/v2/folders/{id}']).toBe(3);
  });

  it('finds its folders by their marker without the lockfile, and makes no second folder or page', async () => {
    expect((await push(pe, ws, FOLDERS)).code).toBe(0);
    unlinkSync(ws.lockPath);
    const again = await push(pe, ws, FOLDERS);
    expect(again.code, again.stderr).toBe(0);
    expect(again.requests.writes).toBe(0);
    expect(await hierarchy()).toEqual(FOLDER_TREE);
    expect(ws.lock().pages['guide/deep/']).toMatchObject({ kind: 'folder' });
  });

  it('replaces a folder whose parent changed (folders cannot be moved), moving its pages into the new one', async () => {
    expect((await push(pe, ws, FOLDERS)).code).toBe(0);
    const oldDeep = ws.lock().pages['guide/deep/']!.pageId;
    write('guide/index.md', '# Guide\n\nThe guide.\n');
    const r = await push(pe, ws, [...FOLDERS, '--orphans', 'delete']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ guide\/deep\/ {2}create folder "deep" in place of folder \d+/);
    expect(r.stdout).toMatch(/- guide\/ {2}delete folder "guide"/);
    expect(await hierarchy()).toEqual(['Docs home', '  Guide', '    [deep]', '      Run', '    Setup', '  [ref]', '    API']);
    const gone = await pe.h.call('GET', `/wiki/api/v2/folders/${oldDeep}`);
    expect((gone.body as { status: string }).status).toBe('trashed');
    const lock = ws.lock();
    expect(lock.pages['guide/']).toBeUndefined();
    expect(lock.pages['guide/index.md']).toMatchObject({ title: 'Guide' });
    expect(lock.pages['guide/deep/']!.pageId).not.toBe(oldDeep);
    const again = await push(pe, ws, FOLDERS);
    expect(again.requests.writes).toBe(0);
  });

  it('deletes an orphaned folder after its pages (orphans: delete), and keeps it by default', async () => {
    expect((await push(pe, ws, FOLDERS)).code).toBe(0);
    rmSync(join(ws.docs, 'ref'), { recursive: true });
    const kept = await push(pe, ws, FOLDERS);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.requests.writes).toBe(0);
    expect(kept.stderr).toMatch(/ref\/ is gone but its page "ref" \(\d+\) is kept \(orphans: keep\)/);
    const deleted = await push(pe, ws, [...FOLDERS, '--orphans', 'delete']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(writesByRoute(deleted.requests)).toEqual({ 'DELETE /wiki/api/v2/pages/{id}': 1, 'DELETE /wiki/api/v2/folders/{id}': 1 });
    expect(await hierarchy()).toEqual(['Docs home', '  [guide]', '    [deep]', '      Run', '    Setup']);
    expect(Object.keys(ws.lock().pages).sort()).toEqual(['guide/', 'guide/deep/', 'guide/deep/run.md', 'guide/setup.md', 'index.md']);
  });

  it('switches an existing tree from folder pages to folders: pages move into the folders, the old folder pages are orphans', async () => {
    expect((await push(pe, ws)).code).toBe(0);
    expect(await hierarchy()).toEqual(['Docs home', '  guide', '    deep', '      Run', '    Setup', '  ref', '    API']);
    const r = await push(pe, ws, [...FOLDERS, '--orphans', 'delete']);
    expect(r.code, r.stderr).toBe(0);
    expect(await hierarchy()).toEqual(FOLDER_TREE);
    expect(ws.lock().pages['guide/']).toMatchObject({ kind: 'folder' });
    expect((await push(pe, ws, FOLDERS)).requests.writes).toBe(0);
  });

  it('a push killed at any point, then run again, ends with the same folders and pages and no duplicate', async () => {
    const clean = await push(pe, ws, FOLDERS);
    expect(clean.code).toBe(0);
    const total = clean.requests.total;
    const step = Math.max(1, Math.ceil(total / 8));
    for (let killAt = 1; killAt < total; killAt += step) {
      const env = await startPushEnv();
      // In-flight requests at the kill: both "died before sending" and "landed, answer lost" happen.
      env.h.emulator.faults.configure({ latencyMs: 3, jitterMs: 3 });
      const w = new Workspace(() => false);
      try {
        rmSync(w.docs, { recursive: true, force: true });
        for (const path of ['index.md', 'guide/setup.md', 'guide/deep/run.md', 'ref/api.md']) {
          mkdirSync(dirname(join(w.docs, path)), { recursive: true });
          writeFileSync(join(w.docs, path), ws.read(path).replace(/^---\npageId: "?\d+"?\n---\n/, ''));
        }
        const killed = await push(env, w, { args: FOLDERS, killAt });
        expect(killed.killed, `killed at request ${killAt}`).toBe(true);
        const rerun = await push(env, w, FOLDERS);
        expect(rerun.code, `rerun after a kill at request ${killAt}: ${rerun.stderr}`).toBe(0);
        expect(await hierarchy(env), `after a kill at request ${killAt}`).toEqual(FOLDER_TREE);
        expect(w.lock().pendingCreates).toEqual({});
        expect((await push(env, w, FOLDERS)).requests.writes, `a third push after a kill at request ${killAt}`).toBe(0);
      } finally {
        w.dispose();
        await env.close();
      }
    }
  }, 120_000);
});
