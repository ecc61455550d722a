import { describe, expect, it } from 'vitest';
import type { Lockfile } from '../../src/lockfile/schema.js';
import { pageFingerprint, sha256 } from '../../src/plan/fingerprint.js';
import { planPush, type PushPlanOptions } from '../../src/plan/push.js';
import type { RemotePage, RemoteSnapshot, RenderedPage } from '../../src/plan/types.js';
import { versionMessage } from '../../src/plan/version-tag.js';
import type { ParentRef } from '../../src/tree/build.js';

const ROOT = '100';
const options: PushPlanOptions = { orphans: 'keep', force: false, partial: false };

function page(path: string, title: string, parent: ParentRef, extra: Partial<RenderedPage> = {}): RenderedPage {
  const storage = extra.storage ?? `<p>${title}</p>`;
  const storageHash = sha256(storage);
  const labels = extra.labels ?? [];
  const attachments = extra.attachments ?? [];
  const parentKey = parent.kind === 'path' ? parent.path : parent.kind === 'page' ? parent.pageId : 'root';
  return {
    path,
    kind: 'page',
    title,
    parent,
    pageId: undefined,
    labels,
    storage,
    storageHash,
    attachments,
    fingerprint: pageFingerprint({ storageHash, title, parentKey, labels, attachments }),
    notify: false,
    ...extra,
  };
}

const home = (extra: Partial<RenderedPage> = {}) => page('index.md', 'Home', { kind: 'root' }, extra);
const guide = (extra: Partial<RenderedPage> = {}) => page('guide.md', 'Guide', { kind: 'path', path: 'index.md' }, extra);

function remote(pages: RemotePage[]): RemoteSnapshot {
  return { spaceId: '1', spaceKey: 'DOCS', rootId: ROOT, pages: new Map(pages.map((p) => [p.id, p])) };
}

function r(id: string, title: string, parentId: string | null, version: number, versionMessage = '', extra: Partial<RemotePage> = {}): RemotePage {
  return { id, title, parentId, status: 'current', version, versionMessage, authorId: 'someone', modifiedAt: '2026-11-01T00:00:00.000Z', ...extra };
}

/** The lockfile and remote state right after publishing `pages` (ids 200, 201, …). */
function published(pages: RenderedPage[]): { lock: Lockfile; snapshot: RemoteSnapshot } {
  const ids = new Map(pages.map((p, i) => [p.path, String(200 + i)]));
  const lock: Lockfile = { lockfileVersion: 1, pages: {}, pendingCreates: {} };
  const remotes: RemotePage[] = [r(ROOT, 'Space home', null, 1)];
  for (const p of pages) {
    const id = ids.get(p.path)!;
    const parentId = p.parent.kind === 'root' ? ROOT : p.parent.kind === 'page' ? p.parent.pageId : ids.get(p.parent.path)!;
    lock.pages[p.path] = {
      pageId: id,
      title: p.title,
      parentId,
      version: 3,
      storageHash: p.storageHash,
      fingerprint: p.fingerprint,
      labels: [...p.labels],
      attachments: Object.fromEntries(p.attachments.map((a) => [a.filename, { sha256: a.sha256 }])),
    };
    remotes.push(r(id, p.title, parentId, 3, versionMessage(p.fingerprint, p.path)));
  }
  return { lock, snapshot: remote(remotes) };
}

const empty: Lockfile = { lockfileVersion: 1, pages: {}, pendingCreates: {} };
const kinds = (plan: ReturnType<typeof planPush>) => plan.actions.map((a) => `${a.type} ${a.path}`);

describe('planPush', () => {
  it('creates every page of a new tree, parents first, children under pages created in the same run', () => {
    const plan = planPush([home(), guide()], remote([r(ROOT, 'Space home', null, 1)]), empty, options);
    expect(plan.problems).toEqual([]);
    expect(plan.actions).toEqual([
      { type: 'create', kind: 'page', path: 'index.md', title: 'Home', parent: { kind: 'id', id: ROOT }, labels: { add: [], remove: [] }, attachments: [] },
      { type: 'create', kind: 'page', path: 'guide.md', title: 'Guide', parent: { kind: 'created', path: 'index.md' }, labels: { add: [], remove: [] }, attachments: [] },
    ]);
  });

  it('plans nothing when nothing changed on either side', () => {
    const pages = [home(), guide({ labels: ['a'] })];
    const { lock, snapshot } = published(pages);
    expect(kinds(planPush(pages, snapshot, lock, options))).toEqual(['noop index.md', 'noop guide.md']);
  });

  it('updates the body of an edited file from the remote version', () => {
    const { lock, snapshot } = published([home(), guide()]);
    const plan = planPush([home(), guide({ storage: '<p>new</p>' })], snapshot, lock, options);
    expect(plan.actions[1]).toMatchObject({ type: 'update', path: 'guide.md', pageId: '201', fromVersion: 3, changes: ['body'], writesVersion: true, forced: false });
  });

  it('renames without resending an unchanged body, and moves to a new parent', () => {
    const { lock, snapshot } = published([home(), guide(), page('other.md', 'Other', { kind: 'path', path: 'index.md' })]);
    const renamed = page('guide.md', 'Guide v2', { kind: 'path', path: 'index.md' }, { storage: '<p>Guide</p>' });
    const moved = page('other.md', 'Other', { kind: 'path', path: 'guide.md' });
    const plan = planPush([home(), renamed, moved], snapshot, lock, options);
    expect(plan.actions[1]).toMatchObject({ type: 'update', changes: ['title'] });
    expect(plan.actions[2]).toMatchObject({ type: 'update', changes: ['parent'], parent: { kind: 'id', id: '201' } });
  });

  it('refuses to overwrite a page edited in Confluence (conflict), unless forced', () => {
    const { lock, snapshot } = published([home(), guide()]);
    const edited = new Map(snapshot.pages);
    edited.set('201', r('201', 'Guide', '200', 4, '', { authorId: 'alice', modifiedAt: '2026-11-02T10:00:00.000Z' }));
    const pages = [home(), guide({ storage: '<p>mine</p>' })];
    const plan = planPush(pages, { ...snapshot, pages: edited }, lock, options);
    expect(plan.actions[1]).toEqual({ type: 'conflict', path: 'guide.md', pageId: '201', title: 'Guide', lockedVersion: 3, remoteVersion: 4, by: 'alice', at: '2026-11-02T10:00:00.000Z' });
    // A remote edit is a conflict even when the local file did not change.
    expect(planPush([home(), guide()], { ...snapshot, pages: edited }, lock, options).actions[1]!.type).toBe('conflict');
    const forced = planPush(pages, { ...snapshot, pages: edited }, lock, { ...options, force: true });
    expect(forced.actions[1]).toMatchObject({ type: 'update', fromVersion: 4, changes: ['body'], forced: true });
  });

  it('recognises its own write whose lockfile record was lost (crash), by the version tag', () => {
    const before = guide();
    const after = guide({ storage: '<p>written, then crash</p>' });
    const { lock, snapshot } = published([home(), before]);
    const pages = new Map(snapshot.pages);
    pages.set('201', r('201', 'Guide', '200', 4, versionMessage(after.fingerprint, 'guide.md')));
    expect(kinds(planPush([home(), after], { ...snapshot, pages }, lock, options))).toEqual(['noop index.md', 'noop guide.md']);
    const newer = guide({ storage: '<p>newer still</p>' });
    expect(planPush([home(), newer], { ...snapshot, pages }, lock, options).actions[1]).toMatchObject({ type: 'update', fromVersion: 4, changes: ['body'] });
  });

  it('finds its pages again without a lockfile (fresh CI checkout), and makes no duplicate', () => {
    const pages = [home(), guide()];
    const { snapshot } = published(pages);
    const plan = planPush(pages, snapshot, empty, options);
    expect(plan.problems).toEqual([]);
    expect(kinds(plan)).toEqual(['noop index.md', 'noop guide.md']);
  });

  it('refuses to take over a page it does not manage, saying how to adopt it', () => {
    const plan = planPush([home()], remote([r(ROOT, 'Space home', null, 1), r('300', 'home', ROOT, 7, 'edited by hand')]), empty, options);
    expect(plan.actions).toEqual([]);
    expect(plan.problems[0]!.message).toMatch(/a page titled "home" \(id 300\) already exists in space DOCS and is not managed[\s\S]*pageId: 300/);
  });

  it('adopts a page whose create was started but not recorded (crash between request and lockfile)', () => {
    const snapshot = remote([r(ROOT, 'Space home', null, 1), r('300', 'Home', ROOT, 1, '')]);
    const plan = planPush([home()], snapshot, { ...empty, pendingCreates: { 'index.md': { title: 'Home' } } }, options);
    expect(plan.problems).toEqual([]);
    // The body is sent again (no storage hash recorded with the pending create), and the marker written.
    expect(plan.actions[0]).toMatchObject({ type: 'update', pageId: '300', changes: ['body', 'marker'] });
  });

  it('finishes a create whose labels and attachments were not recorded, instead of taking it as unchanged', () => {
    const a = { filename: 'a.png', file: 'a.png', sha256: 'aaa' };
    const g = guide({ labels: ['x'], attachments: [a] });
    const { lock, snapshot } = published([home(), g]);
    // The record written right after the create: version 1, our storage, an empty fingerprint.
    lock.pages['guide.md'] = { ...lock.pages['guide.md']!, version: 1, fingerprint: '', labels: [], attachments: {} };
    const pages = new Map(snapshot.pages);
    pages.set('201', r('201', 'Guide', '200', 1, ''));
    const plan = planPush([home(), g], { ...snapshot, pages }, lock, options);
    expect(plan.actions[1]).toMatchObject({ type: 'update', changes: ['labels', 'attachments', 'marker'], labels: { add: ['x'], remove: [] }, attachments: ['a.png'], writesVersion: false });
  });

  it('does not send the body again for a pending create still at version 1 with the storage it recorded', () => {
    const g = guide({ labels: ['x'] });
    const snapshot = remote([r(ROOT, 'Space home', null, 1), r('300', 'Guide', ROOT, 1, '')]);
    const lock = { ...empty, pendingCreates: { 'guide.md': { title: 'Guide', storageHash: g.storageHash } } };
    const plan = planPush([{ ...g, parent: { kind: 'root' } }], snapshot, lock, options);
    expect(plan.actions[0]).toMatchObject({ type: 'update', pageId: '300', changes: ['labels', 'marker'], writesVersion: false });
    // Another storage now (the file changed after the crash): the body is sent.
    const changed = planPush([{ ...guide({ storage: '<p>edited since</p>' }), parent: { kind: 'root' } }], snapshot, lock, options);
    expect(changed.actions[0]).toMatchObject({ type: 'update', changes: ['body', 'marker'], writesVersion: true });
  });

  it('recognises an untouched first version by the fingerprint in its marker when there is no lockfile', () => {
    const g = guide({ labels: ['x'] });
    const created = (extra: Partial<RemotePage>) => remote([r(ROOT, 'Space home', null, 1), r('200', 'Home', ROOT, 1, '', { markerPath: 'index.md', markerFingerprint: home().fingerprint, markerStorageHash: home().storageHash }), r('201', 'Guide', '200', 1, '', extra)]);
    const marked = created({ markerPath: 'guide.md', markerFingerprint: g.fingerprint, markerStorageHash: g.storageHash });
    expect(kinds(planPush([home(), g], marked, empty, options))).toEqual(['noop index.md', 'noop guide.md']);
    // The same with the page IDs in the frontmatter (a fresh checkout of a tree published before).
    expect(kinds(planPush([home({ pageId: '200' }), { ...g, pageId: '201' }], marked, empty, options))).toEqual(['noop index.md', 'noop guide.md']);
    // A marker of the first version with other content: the changes are sent, as an update of ours.
    const other = created({ markerPath: 'guide.md', markerFingerprint: guide().fingerprint, markerStorageHash: g.storageHash });
    expect(planPush([home(), g], other, empty, options).actions[1]).toMatchObject({ type: 'update', changes: ['labels'], writesVersion: false, forced: false });
  });

  it('treats a remote edit of its own page as a conflict even when the frontmatter names the page (no lockfile, or a moved file)', () => {
    const pages = [home(), guide()];
    const { lock, snapshot } = published(pages);
    const edited = new Map(snapshot.pages);
    edited.set('201', r('201', 'Guide', '200', 4, 'edited by hand', { markerPath: 'guide.md' }));
    const withIds = [home({ pageId: '200' }), guide({ pageId: '201' })];
    expect(planPush(withIds, { ...snapshot, pages: edited }, empty, options).actions[1]).toMatchObject({ type: 'conflict', pageId: '201', remoteVersion: 4 });
    // A moved file that kept its pageId: the lockfile knows the page under the old path.
    const moved = page('docs/guide.md', 'Guide', { kind: 'path', path: 'index.md' }, { pageId: '201' });
    expect(planPush([home(), moved], { ...snapshot, pages: edited }, lock, options).actions[1]).toMatchObject({ type: 'conflict', path: 'docs/guide.md', lockedVersion: 3 });
  });

  it('plans orphans children first, by their depth in Confluence', () => {
    const folder = page('sdk/index.md', 'SDKs', { kind: 'path', path: 'index.md' });
    const go = page('sdk/go.md', 'Go', { kind: 'path', path: 'sdk/index.md' });
    const zig = page('sdk/zig.md', 'Zig', { kind: 'path', path: 'sdk/index.md' });
    const { lock, snapshot } = published([home(), folder, go, zig]);
    const plan = planPush([home()], snapshot, lock, { ...options, orphans: 'delete' });
    expect(kinds(plan)).toEqual(['noop index.md', 'orphan sdk/zig.md', 'orphan sdk/go.md', 'orphan sdk/index.md']);
  });

  it('forgets an orphan that is archived already under the archive policy', () => {
    const { lock, snapshot } = published([home(), guide()]);
    const pages = new Map(snapshot.pages);
    pages.set('201', { ...pages.get('201')!, status: 'archived' });
    expect(planPush([home()], { ...snapshot, pages }, lock, { ...options, orphans: 'archive' }).actions[1]).toMatchObject({ type: 'orphan', path: 'guide.md', blocked: 'the page is archived already' });
  });

  it('takes over a page named by pageId in the frontmatter', () => {
    const plan = planPush([page('index.md', 'Home', { kind: 'root' }, { pageId: '300' })], remote([r(ROOT, 'Space home', null, 1), r('300', 'Old', ROOT, 7, 'by hand')]), empty, options);
    // The page becomes ours: it gets our marker.
    expect(plan.actions[0]).toMatchObject({ type: 'update', pageId: '300', fromVersion: 7, changes: ['title', 'body', 'marker'] });
  });

  it('follows a renamed file to its page instead of creating a duplicate and orphaning the old one', () => {
    const { lock, snapshot } = published([home(), guide()]);
    const moved = page('docs/guide.md', 'Guide', { kind: 'path', path: 'index.md' });
    const plan = planPush([home(), moved], snapshot, lock, options);
    expect(plan.problems).toEqual([]);
    expect(kinds(plan)).toEqual(['noop index.md', 'noop docs/guide.md']);
    expect(plan.actions[1]).toMatchObject({ pageId: '201' });
  });

  it('plans orphans by policy, blocking deletion of pages with foreign children or remote edits', () => {
    const { lock, snapshot } = published([home(), guide(), page('gone.md', 'Gone', { kind: 'path', path: 'index.md' })]);
    expect(planPush([home(), guide()], snapshot, lock, options).actions[2]).toEqual({ type: 'orphan', kind: 'page', path: 'gone.md', pageId: '202', title: 'Gone', policy: 'keep', blocked: undefined });
    expect(planPush([home(), guide()], snapshot, lock, { ...options, orphans: 'delete' }).actions[2]).toMatchObject({ policy: 'delete', blocked: undefined });
    const withChild = new Map(snapshot.pages);
    withChild.set('999', r('999', 'Hand-made child', '202', 1));
    expect(planPush([home(), guide()], { ...snapshot, pages: withChild }, lock, { ...options, orphans: 'delete' }).actions[2]).toMatchObject({
      blocked: expect.stringMatching(/child pages not managed[\s\S]*Hand-made child/),
    });
    expect(planPush([home(), guide()], snapshot, lock, { ...options, partial: true }).actions).toHaveLength(2);
  });

  it('adds and removes labels to match, and uploads only changed attachments', () => {
    const a = { filename: 'a.png', file: 'img/a.png', sha256: 'aaa' };
    const b = { filename: 'b.png', file: 'img/b.png', sha256: 'bbb' };
    const { lock, snapshot } = published([home(), guide({ labels: ['old', 'keep'], attachments: [a, b] })]);
    const plan = planPush([home(), guide({ labels: ['keep', 'new'], attachments: [a, { ...b, sha256: 'changed' }] })], snapshot, lock, options);
    expect(plan.actions[1]).toMatchObject({
      type: 'update',
      changes: ['labels', 'attachments'],
      labels: { add: ['new'], remove: ['old'] },
      attachments: ['b.png'],
      writesVersion: false,
    });
  });

  it('reports two files resolving to one page, and a parent page ID outside the space', () => {
    const plan = planPush(
      [page('a.md', 'A', { kind: 'root' }, { pageId: '300' }), page('b.md', 'B', { kind: 'page', pageId: '404' }, { pageId: '300' })],
      remote([r(ROOT, 'Space home', null, 1), r('300', 'A', ROOT, 1)]),
      empty,
      options,
    );
    expect(plan.problems.map((p) => p.path)).toEqual(['b.md']);
    expect(plan.problems[0]!.message).toMatch(/page 300, which a\.md is published as already/);
    const parentless = planPush([page('c.md', 'C', { kind: 'page', pageId: '404' })], remote([r(ROOT, 'Space home', null, 1)]), empty, options);
    expect(parentless.problems[0]!.message).toMatch(/parent page 404 is not a current page of space DOCS/);
  });

  it('creates again a page that was deleted in Confluence', () => {
    const { lock, snapshot } = published([home(), guide()]);
    const pages = new Map(snapshot.pages);
    pages.set('201', { ...pages.get('201')!, status: 'trashed' });
    expect(kinds(planPush([home(), guide()], { ...snapshot, pages }, lock, options))).toEqual(['noop index.md', 'create guide.md']);
  });
});
