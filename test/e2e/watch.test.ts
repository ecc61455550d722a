import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLockfile } from '../../src/lockfile/io.js';
import { lockfileSchema, type Lockfile } from '../../src/lockfile/schema.js';
import { counts, remoteState, startPushEnv, writesByRoute, type PushEnv } from './push-helpers.js';
import { TreeWorkspace } from './small-tree.js';
import { WatchProcess } from './watch-helpers.js';

/**
 * `confluence-sync watch` end to end: the built CLI watching a small tree, against the emulator.
 * Each test has its own emulator, workspace and watch process.
 */
let pe: PushEnv;
let ws: TreeWorkspace;
let watch: WatchProcess | undefined;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new TreeWorkspace();
});
afterEach(async () => {
  await watch?.stop('SIGKILL');
  watch = undefined;
  ws.dispose();
  await pe.close();
});

const PAGE_UPDATE = 'PUT /wiki/api/v2/pages/{id}';
const url = () => `${pe.h.base.replace(/[.]/g, '\\.')}/wiki/spaces/DEMO/pages/\\d+`;
// Read as the next run reads it: the lockfile with the journal of the cycle under way.
const lock = (): Promise<Lockfile> => readLockfile(ws.file('confluence-sync.lock.json'));

async function started(args: readonly string[] = []): Promise<WatchProcess> {
  watch = new WatchProcess(pe, ws, args);
  await watch.waitFor(/Watching docs\/ for changes\. Ctrl-C stops\.\n/);
  return watch;
}

describe('watch', () => {
  it('publishes the tree first, then each save as an update of that page only, with its URL; a burst of saves is one push', async () => {
    const w = await started();
    for (const path of ['index.md', 'guide.md', 'faq.md']) expect(w.out).toMatch(new RegExp(`created ${path.replace('.', '\\.')} {2}${url()}`));
    expect(w.out).toContain('Applied: 3 created, 0 updated');
    expect(Object.keys((await lock()).pages).sort()).toEqual(['faq.md', 'guide.md', 'index.md']);

    pe.h.emulator.counters.reset();
    let from = w.mark();
    ws.write('guide.md', ws.read('guide.md').replace('See the', 'Please see the'));
    await w.waitFor(new RegExp(`updated guide\\.md {2}${url()}\\S*\\n`), { from });
    expect(writesByRoute(counts(pe))[PAGE_UPDATE]).toBe(1);
    const afterSave = await remoteState(pe);
    expect(afterSave.get('Guide')!.body).toContain('Please see the');
    expect(afterSave.get('Guide')!.version).toBe(2);
    expect(afterSave.get('FAQ')!.version).toBe(1);

    // A burst: five saves of one file and one of another, faster than the quiet period.
    from = w.mark();
    pe.h.emulator.counters.reset();
    const faq = ws.read('faq.md');
    for (let i = 1; i <= 5; i++) ws.write('faq.md', `${faq}\nRevision ${i}.\n`);
    ws.write('index.md', `${ws.read('index.md')}\nWelcome.\n`);
    await w.waitFor(/updated faq\.md[^]*updated index\.md|updated index\.md[^]*updated faq\.md/, { from });
    // A later save makes a later push: anything left from the burst would have been pushed before it.
    const later = w.mark();
    ws.write('guide.md', `${ws.read('guide.md')}\nLast line.\n`);
    await w.waitFor(/updated guide\.md/, { from: later });
    const pushes = w.out.slice(from.out).match(/^Changed: .*$/gm)!;
    expect(pushes[0]).toBe('Changed: faq.md, index.md');
    expect(pushes.filter((l) => l.includes('faq.md'))).toHaveLength(1);
    const afterBurst = await remoteState(pe);
    expect(afterBurst.get('FAQ')!.version).toBe(2);
    expect(afterBurst.get('FAQ')!.body).toContain('Revision 5.');
    expect(afterBurst.get('Handbook')!.version).toBe(2);

    expect(await w.stop('SIGTERM')).toBe(0);
    expect(w.out).toContain('Stopped; the lockfile is complete.');
    expect((await lock()).pages['faq.md']!.version).toBe(2);
  });

  it('picks up new files and images, follows renames and moves, and applies the orphan policy to a deleted file only', async () => {
    const w = await started(['--orphans', 'delete']);
    const guideId = (await lock()).pages['guide.md']!.pageId;

    // A new page whose image does not exist yet: published, with a warning; the image, once added, is uploaded.
    let from = w.mark();
    ws.write('howto.md', '# How-to\n\n![chart](img/chart.svg)\n');
    await w.waitFor(new RegExp(`created howto\\.md {2}${url()}`), { from });
    await w.waitFor(/warning docs\/howto\.md:3:\d+ .*\[attachment-unresolved\]/, { stream: 'err', from });
    from = w.mark();
    ws.write('img/chart.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n');
    await w.waitFor(/Changed: img\/chart\.svg \(new\)\nupdated howto\.md/, { from });
    expect(Object.keys((await remoteState(pe)).get('How-to')!.attachments)).toEqual(['chart.svg']);

    // A rename in place keeps the page (its pageId is in the file); a move to a new folder moves it there.
    from = w.mark();
    renameSync(ws.path('guide.md'), ws.path('handbook.md'));
    await w.waitFor(/Changed: .*handbook\.md.*\n(No change to publish\.|updated)/, { from });
    expect((await lock()).pages['handbook.md']!.pageId).toBe(guideId);
    expect((await lock()).pages['guide.md']).toBeUndefined();
    from = w.mark();
    mkdirSync(ws.path('reference'));
    renameSync(ws.path('faq.md'), ws.path('reference/faq.md'));
    await w.waitFor(/updated reference\/faq\.md/, { from });
    const moved = await remoteState(pe);
    expect(moved.get('FAQ')!.parentTitle).toBe('reference');
    expect(moved.get('Guide')!.id).toBe(guideId);
    expect([...moved.keys()].filter((t) => t === 'Guide' || t === 'FAQ')).toHaveLength(2);

    // Deleting a file: its page goes to the trash (orphans: delete), and only that page.
    from = w.mark();
    const howtoId = (await lock()).pages['howto.md']!.pageId;
    pe.h.emulator.counters.reset();
    ws.remove('howto.md');
    await w.waitFor(/Changed: howto\.md \(deleted\)\ndeleted howto\.md/, { from });
    expect(writesByRoute(counts(pe))).toEqual({ 'DELETE /wiki/api/v2/pages/{id}': 1 });
    expect((await pe.h.call('GET', `/wiki/api/v2/pages/${howtoId}`)).body).toMatchObject({ status: 'trashed' });
    expect((await lock()).pages['howto.md']).toBeUndefined();
    expect(Object.keys((await lock()).pages).sort()).toEqual(['handbook.md', 'index.md', 'reference/', 'reference/faq.md']);
    expect(await w.stop()).toBe(0);
  });

  it('a broken file prints its error and the watch goes on; once fixed, it and the saves made meanwhile are published', async () => {
    const w = await started();
    let from = w.mark();
    const guide = ws.read('guide.md');
    ws.write('guide.md', guide.replace('labels: [guide]', 'labels: [guide'));
    await w.waitFor(/error 1 problem in the docs tree; nothing was written:\n {2}docs\/guide\.md:\d+: the frontmatter is not valid YAML/, { stream: 'err', from });
    await w.waitFor(/Nothing was pushed; waiting for the next save\./, { from });

    from = w.mark();
    ws.write('faq.md', `${ws.read('faq.md')}\nSaved while guide.md was broken.\n`);
    await w.waitFor(/Changed: faq\.md, guide\.md\nNothing was pushed/, { from });

    from = w.mark();
    ws.write('guide.md', guide.replace('See the', 'Fixed: see the'));
    await w.waitFor(/updated (faq|guide)\.md[^]*updated (faq|guide)\.md/, { from });
    const remote = await remoteState(pe);
    expect(remote.get('Guide')!.body).toContain('Fixed: see the');
    expect(remote.get('FAQ')!.body).toContain('Saved while guide.md was broken.');
    expect(await w.stop()).toBe(0);
  });

  it('Ctrl-C during a push lets it finish: exit 0 and a lockfile that matches Confluence', async () => {
    const w = await started();
    const counters = pe.h.emulator.counters;
    const record = counters.record.bind(counters);
    let interrupted = false;
    // SIGINT as soon as the first page write of the push reaches the emulator.
    counters.record = (method: string, route: string) => {
      record(method, route);
      if (!interrupted && `${method} ${route}` === PAGE_UPDATE) interrupted = w.child.kill('SIGINT');
    };
    try {
      for (const path of ['index.md', 'guide.md', 'faq.md']) ws.write(path, `${ws.read(path)}\nEdited.\n`);
      expect(await w.exit).toBe(0);
    } finally {
      counters.record = record;
    }
    expect(interrupted).toBe(true);
    expect(w.out).toContain('Stopping after the push in progress');
    expect(w.out).toContain('Stopped; the lockfile is complete.');
    const remote = await remoteState(pe);
    // Written whole, with no journal left over.
    const locked = lockfileSchema.parse(JSON.parse(readFileSync(ws.file('confluence-sync.lock.json'), 'utf8')));
    expect(existsSync(ws.file('confluence-sync.lock.json.journal'))).toBe(false);
    expect(locked.pendingCreates).toEqual({});
    for (const [path, title] of [['index.md', 'Handbook'], ['guide.md', 'Guide'], ['faq.md', 'FAQ']] as const) {
      expect({ path, version: remote.get(title)!.version, body: remote.get(title)!.body.includes('Edited.') }).toEqual({ path, version: 2, body: true });
      expect(locked.pages[path]!.version).toBe(2);
    }
  });
});
