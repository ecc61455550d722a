import { describe, expect, it } from 'vitest';
import { asRemoteCopy, bodyOf, foreignEntries, pulledFileText } from '../../src/pull/file-text.js';
import { mergeText } from '../../src/pull/merge.js';
import { stripNotice } from '../../src/pull/notice.js';
import { decidePage, decideRemoved, needsBase, needsBody, remotePathOf, type PageInput } from '../../src/pull/plan.js';
import { linkNeedles, mayLinkTo } from '../../src/pull/relink.js';

const input = (over: Partial<PageInput> = {}): PageInput => ({
  pageId: '7',
  title: 'Page',
  remoteVersion: 3,
  path: 'page.md',
  recorded: { path: 'page.md', version: 2 },
  local: { path: 'page.md', text: 'base\n', changed: false },
  remoteText: 'remote\n',
  baseText: undefined,
  ...over,
});
const force = { force: true };
const safe = { force: false };

describe('what is fetched', () => {
  const fetch = { remoteVersion: 2, path: 'a.md', recorded: { path: 'a.md', version: 2 }, localPath: 'a.md', relinked: false };
  it('a body only for a new version, a new place, or links to files that move', () => {
    expect(needsBody(fetch)).toBe(false);
    expect(needsBody({ ...fetch, remoteVersion: 3 })).toBe(true);
    expect(needsBody({ ...fetch, recorded: undefined })).toBe(true);
    expect(needsBody({ ...fetch, path: 'b/a.md' })).toBe(true);
    expect(needsBody({ ...fetch, relinked: true })).toBe(true);
    // The lockfile path counts when the file is gone.
    expect(needsBody({ ...fetch, localPath: undefined })).toBe(false);
  });
  it('the last synced version only for a file changed on both sides', () => {
    expect(needsBase({ ...fetch, remoteVersion: 3, localChanged: false })).toBe('none');
    expect(needsBase({ ...fetch, remoteVersion: 3, localChanged: true })).toBe('fetch');
    expect(needsBase({ ...fetch, path: 'b/a.md', localChanged: true })).toBe('same');
    expect(needsBase({ ...fetch, localChanged: true })).toBe('none');
    expect(needsBase({ ...fetch, remoteVersion: 3, recorded: undefined, localChanged: true })).toBe('none');
  });
});

describe('decidePage', () => {
  it('nothing fetched: unchanged', () => {
    expect(decidePage(input({ remoteText: undefined }), safe)).toMatchObject({ type: 'unchanged', path: 'page.md' });
  });
  it('a page not pulled before is new', () => {
    expect(decidePage(input({ recorded: undefined, local: undefined }), safe)).toMatchObject({ type: 'write', kind: 'new', text: 'remote\n', toVersion: 3 });
  });
  it('a file unchanged here takes Confluence\'s version, also at a new place', () => {
    expect(decidePage(input(), safe)).toMatchObject({ type: 'write', kind: 'update', from: undefined, text: 'remote\n', fromVersion: 2, toVersion: 3 });
    expect(decidePage(input({ path: 'b/page.md', remoteVersion: 2 }), safe)).toMatchObject({ type: 'write', kind: 'move', from: 'page.md', path: 'b/page.md' });
    expect(decidePage(input({ remoteVersion: 2 }), safe)).toMatchObject({ type: 'write', kind: 'update' });
  });
  it('a file already holding what Confluence has is only recorded (a rerun after an interrupted pull)', () => {
    expect(decidePage(input({ local: { path: 'page.md', text: 'remote\n', changed: true } }), safe)).toMatchObject({ type: 'write', kind: 'record' });
    expect(decidePage(input({ recorded: undefined, local: { path: 'page.md', text: 'remote\n', changed: true } }), safe)).toMatchObject({ type: 'write', kind: 'record' });
  });
  it('changed on both sides: a clean merge is written; the lockfile still records Confluence\'s side', () => {
    const action = decidePage(input({ local: { path: 'page.md', text: 'a\nb local\nc\nd\n', changed: true }, baseText: 'a\nb\nc\nd\n', remoteText: 'a\nb\nc\nd remote\n' }), safe);
    expect(action).toMatchObject({ type: 'write', kind: 'merge', text: 'a\nb local\nc\nd remote\n', remoteText: 'a\nb\nc\nd remote\n' });
  });
  it('changed on both sides on the same lines: a conflict; Confluence\'s side goes beside the file', () => {
    const action = decidePage(input({ local: { path: 'page.md', text: 'a\nb local\n', changed: true }, baseText: 'a\nb\n', remoteText: 'a\nb remote\n' }), safe);
    expect(action).toEqual({
      type: 'conflict',
      pageId: '7',
      title: 'Page',
      path: 'page.md',
      remotePath: 'page.remote.md',
      remoteText: 'a\nb remote\n',
      why: 'changed here and in Confluence (v2 → v3); 1 part changed on both sides',
      fromVersion: 2,
      toVersion: 3,
    });
    expect(decidePage(input({ local: { path: 'page.md', text: 'x', changed: true }, baseText: 'a\nb\n' }), force)).toMatchObject({ type: 'write', kind: 'force', text: 'remote\n' });
  });
  it('without the version of the last sync there is nothing to merge against: a conflict', () => {
    expect(decidePage(input({ local: { path: 'page.md', text: 'x', changed: true } }), safe)).toMatchObject({ type: 'conflict', why: expect.stringContaining('cannot be read to merge') });
    expect(decidePage(input({ recorded: undefined, local: { path: 'page.md', text: 'x', changed: true } }), safe)).toMatchObject({ type: 'conflict', why: expect.stringContaining('no record of the last sync') });
  });
  it('a file deleted here: left for push while the page is unchanged, else a conflict (--force restores it)', () => {
    expect(decidePage(input({ local: undefined, remoteVersion: 2, path: 'b/page.md' }), safe)).toMatchObject({ type: 'local', path: 'page.md' });
    expect(decidePage(input({ local: undefined }), safe)).toMatchObject({ type: 'conflict', remotePath: 'page.remote.md' });
    expect(decidePage(input({ local: undefined }), force)).toMatchObject({ type: 'write', kind: 'restore' });
  });
});

describe('decideRemoved', () => {
  const removed = { pageId: '7', title: 'Page', path: 'page.md', why: 'deleted in Confluence' };
  it('removes an unchanged file, keeps a changed one as a conflict, forgets a missing one', () => {
    expect(decideRemoved({ ...removed, local: { path: 'page.md', text: '', changed: false } }, safe)).toMatchObject({ type: 'delete', path: 'page.md' });
    expect(decideRemoved({ ...removed, local: { path: 'page.md', text: '', changed: true } }, safe)).toMatchObject({ type: 'conflict', remotePath: undefined });
    expect(decideRemoved({ ...removed, local: { path: 'page.md', text: '', changed: true } }, force)).toMatchObject({ type: 'delete' });
    expect(decideRemoved({ ...removed, local: undefined }, safe)).toMatchObject({ type: 'forget' });
  });
  it('remote copies sit beside the file', () => {
    expect(remotePathOf('a/b.md')).toBe('a/b.remote.md');
    expect(remotePathOf('a/index.md')).toBe('a/index.remote.md');
  });
});

describe('mergeText', () => {
  it('takes one-sided changes, identical changes once, and marks the rest (changes to adjacent lines conflict, as in git)', () => {
    expect(mergeText('a\nb\nc\nd', 'a\nB\nc\nd', 'a\nb\nc\nD')).toEqual({ clean: true, text: 'a\nB\nc\nD' });
    expect(mergeText('a\nb\nc', 'a\nB\nc', 'a\nb\nC')).toMatchObject({ clean: false, conflicts: 1 });
    expect(mergeText('a\nb', 'a\nX', 'a\nX')).toEqual({ clean: true, text: 'a\nX' });
    expect(mergeText('a\nb', 'a\nL', 'a\nR')).toEqual({ clean: false, conflicts: 1, text: 'a\n<<<<<<< local\nL\n||||||| last sync\nb\n=======\nR\n>>>>>>> confluence' });
  });
});

describe('the file text', () => {
  it('writes owned fields as JSON strings, the body after a blank line', () => {
    expect(pulledFileText({ idKey: 'pageId', id: '12', title: '2026-01-02', labels: ['a', 'b'] }, '# Hi\n')).toBe('---\npageId: "12"\ntitle: "2026-01-02"\nlabels: ["a", "b"]\n---\n\n# Hi\n');
    expect(pulledFileText({ idKey: 'pageId', id: '12', title: 'T', labels: [], parent: '../x.md' }, '')).toBe('---\npageId: "12"\ntitle: "T"\nparent: "../x.md"\n---\n');
  });
  it('keeps the other tools\' fields of the existing file, drops the ones it owns', () => {
    const existing = '---\npageId: "12"\ntitle: Old\nsidebar_position: 3\ntags:\n  - x\n  - y\ntoc: true\n---\n\nbody\n';
    expect(foreignEntries(existing)).toEqual(['sidebar_position: 3', 'tags:\n  - x\n  - y']);
    expect(pulledFileText({ idKey: 'pageId', id: '12', title: 'New', labels: [] }, 'text', existing)).toBe('---\npageId: "12"\ntitle: "New"\nsidebar_position: 3\ntags:\n  - x\n  - y\n---\n\ntext\n');
    expect(bodyOf(existing)).toBe('body\n');
  });
  it('the remote copy of a conflict is left out of push', () => {
    expect(asRemoteCopy('---\npageId: "1"\n---\n')).toBe('---\nconfluence: false\npageId: "1"\n---\n');
    expect(asRemoteCopy('---\nconfluence: false\n---\n')).toBe('---\nconfluence: false\n---\n');
  });
});

describe('stripNotice', () => {
  const notice = '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>Published from <code>docs/a.md</code>.</p></ac:rich-text-body></ac:structured-macro>';
  it('removes the notice push put at the top, also after Confluence added macro ids', () => {
    const saved = '<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="abc"><ac:rich-text-body><p>Published from <code>docs/a.md</code>.</p></ac:rich-text-body></ac:structured-macro><p>Body</p>';
    expect(stripNotice(saved, notice)).toBe('<p>Body</p>');
  });
  it('leaves a body that does not start with it alone', () => {
    expect(stripNotice('<p>Body</p>', notice)).toBe('<p>Body</p>');
    expect(stripNotice(notice.replace('a.md', 'b.md') + '<p>Body</p>', notice)).toBe(notice.replace('a.md', 'b.md') + '<p>Body</p>');
    expect(stripNotice('<p>Body</p>', '')).toBe('<p>Body</p>');
  });
});

describe('links to files that move', () => {
  it('are found by the file or folder name', () => {
    expect(linkNeedles('guide/faq.md')).toEqual(['faq.md']);
    expect(linkNeedles('guide/index.md')).toEqual(['guide/']);
    expect(linkNeedles('my notes.md')).toEqual(['my notes.md', 'my%20notes.md']);
    expect(mayLinkTo('See [FAQ](../guide/faq.md).', linkNeedles('guide/faq.md'))).toBe(true);
    expect(mayLinkTo('No links.', linkNeedles('guide/faq.md'))).toBe(false);
  });
});
