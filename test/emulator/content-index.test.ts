import { describe, expect, it } from 'vitest';
import { documentsTitled, tasksOn } from '../../src/emulator/content-index.js';
import { createDocument, deleteDocument, titleTaken, updateDocument } from '../../src/emulator/documents.js';
import type { DocumentRecord } from '../../src/emulator/model.js';
import { defaultFidelity } from '../../src/emulator/options.js';
import { createSpace } from '../../src/emulator/routes/spaces.js';
import { Site } from '../../src/emulator/site.js';
import { clearSite, restoreSite, snapshotSite } from '../../src/emulator/state.js';
import { current } from '../../src/emulator/views.js';

const user = { accountId: '557058:index', email: 'i@example.com', displayName: 'I' };

function siteWithSpace() {
  const site = new Site('cloud-i', 'index', 'http://127.0.0.1:1', defaultFidelity, 1);
  const space = createSpace(site, user, { key: 'IDX', name: 'Index' });
  return { site, spaceId: space.id };
}

const storage = (value: string) => ({ representation: 'storage', value });

function create(site: Site, spaceId: string, title: string, body = '<p>x</p>', kind: DocumentRecord['kind'] = 'page'): DocumentRecord {
  return createDocument(site, user, { kind, body: { spaceId, title, body: storage(body) }, rootLevel: false });
}

function update(site: Site, record: DocumentRecord, changes: { title?: string; body?: string; status?: string }): DocumentRecord {
  const latest = current(record);
  return updateDocument(site, user, record, {
    id: record.id,
    status: changes.status ?? 'current',
    title: changes.title ?? latest.title,
    version: { number: latest.number + 1 },
    ...(changes.body === undefined ? {} : { body: storage(changes.body) }),
  });
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('the title index', () => {
  it('finds a page by its current title, ignoring case, and forgets its old title', () => {
    const { site, spaceId } = siteWithSpace();
    const page = create(site, spaceId, 'Alpha');
    expect(ids(documentsTitled(site, 'page', spaceId, 'alpha'))).toEqual([page.id]);
    update(site, page, { title: 'Beta' });
    expect(documentsTitled(site, 'page', spaceId, 'Alpha')).toEqual([]);
    expect(ids(documentsTitled(site, 'page', spaceId, 'BETA'))).toEqual([page.id]);
    expect(titleTaken(site, 'page', spaceId, 'Alpha')).toBe(false);
    expect(titleTaken(site, 'page', spaceId, 'beta')).toBe(true);
    expect(titleTaken(site, 'page', spaceId, 'Beta', page.id)).toBe(false);
  });

  it('keeps pages, blog posts and spaces apart', () => {
    const { site, spaceId } = siteWithSpace();
    const other = createSpace(site, user, { key: 'OTH', name: 'Other' }).id;
    const page = create(site, spaceId, 'Same');
    const post = create(site, spaceId, 'Same', '<p>b</p>', 'blogpost');
    const elsewhere = create(site, other, 'Same');
    expect(ids(documentsTitled(site, 'page', spaceId, 'Same'))).toEqual([page.id]);
    expect(ids(documentsTitled(site, 'blogpost', spaceId, 'Same'))).toEqual([post.id]);
    expect(ids(documentsTitled(site, 'page', other, 'Same'))).toEqual([elsewhere.id]);
  });

  it('knows the homepage a space is made with', () => {
    const { site, spaceId } = siteWithSpace();
    expect(titleTaken(site, 'page', spaceId, 'Index Home')).toBe(true);
    expect(() => create(site, spaceId, 'Index Home')).toThrow(/already exists/);
  });

  it('gives every page of a title, of any status, in the order of the site', () => {
    const { site, spaceId } = siteWithSpace();
    const older = create(site, spaceId, 'Older');
    const newer = create(site, spaceId, 'Reused');
    deleteDocument(site, newer, false);
    expect(titleTaken(site, 'page', spaceId, 'Reused')).toBe(false);
    // The older page takes the title after the newer one had it: the site's order still holds.
    update(site, older, { title: 'reused' });
    expect(ids(documentsTitled(site, 'page', spaceId, 'REUSED'))).toEqual([older.id, newer.id]);
    expect(titleTaken(site, 'page', spaceId, 'Reused', older.id)).toBe(false);
  });

  it('answers for the restored data after a state restore and after a reset', () => {
    const { site, spaceId } = siteWithSpace();
    const saved = snapshotSite(site);
    const page = create(site, spaceId, 'Later');
    expect(titleTaken(site, 'page', spaceId, 'Later')).toBe(true);
    restoreSite(site, saved);
    expect(titleTaken(site, 'page', spaceId, 'Later')).toBe(false);
    expect(titleTaken(site, 'page', spaceId, 'Index Home')).toBe(true);
    const again = create(site, spaceId, 'Later');
    expect(again.id).toBe(page.id);
    clearSite(site, 0, 1);
    expect(titleTaken(site, 'page', spaceId, 'Later')).toBe(false);
  });

  it('stamps a link to another page with that page’s current version', () => {
    const { site, spaceId } = siteWithSpace();
    const target = create(site, spaceId, 'Target');
    update(site, target, { body: '<p>two</p>' });
    const linking = create(site, spaceId, 'Linking', '<p><ac:link><ri:page ri:content-title="Target" /></ac:link></p>');
    expect(current(linking).body).toContain('ri:version-at-save="2"');
    update(site, target, { title: 'Renamed' });
    const stale = create(site, spaceId, 'Stale', '<p><ac:link><ri:page ri:content-title="Target" /></ac:link></p>');
    expect(current(stale).body).not.toContain('ri:version-at-save');
  });
});

describe('the task index', () => {
  const tasks = (...ids: string[]) =>
    `<ac:task-list>${ids.map((id) => `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>t${id}</ac:task-body></ac:task>`).join('')}</ac:task-list>`;

  it('gives the tasks of each page, as they are after each save', () => {
    const { site, spaceId } = siteWithSpace();
    const a = create(site, spaceId, 'A', tasks('1', '2'));
    const b = create(site, spaceId, 'B', tasks('1'));
    expect(tasksOn(site, a.id).map((t) => t.localId)).toEqual(['1', '2']);
    update(site, a, { body: tasks('2', '3') });
    expect(tasksOn(site, a.id).map((t) => t.localId)).toEqual(['2', '3']);
    expect(tasksOn(site, b.id).map((t) => t.localId)).toEqual(['1']);
    const saved = snapshotSite(site);
    update(site, b, { body: '<p>none</p>' });
    expect(tasksOn(site, b.id)).toEqual([]);
    restoreSite(site, saved);
    expect(tasksOn(site, b.id).map((t) => t.localId)).toEqual(['1']);
  });
});
