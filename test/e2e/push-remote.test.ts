import { rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, push, remoteState, remoteTitles, startPushEnv, withoutPageId, Workspace, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * `confluence-sync push` against changes made on the Confluence side and to the lockfile: pages
 * edited by a person (conflicts, --force), a lost lockfile, and files deleted under each orphan
 * policy. The built CLI against its own emulator per test.
 */
let pe: PushEnv;
let ws: Workspace;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new Workspace();
  const first = await push(pe, ws);
  expect(first.code, first.stderr).toBe(0);
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

const PAGE_COUNT = Object.keys(FIXTURE_PAGES).length;
const PAGE_UPDATE = 'PUT /wiki/api/v2/pages/{id}';

/** A person saves the page in the Confluence editor with a body of their own. */
async function editInConfluence(pageId: string, body: string): Promise<void> {
  const r = await pe.h.call('POST', `/__emulator/pages/${pageId}/editor-save`, { body });
  expect(r.status).toBe(200);
}

describe('pages edited in Confluence', () => {
  it('are conflicts: exit 2, nothing overwritten, the rest applied; --force overwrites', async () => {
    const before = await remoteState(pe);
    const environments = before.get('Environments')!;
    await editInConfluence(environments.id, '<p>Edited by a person in Confluence.</p>');
    ws.write('guides/environments.md', ws.read('guides/environments.md').replace('isolated copy', 'isolated, independent copy'));
    ws.write('operations/backups.md', ws.read('operations/backups.md').replace('nightly dumps', 'nightly dumps (03:00 UTC)'));
    const lockBefore = ws.lock();

    const r = await push(pe, ws);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/! guides\/environments\.md {2}conflict "Environments" \(\d+\): edited in Confluence by \S+ at \S+ \(v1 → v2\); not overwritten \(use --force\)/);
    expect(r.stderr).toMatch(/conflict guides\/environments\.md: edited in Confluence \(version 2 by \S+ at \d{4}-\d\d-\d\dT/);
    // The other change is applied; the edited page is not touched.
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 1 });
    let remote = await remoteState(pe);
    expect(remote.get('Environments')).toMatchObject({ version: 2, body: '<p>Edited by a person in Confluence.</p>' });
    expect(remote.get('Backups')!.version).toBe(2);
    expect(ws.lock().pages['guides/environments.md']).toEqual(lockBefore.pages['guides/environments.md']);

    // Still a conflict on the next run, still nothing written.
    const again = await push(pe, ws);
    expect(again.code).toBe(2);
    expect(again.requests.writes).toBe(0);

    const forced = await push(pe, ws, ['--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('[--force over a Confluence edit]');
    expect(writesByRoute(forced.requests)).toEqual({ [PAGE_UPDATE]: 1 });
    remote = await remoteState(pe);
    const page = remote.get('Environments')!;
    expect(page.version).toBe(3);
    expect(page.body).toContain('isolated, independent copy');
    expect(page.body).not.toContain('Edited by a person');
    expect(ws.lock().pages['guides/environments.md']!.version).toBe(3);
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });

  it('is a conflict even when the local file did not change', async () => {
    const page = (await remoteState(pe)).get('Glossary')!;
    await editInConfluence(page.id, '<p>A better glossary, written in Confluence.</p>');
    const r = await push(pe, ws);
    expect(r.code).toBe(2);
    expect(r.requests.writes).toBe(0);
    expect((await remoteState(pe)).get('Glossary')!.body).toBe('<p>A better glossary, written in Confluence.</p>');
  });
});

describe('without the lockfile', () => {
  it('finds every page again by its page ID and marker: no duplicate, no conflict, no write', async () => {
    const before = await remoteState(pe);
    const lockBefore = ws.lockText();
    unlinkSync(ws.lockPath);
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`0 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, ${PAGE_COUNT} unchanged.`);
    expect(r.requests.writes).toBe(0);
    expect(await remoteState(pe)).toEqual(before);
    // The lockfile is rebuilt as it was.
    expect(ws.lockText()).toBe(lockBefore);
  });

  it('finds every page again by its marker when the files lost their page IDs too', async () => {
    const before = await remoteState(pe);
    unlinkSync(ws.lockPath);
    for (const path of Object.keys(FIXTURE_PAGES)) if (!path.endsWith('/')) ws.write(path, withoutPageId(ws.read(path)));
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(r.requests.writes).toBe(0);
    expect(await remoteTitles(pe)).toEqual([...before.keys()].sort());
    expect(await remoteState(pe)).toEqual(before);
    for (const [path, { title }] of Object.entries(FIXTURE_PAGES)) {
      if (!path.endsWith('/')) expect(ws.read(path)).toContain(`pageId: "${before.get(title)!.id}"`);
    }
  });

  it('still sees edits made in Confluence as conflicts, and updates what changed locally', async () => {
    const before = await remoteState(pe);
    unlinkSync(ws.lockPath);
    await editInConfluence(before.get('Webhooks')!.id, '<p>Edited in Confluence.</p>');
    ws.write('reference/api/errors.md', ws.read('reference/api/errors.md').replace('Always log', 'Always log and report'));
    const r = await push(pe, ws);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('! reference/api/webhooks.md');
    // Without the lockfile, the labels the page had are unknown: they are added again (idempotent).
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 1, 'POST /wiki/rest/api/content/{id}/label': 1 });
    const after = await remoteState(pe);
    expect(after.get('Webhooks')!.body).toBe('<p>Edited in Confluence.</p>');
    expect(after.get('API errors')).toMatchObject({ version: 2, labels: before.get('API errors')!.labels });
    expect(after.size).toBe(before.size);
  });
});

describe('a deleted file (orphan)', () => {
  it('keep (the default): the page stays, with a warning every run, and stays in the lockfile', async () => {
    const page = (await remoteState(pe)).get('Contributing to the docs')!;
    unlinkSync(join(ws.docs, 'contributing.md'));
    for (let run = 0; run < 2; run++) {
      const r = await push(pe, ws);
      expect(r.code).toBe(0);
      expect(r.requests.writes).toBe(0);
      expect(r.stdout).toContain('- contributing.md  orphan, kept "Contributing to the docs"');
      expect(r.stderr).toContain(`warning contributing.md is gone but its page "Contributing to the docs" (${page.id}) is kept (orphans: keep)`);
    }
    expect((await remoteState(pe)).get('Contributing to the docs')).toMatchObject({ status: 'current', version: 1 });
    expect(ws.lock().pages['contributing.md']?.pageId).toBe(page.id);
  });

  it('archive: the page is archived once and forgotten', async () => {
    const page = (await remoteState(pe)).get('Contributing to the docs')!;
    unlinkSync(join(ws.docs, 'contributing.md'));
    const r = await push(pe, ws, ['--orphans', 'archive']);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ 'POST /wiki/rest/api/content/archive': 1 });
    expect(r.stderr).toContain('archived contributing.md');
    const after = await remoteState(pe);
    expect(after.get('Contributing to the docs')).toMatchObject({ id: page.id, status: 'archived' });
    expect(ws.lock().pages['contributing.md']).toBeUndefined();
    const again = await push(pe, ws, ['--orphans', 'archive']);
    expect(again.code).toBe(0);
    expect(again.requests.writes).toBe(0);
    expect(again.stderr).not.toContain('contributing.md');
  });

  it('delete: the page goes to the trash and is forgotten', async () => {
    const page = (await remoteState(pe)).get('Contributing to the docs')!;
    unlinkSync(join(ws.docs, 'contributing.md'));
    const r = await push(pe, ws, ['--orphans', 'delete']);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ 'DELETE /wiki/api/v2/pages/{id}': 1 });
    expect((await remoteState(pe)).has('Contributing to the docs')).toBe(false);
    const trashed = await pe.h.call('GET', `/wiki/api/v2/pages/${page.id}`);
    expect(trashed.body).toMatchObject({ status: 'trashed' });
    expect(ws.lock().pages['contributing.md']).toBeUndefined();
    expect((await push(pe, ws, ['--orphans', 'delete'])).requests.writes).toBe(0);
  });

  it('delete: a whole folder of files, children before parents; a page with a child made in Confluence is kept', async () => {
    const before = await remoteState(pe);
    // Someone added a page under Runbooks in Confluence.
    const child = await pe.h.call('POST', '/wiki/api/v2/pages', { spaceId: pe.h.spaceId, title: 'On-call rota', parentId: before.get('Runbooks')!.id, body: { representation: 'storage', value: '<p>Rota</p>' } });
    expect(child.status).toBe(200);
    rmSync(join(ws.docs, 'operations/runbooks'), { recursive: true });
    rmSync(join(ws.docs, 'reference/sdks'), { recursive: true });

    const r = await push(pe, ws, ['--orphans', 'delete']);
    expect(r.code).toBe(0);
    const after = await remoteState(pe);
    for (const title of ['SDKs', 'JavaScript SDK', 'Python SDK', 'Go SDK', 'Database failover', 'High latency']) expect(after.has(title), title).toBe(false);
    expect(after.get('Runbooks')).toMatchObject({ status: 'current' });
    expect(after.get('On-call rota')).toMatchObject({ parentTitle: 'Runbooks' });
    expect(r.stderr).toMatch(/warning operations\/runbooks\/index\.md is gone but its page "Runbooks" \(\d+\) is kept: it has child pages not managed by confluence-sync \("On-call rota"\)/);
    expect(writesByRoute(r.requests)['DELETE /wiki/api/v2/pages/{id}']).toBe(6);
    // Children before their parent.
    const deleted = r.stderr.split('\n').filter((l) => l.startsWith('deleted ')).map((l) => l.slice('deleted '.length).trim());
    expect(deleted.indexOf('reference/sdks/index.md')).toBe(5);
    expect(Object.keys(ws.lock().pages).filter((p) => p.startsWith('operations/runbooks/') || p.startsWith('reference/sdks/'))).toEqual(['operations/runbooks/index.md']);
  });
});
