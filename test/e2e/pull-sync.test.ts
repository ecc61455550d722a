import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editInConfluence, pullCli, pushCli, PullWorkspace, report, seed } from './pull-helpers.js';
import { HOSTILE, realisticSeed } from './pull-space.js';
import { startPushEnv, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * Two-way sync with `pull`: a realistic space is pulled once per test, then changed in Confluence,
 * here, or both, and pulled again. Every case ends with the same check: push plans no write for
 * what Confluence has, and another pull writes no file.
 */
/** Each case runs the CLI several times; on a busy 2-core machine that takes a while. */
const SLOW = 90_000;

let pe: PushEnv;
let ws: PullWorkspace;
let ids: Record<string, string>;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new PullWorkspace();
  ids = (await seed(pe, realisticSeed())).content;
  const first = await pullCli(pe, ws, 'PULL');
  expect(first.code, first.stderr).toBe(0);
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

const LIST = '<ul><li><p>LDAP</p></li><li><p>Okta</p><ul><li><p>SAML 2.0</p></li><li><p>OIDC</p></li></ul></li></ul><ol start="1"><li><p>Open <strong>Settings</strong>.</p></li><li><p>Click <em>Save</em>.</p></li></ol>';

/** After a sync, nothing is left to do on either side. */
async function settled(): Promise<void> {
  const push = await pushCli(pe, ws, 'PULL');
  expect(writesByRoute(push.requests), push.stdout + push.stderr).toEqual({});
  const before = ws.snapshot();
  const again = await pullCli(pe, ws, 'PULL', ['--json']);
  expect(again.code, again.stderr).toBe(0);
  expect(report(again.stdout).written).toEqual([]);
  expect(ws.snapshot()).toEqual(before);
}

describe('a page edited in Confluence', () => {
  it('is pulled into exactly its file: its body only is fetched, attachments not downloaded again', async () => {
    await editInConfluence(pe, ids.Images!, { body: '<p>New intro.</p><p>Diagram: <ac:image ac:alt="Architecture"><ri:attachment ri:filename="arch.png" /></ac:image></p>' });
    const lockBefore = ws.lock();
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.written).toEqual(['guide/images.md']);
    expect(json.attachments).toEqual({ downloaded: 0, kept: 1 });
    expect(ws.read('guide/images.md')).toContain('New intro.\n\nDiagram: ![Architecture](images.assets/arch.png)');
    // flow.png is no longer used: removed (it had the bytes pulled).
    expect(json.removed).toEqual(['guide/images.assets/flow.png']);
    expect(r.requests.byRoute).toEqual({
      'GET /wiki/api/v2/spaces': 1,
      'GET /wiki/api/v2/spaces/{id}/pages': 1,
      'GET /wiki/api/v2/pages': 1,
      'GET /wiki/api/v2/pages/{id}/labels': 1,
      'GET /wiki/api/v2/pages/{id}/attachments': 1,
    });
    const lock = ws.lock();
    expect(lock.pages['guide/images.md']!.version).toBe(2);
    expect({ ...lock.pages, 'guide/images.md': undefined }).toEqual({ ...lockBefore.pages, 'guide/images.md': undefined });
    await settled();
  }, SLOW);

  it('a changed attachment is downloaded again', async () => {
    const upload = new FormData();
    upload.append('file', new Blob([Buffer.from('not really a png')], { type: 'image/png' }), 'arch.png');
    upload.append('minorEdit', 'true');
    const put = await fetch(`${pe.h.base}/wiki/rest/api/content/${ids.Images}/child/attachment`, { method: 'PUT', body: upload, headers: { authorization: `Basic ${Buffer.from(`${pe.env.CONFLUENCE_EMAIL}:${pe.env.CONFLUENCE_API_TOKEN}`).toString('base64')}`, 'x-atlassian-token': 'no-check' } });
    expect(put.status).toBe(200);
    await editInConfluence(pe, ids.Images!, {});
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).attachments).toEqual({ downloaded: 1, kept: 1 });
    expect(readFileSync(join(ws.docs, 'guide/images.assets/arch.png'), 'utf8')).toBe('not really a png');
    expect(ws.lock().pages['guide/images.md']!.attachments['arch.png']!.version).toBe(2);
    await settled();
  }, SLOW);
});

describe('a file changed here', () => {
  it('is left alone when its page did not change; the next push sends it', async () => {
    ws.write('faq.md', `${ws.read('faq.md')}\nA local paragraph.\n`);
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code).toBe(0);
    expect(report(r.stdout).written).toEqual([]);
    expect(ws.read('faq.md')).toContain('A local paragraph.');
    const push = await pushCli(pe, ws, 'PULL');
    expect(writesByRoute(push.requests)).toEqual({ 'PUT /wiki/api/v2/pages/{id}': 1 });
    await settled();
  }, SLOW);

  it('changed in Confluence too, on other lines: merged; the next push sends the local part', async () => {
    ws.write('con-page.md', ws.read('con-page.md').replace('- LDAP', '- LDAP (local)'));
    await editInConfluence(pe, ids[HOSTILE.reserved]!, { body: LIST.replace('Click <em>Save</em>', 'Click <em>Save all</em>') });
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.actions).toEqual([expect.objectContaining({ type: 'write', kind: 'merge', path: 'con-page.md' })]);
    const text = ws.read('con-page.md');
    expect(text).toContain('- LDAP (local)');
    expect(text).toContain('2. Click *Save all*.');
    // The lockfile records Confluence's side: push sees the local part as a change of its own.
    const push = await pushCli(pe, ws, 'PULL');
    expect(push.code, push.stdout).toBe(0);
    expect(writesByRoute(push.requests)).toEqual({ 'PUT /wiki/api/v2/pages/{id}': 1 });
    await settled();
    expect(ws.read('con-page.md')).toContain('- LDAP (local)');
  }, SLOW);

  it('changed in Confluence on the same lines: a conflict, the file untouched, NAME.remote.md beside it, exit 2; --force takes Confluence', async () => {
    ws.write('con-page.md', ws.read('con-page.md').replace('- Okta', '- Okta SSO'));
    const local = ws.read('con-page.md');
    await editInConfluence(pe, ids[HOSTILE.reserved]!, { body: LIST.replace('<p>Okta</p>', '<p>Okta (cloud)</p>') });
    const r = await pullCli(pe, ws, 'PULL');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/! con-page\.md {2}conflict "CON" \(\d+\): changed here and in Confluence \(v1 → v2\); 1 part changed on both sides; Confluence's version is in con-page\.remote\.md/);
    expect(ws.read('con-page.md')).toBe(local);
    const remote = ws.read('con-page.remote.md');
    expect(remote).toMatch(/^---\nconfluence: false\npageId: /);
    expect(remote).toContain('- Okta (cloud)');
    // push leaves the copy out, and does not overwrite the page edited in Confluence.
    const push = await pushCli(pe, ws, 'PULL');
    expect(push.code).toBe(2);
    expect(writesByRoute(push.requests)).toEqual({});
    // Still a conflict, and nothing new written.
    const before = ws.snapshot();
    expect((await pullCli(pe, ws, 'PULL')).code).toBe(2);
    expect(ws.snapshot()).toEqual(before);

    const forced = await pullCli(pe, ws, 'PULL', ['--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(ws.read('con-page.md')).toContain('- Okta (cloud)');
    expect(ws.has('con-page.remote.md')).toBe(false);
    await settled();
  }, SLOW);
});

describe('pages moved, renamed and deleted in Confluence', () => {
  it('are mirrored: files move, links to them follow, deleted pages lose their files', async () => {
    // A move without a new version (the page tree's drag and drop), a rename, a delete.
    const move = await pe.h.call('PUT', `/wiki/rest/api/content/${ids.Macros}/move/append/${ids.Tables}`);
    expect(move.status).toBe(200);
    await editInConfluence(pe, ids.FAQ!, { title: 'Frequently asked questions' });
    expect((await pe.h.call('DELETE', `/wiki/api/v2/pages/${ids.Jira}`)).status).toBe(204);
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.actions.map((a) => [a.type, a.kind ?? '', a.from ?? '', a.path]).sort()).toEqual(
      [
        ['delete', '', '', 'jira.md'],
        ['write', 'move', 'guide/macros.md', 'tables/macros.md'],
        ['write', 'update', 'faq.md', 'frequently-asked-questions.md'],
        // Guide links to FAQ: converted again (the link keeps the old title in storage: it stays a Confluence link).
        ['write', 'update', '', 'guide/index.md'],
      ].sort(),
    );
    expect(ws.has('guide/macros.md')).toBe(false);
    expect(ws.has('tables/macros.md')).toBe(true);
    expect(ws.has('faq.md')).toBe(false);
    expect(ws.read('frequently-asked-questions.md')).toContain('title: "Frequently asked questions"');
    expect(ws.has('jira.md')).toBe(false);
    expect(Object.keys(ws.lock().pages)).not.toContain('jira.md');
    await settled();
  }, SLOW);

  it('a deleted page whose file changed here is kept, as a conflict; --force removes it', async () => {
    ws.write('jira.md', `${ws.read('jira.md')}\nMy notes.\n`);
    expect((await pe.h.call('DELETE', `/wiki/api/v2/pages/${ids.Jira}`)).status).toBe(204);
    const r = await pullCli(pe, ws, 'PULL');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/! jira\.md {2}conflict "Jira" \(\d+\): deleted in Confluence, and the file was changed here: kept/);
    expect(ws.read('jira.md')).toContain('My notes.');
    const forced = await pullCli(pe, ws, 'PULL', ['--force']);
    expect(forced.code).toBe(0);
    expect(ws.has('jira.md')).toBe(false);
  }, SLOW);

  it('a page whose file moved and whose body changed with a local edit: moved and merged', async () => {
    ws.write('guide/macros.md', `${ws.read('guide/macros.md')}\nLocal addition.\n`);
    await editInConfluence(pe, ids.Macros!, { title: 'Macro gallery' });
    const r = await pullCli(pe, ws, 'PULL', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).actions).toEqual([expect.objectContaining({ type: 'write', kind: 'merge', from: 'guide/macros.md', path: 'guide/macro-gallery.md' })]);
    expect(ws.read('guide/macro-gallery.md')).toContain('Local addition.');
    expect(ws.read('guide/macro-gallery.md')).toContain('title: "Macro gallery"');
    expect(ws.has('guide/macros.md')).toBe(false);
  }, SLOW);
});

describe('scope', () => {
  it('--root pulls the pages below that page; push with the same root plans no write', async () => {
    const other = new PullWorkspace();
    try {
      const r = await pullCli(pe, other, 'PULL', ['--root', ids.Guide!]);
      expect(r.code, r.stderr).toBe(0);
      expect(other.files()).toEqual(['getting-started/index.md', 'getting-started/level-3-deep/etc-passwd.md', 'getting-started/level-3-deep/index.md', 'images.assets/arch.png', 'images.assets/flow.png', 'images.md', 'macros.md']);
      const push = await pushCli(pe, other, 'PULL', ['--root-page', ids.Guide!]);
      expect(writesByRoute(push.requests), push.stdout).toEqual({});
    } finally {
      other.dispose();
    }
  }, SLOW);

  it('a pull with another root leaves the files of the pages outside it alone', async () => {
    const before = ws.snapshot();
    const r = await pullCli(pe, ws, 'PULL', ['--root', ids.Guide!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.written).toEqual([]);
    expect(json.removed).toEqual([]);
    expect(json.actions.every((a) => a.type === 'local' && a.why?.startsWith('not below the root of this pull'))).toBe(true);
    expect(json.actions.map((a) => a.path)).toContain('faq.md');
    expect(ws.snapshot()).toEqual(before);
  }, SLOW);

  it('pages beside the homepage are skipped with a warning naming them', async () => {
    const created = await pe.h.call('POST', '/wiki/api/v2/pages?root-level=true', { spaceId: (await pe.h.call('GET', '/wiki/api/v2/spaces?keys=PULL')).body && ((await pe.h.call('GET', '/wiki/api/v2/spaces?keys=PULL')).body as { results: Array<{ id: string }> }).results[0]!.id, title: 'Beside the home', body: { representation: 'storage', value: '<p>x</p>' } });
    expect(created.status).toBe(200);
    const id = (created.body as { id: string }).id;
    const r = await pullCli(pe, ws, 'PULL');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning skipped page ${id} "Beside the home": at the top level of the space beside the homepage`);
  }, SLOW);
});

describe('blog posts', () => {
  it('--include-blogposts writes them to blog/ with their dates, one way: push leaves them out', async () => {
    const r = await pullCli(pe, ws, 'PULL', ['--include-blogposts', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).written).toEqual(['blog/2026-01-02-launch-day.md']);
    const text = ws.read('blog/2026-01-02-launch-day.md');
    expect(text).toMatch(/^---\nblogPostId: "\d+"\ntitle: "Launch day"\ndate: "2026-01-02"\nlabels: \["news"\]\nconfluence: false\n---\n/);
    expect(Object.keys(ws.lock().blogposts ?? {})).toEqual(['blog/2026-01-02-launch-day.md']);
    const push = await pushCli(pe, ws, 'PULL');
    expect(push.code).toBe(0);
    expect(writesByRoute(push.requests)).toEqual({});
    const again = await pullCli(pe, ws, 'PULL', ['--include-blogposts', '--json']);
    expect(report(again.stdout).written).toEqual([]);

    // An edit here is never overwritten: a conflict when the post changes in Confluence too.
    ws.write('blog/2026-01-02-launch-day.md', `${text}\nLocal note.\n`);
    const post = ((await pe.h.call('GET', '/wiki/api/v2/blogposts?title=Launch%20day')).body as { results: Array<{ id: string }> }).results[0]!;
    expect((await pe.h.call('POST', `/__emulator/blogposts/${post.id}/editor-save`, { body: '<p>Edited.</p>' })).status).toBe(200);
    const conflict = await pullCli(pe, ws, 'PULL', ['--include-blogposts']);
    expect(conflict.code).toBe(2);
    expect(ws.read('blog/2026-01-02-launch-day.md')).toContain('Local note.');
    expect(ws.read('blog/2026-01-02-launch-day.remote.md')).toContain('Edited.');
  }, SLOW);
});
