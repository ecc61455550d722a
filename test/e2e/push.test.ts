import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE, FIXTURE_PAGES, localFiles, normalizeBody, push, remoteState, sha256, startPushEnv, withoutPageId, Workspace, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * `confluence-sync push` end to end: the built CLI against the emulator, publishing the demo tree
 * in fixtures/docs-demo (copied to a temp dir). The first-push tests share one run; every other
 * test has its own emulator and workspace.
 */
let pe: PushEnv;
let ws: Workspace;
function freshEnvPerTest(): void {
  beforeEach(async () => {
    pe = await startPushEnv();
    ws = new Workspace();
  });
  afterEach(async () => {
    ws.dispose();
    await pe.close();
  });
}

const PAGE_COUNT = Object.keys(FIXTURE_PAGES).length;
const PAGE_UPDATE = 'PUT /wiki/api/v2/pages/{id}';
const ATTACHMENT_UPLOAD = 'PUT /wiki/rest/api/content/{id}/child/attachment';

/** A tiny valid PNG (1×1, one colour). */
function png(rgb: [number, number, number]): Buffer {
  const header = readFileSync(join(FIXTURE, 'assets/dashboard.png')).subarray(0, 8);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([header, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))), chunk('IEND', Buffer.alloc(0))]);
}

async function firstPush(): Promise<Awaited<ReturnType<typeof remoteState>>> {
  const r = await push(pe, ws);
  expect(r.stderr).not.toContain('failed');
  expect(r.code).toBe(0);
  return remoteState(pe);
}

describe('first push', () => {
  let r: Awaited<ReturnType<typeof push>>;
  let remote: Awaited<ReturnType<typeof remoteState>>;
  beforeAll(async () => {
    pe = await startPushEnv();
    ws = new Workspace();
    r = await push(pe, ws);
    remote = await remoteState(pe);
  });
  afterAll(async () => {
    ws.dispose();
    await pe.close();
  });

  it('creates every page once, with the hierarchy of the tree', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Plan: ${PAGE_COUNT} to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 0 unchanged.`);
    expect(r.stdout).toContain(`Applied: ${PAGE_COUNT} created, 0 updated, 0 archived, 0 deleted, 0 conflicts, 0 failed.`);
    expect(writesByRoute(r.requests)['POST /wiki/api/v2/pages']).toBe(PAGE_COUNT);

    // The space's homepage plus one page per published file or index-less folder, no more.
    expect([...remote.keys()].sort()).toEqual(['Demo Home', ...Object.values(FIXTURE_PAGES).map((p) => p.title)].sort());
    for (const [path, expected] of Object.entries(FIXTURE_PAGES)) {
      const page = remote.get(expected.title)!;
      expect({ path, parent: page.parentTitle, status: page.status, version: page.version }).toEqual({ path, parent: expected.parent, status: 'current', version: 1 });
      // Our marker: the page is recognisable as ours without the lockfile.
      expect(page.marker).toMatchObject({ path });
    }
    // `confluence: false` keeps a file out.
    expect(remote.has('Internal notes for the docs team')).toBe(false);
    // A folder without an index file is an empty page named after the folder.
    expect(remote.get('experiments')!.body).toBe('');
  });

  it('converts bodies: links between files, anchors, images, code, tables, alerts, tasks, details', () => {
    const body = (title: string) => normalizeBody(remote.get(title)!.body);

    // Links between files become page links, with #anchors mapped to the target's heading anchors.
    expect(body('Larkspur Documentation')).toContain('<ac:link><ri:page ri:content-title="Quickstart" /><ac:plain-text-link-body><![CDATA[Quickstart]]></ac:plain-text-link-body></ac:link>');
    expect(body('Larkspur Documentation')).toContain('<ac:link ac:anchor="Error-codes"><ri:page ri:content-title="API errors" />');
    expect(body('Frequently asked questions')).toContain('<ac:link ac:anchor="When-the-server-is-down"><ri:page ri:content-title="Kill switches" />');
    // A link into a folder's README, and one three levels up.
    expect(body('Larkspur Documentation')).toContain('<ri:page ri:content-title="Guides" />');
    expect(body('Experiment analysis')).toContain('<ri:page ri:content-title="Glossary" />');
    // A link to a missing file stays a plain link, with a warning naming file and line.
    expect(body('Frequently asked questions')).toContain('<a href="guides/migrating-from-v1.md">old migration guide</a>');
    expect(r.stderr).toMatch(/warning docs\/faq\.md:\d+:\d+ Link guides\/migrating-from-v1\.md: .*\[link-unresolved\]/);
    expect(r.stderr.match(/\[link-unresolved\]/g)).toHaveLength(1);

    // Images and linked files become attachments of the page that uses them, with their bytes.
    expect(body('Larkspur Documentation')).toContain('<ac:image ac:alt="Larkspur logo" ac:title="Larkspur"><ri:attachment ri:filename="larkspur-logo.svg"');
    expect(body('Configuration basics')).toContain('<ri:attachment ri:filename="larkspur.example.yaml"');
    const attachments: Record<string, Record<string, string>> = {
      'Larkspur Documentation': { 'larkspur-logo.svg': 'assets/larkspur-logo.svg' },
      'Getting started': { 'architecture.svg': 'getting-started/images/architecture.svg' },
      'Configuration basics': { 'larkspur.example.yaml': 'assets/larkspur.example.yaml' },
      'Feature flags': { 'flag-lifecycle.png': 'guides/flags/images/flag-lifecycle.png' },
      'Percentage rollouts': { 'rollout-chart.png': 'guides/flags/images/rollout-chart.png' },
      Monitoring: { 'dashboard.png': 'assets/dashboard.png' },
    };
    for (const [title, page] of remote) {
      const expected = Object.fromEntries(Object.entries(attachments[title] ?? {}).map(([name, file]) => [name, sha256(readFileSync(join(FIXTURE, file)))]));
      expect({ title, attachments: page.attachments }).toEqual({ title, attachments: expected });
    }

    // Code fences with language and title, tables, alerts, task lists, <details>.
    expect(body('Installation')).toMatch(/<ac:structured-macro ac:name="code"[^>]*><ac:parameter ac:name="language">bash<\/ac:parameter><ac:parameter ac:name="title">Start Larkspur and PostgreSQL<\/ac:parameter>/);
    expect(body('Go SDK')).toContain('<ac:parameter ac:name="language">go</ac:parameter><ac:parameter ac:name="title">main.go</ac:parameter>');
    expect(body('Configuration file')).toContain('<ac:parameter ac:name="linenumbers">true</ac:parameter>');
    expect(body('Configuration file')).toContain('<th>Setting</th><th>Default</th><th>Description</th>');
    expect(body('Installation')).toMatch(/<ac:structured-macro ac:name="tip"/);
    expect(body('Targeting rules')).toMatch(/<ac:structured-macro ac:name="warning"/);
    expect(body('Installation')).toContain('<ac:task-status>complete</ac:task-status>');
    expect(body('Installation')).toContain('<ac:task-status>incomplete</ac:task-status>');
    expect(body('Changelog')).toMatch(/<ac:structured-macro ac:name="expand"[^>]*><ac:parameter ac:name="title">Full list of renamed settings<\/ac:parameter>/);
    // The H1 that gave the title is not repeated in the body.
    expect(body('Installation')).not.toContain('<h1>Installation</h1>');
  });

  it('adds the labels of the frontmatter', () => {
    expect(remote.get('Larkspur Documentation')!.labels).toEqual(['docs-home', 'larkspur']);
    expect(remote.get('Kill switches')!.labels).toEqual(['flags', 'incident', 'operations']);
    expect(remote.get('Glossary')!.labels).toEqual(['glossary', 'reference']);
    expect(remote.get('experiments')!.labels).toEqual([]);
    for (const page of remote.values()) expect(page.labels.length > 0 || page.title === 'experiments' || page.title === 'Demo Home').toBe(true);
  });

  it('writes each new page ID into its file and nothing else, and a valid lockfile', () => {
    const lock = ws.lock();
    expect(lock.pendingCreates).toEqual({});
    expect(Object.keys(lock.pages).sort()).toEqual(Object.keys(FIXTURE_PAGES).sort());
    for (const [path, expected] of Object.entries(FIXTURE_PAGES)) {
      const page = remote.get(expected.title)!;
      expect(lock.pages[path]).toMatchObject({ pageId: page.id, title: expected.title, version: 1, parentId: remote.get(expected.parent)!.id });
      if (path.endsWith('/')) continue;
      const text = ws.read(path);
      expect(text).toContain(`\npageId: "${page.id}"\n`);
      expect(withoutPageId(text)).toBe(readFileSync(join(FIXTURE, path), 'utf8'));
    }
    // The unpublished file is left alone.
    expect(ws.read('internal-notes.md')).toBe(readFileSync(join(FIXTURE, 'internal-notes.md'), 'utf8'));
    // Deterministic: keys sorted, two-space indent, trailing newline.
    const text = ws.lockText()!;
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text).pages)).toEqual(Object.keys(lock.pages).sort());
  });

  it('is followed by a push that makes zero writes and at most ceil(pages / 250) + 2 requests', async () => {
    const lockBefore = ws.lockText();
    const filesBefore = localFiles(ws);
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(r.requests.writes).toBe(0);
    expect(r.requests.total).toBeLessThanOrEqual(Math.ceil(remote.size / 250) + 2);
    expect(r.stdout).toContain(`0 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, ${PAGE_COUNT} unchanged.`);
    expect(ws.lockText()).toBe(lockBefore);
    expect(localFiles(ws)).toEqual(filesBefore);
    expect(await remoteState(pe)).toEqual(remote);
  });
});

describe('changes', () => {
  freshEnvPerTest();
  it('editing one file makes exactly one page update, version + 1', async () => {
    const before = await firstPush();
    ws.write('guides/environments.md', ws.read('guides/environments.md').replace('isolated copy', 'isolated, independent copy'));
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 1 });
    expect(r.stdout).toContain('~ guides/environments.md');
    expect(r.stdout).toContain(`0 to create, 1 to update, 0 to move, 0 orphaned, 0 conflicts, ${PAGE_COUNT - 1} unchanged.`);
    const after = await remoteState(pe);
    for (const [title, page] of after) {
      if (title === 'Environments') {
        expect(page.version).toBe(2);
        expect(page.body).toContain('isolated, independent copy');
        expect(page.versionMessage).toMatch(/^\[confluence-sync [0-9a-f]{16}\] published from guides\/environments\.md$/);
        expect({ ...page, version: 1, body: '', versionMessage: '' }).toEqual({ ...before.get(title)!, body: '', versionMessage: '' });
      } else expect(page).toEqual(before.get(title));
    }
    expect(ws.lock().pages['guides/environments.md']!.version).toBe(2);
    // Atomic writes leave no temporary file behind.
    expect(Object.keys(localFiles(ws)).filter((p) => p.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(ws.dir).filter((p) => p.endsWith('.tmp'))).toEqual([]);
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });

  it('renaming a title updates the page in place and the pages linking to it', async () => {
    const before = await firstPush();
    ws.write('reference/sdks/python.md', ws.read('reference/sdks/python.md').replace('title: Python SDK', 'title: Python client'));
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    // The renamed page, and the SDKs page whose link names it.
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 2 });
    const after = await remoteState(pe);
    expect(after.has('Python SDK')).toBe(false);
    expect(after.get('Python client')).toMatchObject({ id: before.get('Python SDK')!.id, version: 2, parentTitle: 'SDKs' });
    expect(normalizeBody(after.get('SDKs')!.body)).toContain('<ri:page ri:content-title="Python client" />');
    expect(after.size).toBe(before.size);
    expect(ws.lock().pages['reference/sdks/python.md']).toMatchObject({ title: 'Python client', version: 2 });
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });

  it('moving files to another folder moves their pages, with or without the pageId in the file', async () => {
    const before = await firstPush();
    // go.md keeps its frontmatter (pageId included); javascript.md loses its pageId line on the way.
    renameSync(join(ws.docs, 'reference/sdks/go.md'), join(ws.docs, 'reference/go.md'));
    writeFileSync(join(ws.docs, 'reference/javascript.md'), withoutPageId(ws.read('reference/sdks/javascript.md')).replaceAll('](../../guides/', '](../guides/'));
    unlinkSync(join(ws.docs, 'reference/sdks/javascript.md'));
    ws.write('reference/sdks/index.md', ws.read('reference/sdks/index.md').replace('(go.md)', '(../go.md)').replace('(javascript.md)', '(../javascript.md)'));
    ws.write('getting-started/quickstart.md', ws.read('getting-started/quickstart.md').replace('../reference/sdks/javascript.md', '../reference/javascript.md'));

    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('warning docs/reference/');
    expect(r.stdout).toContain('> reference/go.md');
    expect(r.stdout).toContain('> reference/javascript.md');
    expect(r.stdout).toContain(`0 to create, 0 to update, 2 to move, 0 orphaned, 0 conflicts, ${PAGE_COUNT - 2} unchanged.`);
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 2 });
    const after = await remoteState(pe);
    expect(after.get('Go SDK')).toMatchObject({ id: before.get('Go SDK')!.id, parentTitle: 'Reference', version: 2 });
    expect(after.get('JavaScript SDK')).toMatchObject({ id: before.get('JavaScript SDK')!.id, parentTitle: 'Reference', version: 2 });
    expect(after.size).toBe(before.size);

    const lock = ws.lock();
    expect(lock.pages['reference/go.md']?.pageId).toBe(before.get('Go SDK')!.id);
    expect(lock.pages['reference/javascript.md']?.pageId).toBe(before.get('JavaScript SDK')!.id);
    expect(lock.pages['reference/sdks/go.md']).toBeUndefined();
    expect(lock.pages['reference/sdks/javascript.md']).toBeUndefined();
    // The page ID is back in the file that lost it.
    expect(ws.read('reference/javascript.md')).toContain(`pageId: "${before.get('JavaScript SDK')!.id}"`);
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });

  it('adding an image uploads it with the page; changing its bytes uploads a new version only', async () => {
    const before = await firstPush();
    const first = png([110, 80, 200]);
    writeFileSync(join(ws.docs, 'getting-started/images/first-flag.png'), first);
    ws.write('getting-started/quickstart.md', ws.read('getting-started/quickstart.md').replace('## 4. Read it from code', '![The new flag in the UI](images/first-flag.png)\n\n## 4. Read it from code'));
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 1, [ATTACHMENT_UPLOAD]: 1 });
    let quickstart = (await remoteState(pe)).get('Quickstart')!;
    expect(quickstart.version).toBe(2);
    expect(quickstart.body).toContain('<ri:attachment ri:filename="first-flag.png"');
    expect(quickstart.attachments).toEqual({ 'first-flag.png': sha256(first) });
    expect(quickstart.id).toBe(before.get('Quickstart')!.id);

    const second = png([60, 170, 110]);
    writeFileSync(join(ws.docs, 'getting-started/images/first-flag.png'), second);
    const again = await push(pe, ws);
    expect(again.code).toBe(0);
    expect(writesByRoute(again.requests)).toEqual({ [ATTACHMENT_UPLOAD]: 1 });
    quickstart = (await remoteState(pe)).get('Quickstart')!;
    expect(quickstart.version).toBe(2);
    expect(quickstart.attachments).toEqual({ 'first-flag.png': sha256(second) });
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });

  it('changing labels adds and removes exactly those labels, without a new page version', async () => {
    await firstPush();
    ws.write('guides/flags/kill-switches.md', ws.read('guides/flags/kill-switches.md').replace('labels: [flags, operations, incident]', 'labels: [flags, incident, on-call]'));
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ 'POST /wiki/rest/api/content/{id}/label': 1, 'DELETE /wiki/rest/api/content/{id}/label': 1 });
    const page = (await remoteState(pe)).get('Kill switches')!;
    expect(page.labels).toEqual(['flags', 'incident', 'on-call']);
    expect(page.version).toBe(1);
    expect((await push(pe, ws)).requests.writes).toBe(0);
  });
});

describe('options', () => {
  freshEnvPerTest();
  it('--dry-run writes nothing, remotely or locally', async () => {
    const r = await push(pe, ws, ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Plan: ${PAGE_COUNT} to create`);
    expect(r.stdout).not.toContain('Applied:');
    expect(r.requests.writes).toBe(0);
    expect(ws.lockText()).toBeUndefined();
    expect(localFiles(ws)).toEqual(localFilesOfFixture());

    await firstPush();
    ws.write('guides/environments.md', ws.read('guides/environments.md').replace('isolated copy', 'isolated, independent copy'));
    const lock = ws.lockText();
    const files = localFiles(ws);
    const before = await remoteState(pe);
    const dry = await push(pe, ws, ['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('~ guides/environments.md');
    expect(dry.requests.writes).toBe(0);
    expect(ws.lockText()).toBe(lock);
    expect(localFiles(ws)).toEqual(files);
    expect(await remoteState(pe)).toEqual(before);
  });

  it('--json prints one valid JSON document with the counts and the report', async () => {
    const r = await push(pe, ws, ['--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { dryRun: boolean; counts: Record<string, number>; report: { created: string[]; failed: unknown[] }; warnings: Array<{ file: string; code: string }> };
    expect(report.dryRun).toBe(false);
    expect(report.counts).toEqual({ create: PAGE_COUNT, update: 0, move: 0, unchanged: 0, conflict: 0, orphan: 0 });
    expect(report.report.created.sort()).toEqual(Object.keys(FIXTURE_PAGES).sort());
    expect(report.report.failed).toEqual([]);
    expect(report.warnings).toEqual([expect.objectContaining({ file: 'faq.md', code: 'link-unresolved' })]);

    const again = JSON.parse((await push(pe, ws, ['--json', '--dry-run'])).stdout) as { dryRun: boolean; counts: Record<string, number>; report: unknown };
    expect(again).toMatchObject({ dryRun: true, counts: { create: 0, update: 0, unchanged: PAGE_COUNT }, report: null });
  });

  it('PATHS limits the run to those files (and the new parents they need)', async () => {
    await firstPush();
    ws.write('guides/environments.md', ws.read('guides/environments.md').replace('isolated copy', 'isolated, independent copy'));
    ws.write('operations/backups.md', ws.read('operations/backups.md').replace('nightly dumps', 'nightly dumps (03:00 UTC)'));
    unlinkSync(join(ws.docs, 'contributing.md'));
    const lockBefore = ws.lock();
    const r = await push(pe, ws, ['--orphans', 'delete', 'docs/guides/environments.md']);
    expect(r.code).toBe(0);
    expect(writesByRoute(r.requests)).toEqual({ [PAGE_UPDATE]: 1 });
    const remote = await remoteState(pe);
    expect(remote.get('Environments')!.version).toBe(2);
    expect(remote.get('Backups')!.version).toBe(1);
    // Orphans are not looked for in a partial run.
    expect(remote.get('Contributing to the docs')!.status).toBe('current');
    const lock = ws.lock();
    expect(lock.pages['operations/backups.md']).toEqual(lockBefore.pages['operations/backups.md']);
    expect(lock.pages['contributing.md']).toEqual(lockBefore.pages['contributing.md']);

    // A new file in a new folder: its folder page is created with it.
    mkdirSync(join(ws.docs, 'guides/segments'));
    ws.write('guides/segments/saved-segments.md', '# Saved segments\n\nA segment is a named list of rules you can reuse in [targeting rules](../flags/targeting-rules.md).\n');
    const added = await push(pe, ws, ['docs/guides/segments/saved-segments.md']);
    expect(added.code).toBe(0);
    expect(writesByRoute(added.requests)).toEqual({ 'POST /wiki/api/v2/pages': 2, 'POST /wiki/api/v2/pages/{page-id}/properties': 2 });
    const after = await remoteState(pe);
    expect(after.get('segments')).toMatchObject({ parentTitle: 'Guides' });
    expect(after.get('Saved segments')).toMatchObject({ parentTitle: 'segments' });
    expect(after.get('Backups')!.version).toBe(1);
  });
});

function localFilesOfFixture(): Record<string, string> {
  const copy = new Workspace();
  try {
    return localFiles(copy);
  } finally {
    copy.dispose();
  }
}
