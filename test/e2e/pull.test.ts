import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/tree/read.js';
import { pullCli, pushCli, PullWorkspace, report, seed } from './pull-helpers.js';
import { BLUE_PNG, HOSTILE, REALISTIC_TREE, RED_PNG, realisticSeed } from './pull-space.js';
import { startPushEnv, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * `confluence-sync pull` of a realistic space through the built CLI against its own emulator: the
 * tree it writes, and the two properties that make pull and push one sync: right after a pull,
 * push plans no write, and a second pull writes no file.
 */
let pe: PushEnv;
let ws: PullWorkspace;
let ids: Record<string, string>;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new PullWorkspace();
  ids = (await seed(pe, realisticSeed())).content;
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

const expectedTree = () => [...REALISTIC_TREE, `page-${ids[HOSTILE.dots]}.md`, `page-${ids[HOSTILE.emojiOnly]}.md`].sort();

describe('a first pull', () => {
  it('writes the tree; push right after makes no write; pull right after writes no file', async () => {
    const first = await pullCli(pe, ws, 'PULL');
    expect(first.code, first.stderr).toBe(0);
    expect(ws.files()).toEqual(expectedTree());
    // Listing with bodies (1 request for 19 pages), the space, labels per page, attachments only where a body uses them (Images, and an unknown macro's attachment).
    expect(first.requests.byRoute).toMatchObject({ 'GET /wiki/api/v2/spaces': 1, 'GET /wiki/api/v2/spaces/{id}/pages': 1, 'GET /wiki/api/v2/pages/{id}/labels': 19, 'GET /wiki/api/v2/pages/{id}/attachments': 2 });
    expect(first.requests.writes).toBe(0);
    expect(first.stdout).toMatch(/Pull: 19 written, 0 moved, 0 merged, 0 deleted, 0 conflicts, 0 unchanged\./);
    expect(first.stderr).toMatch(/warning skipped page|page-unresolved/);

    // Frontmatter: pageId and title always; labels; the parent only where the folder does not say it.
    const guide = parseSource('guide/index.md', ws.read('guide/index.md'));
    expect('file' in guide && guide.file.frontmatter).toEqual({ pageId: ids.Guide, title: 'Guide', labels: ['guide', 'how-to'] });
    const deep = ws.read('guide/getting-started/level-3-deep/etc-passwd.md');
    expect(deep).toContain(`pageId: "${ids[HOSTILE.traversal]}"\ntitle: "../../etc/passwd"\nlabels: ["deep"]\n---\n`);
    expect(ws.read('a-b-c.md')).toContain('title: "a\\\\b: c*?|<>\\""');
    // Every page sits in its parent's folder, so no file needs a parent field.
    expect(ws.files().filter((f) => f.endsWith('.md') && /^parent:/m.test(ws.read(f)))).toEqual([]);
    // Links between pulled pages are relative links; to another space they stay Confluence links.
    expect(ws.read('guide/index.md')).toContain('[the guide](getting-started/index.md)');
    expect(ws.read('guide/index.md')).toContain('[](../faq.md)');
    expect(ws.read('guide/index.md')).toContain('ri:space-key="OPS"');
    // Attachments beside the page, referenced relatively, with Confluence's bytes.
    expect(ws.read('guide/images.md')).toContain('![Architecture](images.assets/arch.png)');
    expect(readFileSync(join(ws.docs, 'guide/images.assets/arch.png')).toString('base64')).toBe(RED_PNG);
    expect(readFileSync(join(ws.docs, 'guide/images.assets/flow.png')).toString('base64')).toBe(BLUE_PNG);

    const lock = ws.lock();
    expect(Object.keys(lock.pages).sort()).toEqual(expectedTree().filter((p) => p.endsWith('.md')));
    expect(lock.pages['guide/images.md']!.attachments).toEqual({
      'arch.png': expect.objectContaining({ id: expect.stringMatching(/^att\d+$/), version: 1 }),
      'flow.png': expect.objectContaining({ id: expect.stringMatching(/^att\d+$/), version: 1 }),
    });

    const push = await pushCli(pe, ws, 'PULL');
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(writesByRoute(push.requests)).toEqual({});
    expect(push.stdout).toMatch(/Plan: 0 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 19 unchanged\./);

    const before = ws.snapshot();
    const again = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(again.code, again.stderr).toBe(0);
    const json = report(again.stdout);
    expect(json.written).toEqual([]);
    expect(json.counts).toMatchObject({ written: 0, moved: 0, merged: 0, deleted: 0, conflicts: 0, unchanged: 19 });
    expect(ws.snapshot()).toEqual(before);
    // A no-op pull is the space and the listing, without bodies.
    expect(again.requests.byRoute).toEqual({ 'GET /wiki/api/v2/spaces': 1, 'GET /wiki/api/v2/spaces/{id}/pages': 1 });
  }, 90_000);

  it('never writes outside the docs root, whatever the titles', async () => {
    expect((await pullCli(pe, ws, 'PULL')).code).toBe(0);
    const root = resolve(ws.docs);
    for (const path of ws.files()) {
      expect(resolve(ws.docs, path).startsWith(`${root}/`)).toBe(true);
      expect(path).toMatch(/^[a-z0-9./-]+$/);
    }
    // Beside the docs: the lockfile, and push's conversion cache (the tree as pulled, so push
    // converts nothing) with its bodies, one file per sha256.
    const beside = Object.keys(ws.snapshot()).filter((p) => !p.startsWith('docs/'));
    expect(beside.filter((p) => !p.startsWith('.confluence-sync/cache.storage/')).sort()).toEqual(['.confluence-sync/cache.json', 'confluence-sync.lock.json']);
    const bodies = beside.filter((p) => p.startsWith('.confluence-sync/cache.storage/'));
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).toMatch(/^\.confluence-sync\/cache\.storage\/[0-9a-f]{64}\.xml$/);
  }, 90_000);

  it('--dry-run writes nothing and says what would be written', async () => {
    const r = await pullCli(pe, ws, 'PULL', ['--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ guide\/index\.md {2}new "Guide"/);
    expect(r.stdout).toMatch(/Pull \(dry run, nothing written\): 19 written/);
    expect(r.stdout).toContain('Attachments: 2 to download');
    expect(ws.snapshot()).toEqual({});
    expect(r.requests.byRoute['GET /wiki/download/attachments/{pageId}/{filename}']).toBeUndefined();
  }, 90_000);
});
