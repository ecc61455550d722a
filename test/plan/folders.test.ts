import { describe, expect, it } from 'vitest';
import type { Lockfile } from '../../src/lockfile/schema.js';
import { folderFingerprint, pageFingerprint, sha256 } from '../../src/plan/fingerprint.js';
import { planPush, type PushPlanOptions } from '../../src/plan/push.js';
import type { RemoteFolder, RemotePage, RemoteSnapshot, RenderedPage } from '../../src/plan/types.js';
import { versionMessage } from '../../src/plan/version-tag.js';
import type { ParentRef } from '../../src/tree/build.js';

/** Planning with `folders: folder`: a folder without an index file is a Confluence folder. */
const ROOT = '100';
const options: PushPlanOptions = { orphans: 'keep', force: false, partial: false };

function page(path: string, title: string, parent: ParentRef): RenderedPage {
  const storage = `<p>${title}</p>`;
  const storageHash = sha256(storage);
  return { path, kind: 'page', title, parent, pageId: undefined, labels: [], storage, storageHash, attachments: [], fingerprint: pageFingerprint({ storageHash, title, parentKey: JSON.stringify(parent), labels: [], attachments: [] }), notify: false };
}

function folder(path: string, title: string, parent: ParentRef): RenderedPage {
  return { path, kind: 'folder', title, parent, pageId: undefined, labels: [], storage: '', storageHash: sha256(''), attachments: [], fingerprint: folderFingerprint(title, JSON.stringify(parent)), notify: false };
}

// guide/ (a folder) holding guide/setup.md; ops/ (a folder) holding ops/deep/ (a folder) holding ops/deep/run.md.
const guide = folder('guide/', 'guide', { kind: 'root' });
const setup = page('guide/setup.md', 'Setup', { kind: 'path', path: 'guide/' });
const tree = [guide, setup];

function rp(id: string, title: string, parentId: string | null, message = ''): RemotePage {
  return { id, title, parentId, status: 'current', version: 2, versionMessage: message, authorId: 'someone', modifiedAt: undefined };
}
function rf(id: string, title: string, parentId: string, extra: Partial<RemoteFolder> = {}): RemoteFolder {
  return { id, title, parentId, status: 'current', ...extra };
}
function snapshot(pages: RemotePage[], folders: RemoteFolder[] = []): RemoteSnapshot {
  return { spaceId: '1', spaceKey: 'DOCS', rootId: ROOT, pages: new Map([rp(ROOT, 'Home', null), ...pages].map((p) => [p.id, p])), folders: new Map(folders.map((f) => [f.id, f])) };
}
const empty: Lockfile = { lockfileVersion: 1, pages: {}, pendingCreates: {} };

/** The state right after a push of `tree`: folder 300 (guide/), page 301 (guide/setup.md). */
function published(): { lock: Lockfile; remote: RemoteSnapshot } {
  const lock: Lockfile = {
    lockfileVersion: 1,
    pendingCreates: {},
    pages: {
      'guide/': { kind: 'folder', pageId: '300', title: 'guide', parentId: ROOT, version: 1, storageHash: guide.storageHash, fingerprint: guide.fingerprint, labels: [], attachments: {} },
      'guide/setup.md': { pageId: '301', title: 'Setup', parentId: '300', version: 2, storageHash: setup.storageHash, fingerprint: setup.fingerprint, labels: [], attachments: {} },
    },
  };
  return { lock, remote: snapshot([rp('301', 'Setup', '300', versionMessage(setup.fingerprint, setup.path))], [rf('300', 'guide', ROOT, { markerPath: 'guide/' })]) };
}

describe('planPush with Confluence folders', () => {
  it('creates the folder, then its pages in it', () => {
    const plan = planPush(tree, snapshot([]), empty, options);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([
      { type: 'create', kind: 'folder', path: 'guide/', title: 'guide', parent: { kind: 'id', id: ROOT }, labels: { add: [], remove: [] }, attachments: [] },
      { type: 'create', kind: 'page', path: 'guide/setup.md', title: 'Setup', parent: { kind: 'created', path: 'guide/' }, labels: { add: [], remove: [] }, attachments: [] },
    ]);
  });

  it('plans nothing when the folder and its pages are as published', () => {
    const { lock, remote } = published();
    expect(planPush(tree, remote, lock, options).actions.map((a) => `${a.type} ${'kind' in a ? a.kind : ''} ${a.path}`)).toEqual(['noop folder guide/', 'noop page guide/setup.md']);
  });

  it('finds its folder by the marker without a lockfile, and does not make a second one', () => {
    const { remote } = published();
    const plan = planPush(tree, remote, empty, options);
    expect(plan.problems).toEqual([]);
    expect(plan.actions[0]).toMatchObject({ type: 'noop', kind: 'folder', pageId: '300' });
  });

  it('adopts a folder whose create was recorded as pending (crash before the marker)', () => {
    const { remote } = published();
    const unmarked = { ...remote, folders: new Map([['300', rf('300', 'guide', ROOT)]]) };
    const plan = planPush(tree, unmarked, { ...empty, pendingCreates: { 'guide/': { title: 'guide' } } }, options);
    expect(plan.problems).toEqual([]);
    expect(plan.actions[0]).toMatchObject({ type: 'noop', pageId: '300' });
  });

  it('refuses a folder of the same title that it does not manage, saying what to do', () => {
    const plan = planPush(tree, snapshot([], [rf('900', 'Guide', ROOT)]), empty, options);
    expect(plan.problems).toEqual([{ path: 'guide/', message: expect.stringMatching(/folder titled "Guide" \(id 900\) already exists[\s\S]*not managed[\s\S]*index\.md/) }]);
  });

  it('replaces a folder whose parent changed (the API cannot move folders), and moves its pages into the new one', () => {
    const { lock, remote } = published();
    const home = page('index.md', 'Docs', { kind: 'root' });
    const moved = folder('guide/', 'guide', { kind: 'path', path: 'index.md' });
    const plan = planPush([home, moved, { ...setup, parent: { kind: 'path', path: 'guide/' } }], remote, lock, options);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([
      expect.objectContaining({ type: 'create', kind: 'page', path: 'index.md' }),
      expect.objectContaining({ type: 'create', kind: 'folder', path: 'guide/', parent: { kind: 'created', path: 'index.md' }, replaces: '300' }),
      expect.objectContaining({ type: 'update', path: 'guide/setup.md', pageId: '301', changes: ['parent'], parent: { kind: 'created', path: 'guide/' } }),
    ]);
  });

  it('makes a folder again when it was deleted in Confluence', () => {
    const { lock, remote } = published();
    const trashed = { ...remote, folders: new Map([['300', rf('300', 'guide', ROOT, { status: 'trashed' })]]) };
    // Confluence moved the page up to the folder's parent when the folder went to the trash.
    const pages = new Map(trashed.pages).set('301', rp('301', 'Setup', ROOT, versionMessage(setup.fingerprint, setup.path)));
    const plan = planPush(tree, { ...trashed, pages }, lock, options);
    expect(plan.actions).toEqual([
      expect.objectContaining({ type: 'create', kind: 'folder', path: 'guide/' }),
      expect.objectContaining({ type: 'update', path: 'guide/setup.md', changes: ['parent'], parent: { kind: 'created', path: 'guide/' } }),
    ]);
    expect(plan.actions[0]).not.toHaveProperty('replaces');
  });

  it('deletes an orphaned folder under both archive and delete (folders cannot be archived), after its pages', () => {
    const { lock, remote } = published();
    const actions = (orphans: PushPlanOptions['orphans']) => planPush([], remote, lock, { ...options, orphans }).actions;
    expect(actions('keep').map((a) => `${a.type} ${'kind' in a ? a.kind : ''} ${a.path} ${a.type === 'orphan' ? a.policy : ''}`)).toEqual(['orphan page guide/setup.md keep', 'orphan folder guide/ keep']);
    expect(actions('archive')[1]).toEqual({ type: 'orphan', kind: 'folder', path: 'guide/', pageId: '300', title: 'guide', policy: 'delete', blocked: undefined });
    expect(actions('delete')[1]).toMatchObject({ kind: 'folder', policy: 'delete', blocked: undefined });
  });

  it('keeps an orphaned folder that holds something it does not manage', () => {
    const { lock, remote } = published();
    const pages = new Map(remote.pages).set('555', rp('555', 'Hand-made', '300'));
    const folders = new Map(remote.folders).set('556', rf('556', 'Their folder', '300'));
    const [, orphan] = planPush([], { ...remote, pages, folders }, lock, { ...options, orphans: 'delete' }).actions;
    expect(orphan).toMatchObject({ kind: 'folder', blocked: expect.stringMatching(/not managed[\s\S]*"Hand-made", "Their folder"/) });
  });

  it('switching "folders" from page to folder creates the folder, moves the pages, and orphans the old folder page', () => {
    const asPage = { ...page('guide/', 'guide', { kind: 'root' }), storage: '', storageHash: sha256('') };
    const lock: Lockfile = {
      ...empty,
      pages: {
        'guide/': { pageId: '400', title: 'guide', parentId: ROOT, version: 1, storageHash: asPage.storageHash, fingerprint: asPage.fingerprint, labels: [], attachments: {} },
        'guide/setup.md': { pageId: '301', title: 'Setup', parentId: '400', version: 2, storageHash: setup.storageHash, fingerprint: setup.fingerprint, labels: [], attachments: {} },
      },
    };
    const remote = snapshot([rp('400', 'guide', ROOT), rp('301', 'Setup', '400', versionMessage(setup.fingerprint, setup.path))]);
    const plan = planPush(tree, { ...remote, pages: new Map(remote.pages).set('400', { ...rp('400', 'guide', ROOT), version: 1 }) }, lock, { ...options, orphans: 'delete' });
    expect(plan.problems).toEqual([]);
    expect(plan.actions.map((a) => `${a.type} ${'kind' in a ? a.kind : 'page'} ${a.path}`)).toEqual(['create folder guide/', 'update page guide/setup.md', 'orphan page guide/']);
    expect(plan.actions[2]).toMatchObject({ pageId: '400', policy: 'delete', blocked: undefined });
  });
});
