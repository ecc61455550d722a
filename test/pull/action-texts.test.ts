import { describe, expect, it } from 'vitest';
import { textsOnDemand, withoutTexts } from '../../src/pull/action-texts.js';
import type { PageAction } from '../../src/pull/plan.js';
import { jsonAction } from '../../src/pull/report.js';

/**
 * A pull's actions read Confluence's side of each page back from the pull's temporary file each
 * time they are used (sync/pull.ts), and its result reports them without any text.
 */
const remote = '---\npageId: "42"\ntitle: "Remote"\n---\n\nConfluence\'s side, Grüße 😀\n';
const write = (over: Partial<Extract<PageAction, { type: 'write' }>> = {}): PageAction => ({
  type: 'write',
  kind: 'new',
  pageId: '42',
  title: 'Remote',
  path: 'remote.md',
  from: undefined,
  text: remote,
  remoteText: remote,
  fromVersion: undefined,
  toVersion: 3,
  ...over,
});
/** A reader that counts its reads (the spool's copy of the text: equal, not the same string). */
const reader = () => {
  const counted = { reads: 0, read: () => (counted.reads++, `${remote}`) };
  return counted;
};

describe('textsOnDemand', () => {
  it("reads a written page's text and Confluence's side through the reader, each time it is used", () => {
    const spool = reader();
    const action = textsOnDemand(write(), remote, spool.read);
    expect(spool.reads).toBe(0);
    expect(action).toEqual(write());
    if (action.type !== 'write') throw new Error('a write');
    const reads = spool.reads;
    expect(action.text).toBe(remote);
    expect(action.remoteText).toBe(remote);
    expect(spool.reads).toBe(reads + 2);
    // The same fields in the same order, as --json and the tests see them.
    expect(Object.keys(action)).toEqual(Object.keys(write()));
  });

  it("keeps a merge's own text, reading only Confluence's side", () => {
    const spool = reader();
    const merged = 'the merged text\n';
    const action = textsOnDemand(write({ kind: 'merge', text: merged }), remote, spool.read);
    if (action.type !== 'write') throw new Error('a write');
    expect(Object.getOwnPropertyDescriptor(action, 'text')!.value).toBe(merged);
    expect(action.remoteText).toBe(remote);
    expect(spool.reads).toBe(1);
  });

  it("reads a conflict's Confluence side, and leaves one without it and the other actions as they are", () => {
    const spool = reader();
    const conflict: PageAction = { type: 'conflict', pageId: '42', title: 'Remote', path: 'remote.md', remotePath: 'remote.remote.md', remoteText: remote, why: 'changed on both sides', fromVersion: 2, toVersion: 3 };
    const onDemand = textsOnDemand(conflict, remote, spool.read);
    expect(Object.getOwnPropertyDescriptor(onDemand, 'remoteText')!.get).toBeDefined();
    expect(onDemand).toEqual(conflict);
    const without: PageAction = { ...conflict, remotePath: undefined, remoteText: undefined };
    expect(textsOnDemand(without, remote, spool.read)).toEqual(without);
    const unchanged: PageAction = { type: 'unchanged', pageId: '42', title: 'Remote', path: 'remote.md' };
    expect(textsOnDemand(unchanged, remote, spool.read)).toBe(unchanged);
  });

  it('says what the reader says when the text is gone', () => {
    const action = textsOnDemand(write(), remote, () => {
      throw new Error('the pulled text of page 42 "Remote" is no longer in the pull\'s temporary file');
    });
    if (action.type !== 'write') throw new Error('a write');
    expect(() => action.remoteText).toThrow('no longer in the pull');
  });
});

describe('withoutTexts', () => {
  it('drops the texts without reading them (the temporary file may be gone)', () => {
    const action = textsOnDemand(write({ kind: 'update', fromVersion: 2 }), remote, () => {
      throw new Error('read');
    });
    const expected = { type: 'write', kind: 'update', pageId: '42', title: 'Remote', path: 'remote.md', from: undefined, fromVersion: 2, toVersion: 3 };
    expect(withoutTexts(action)).toEqual(expected);
    expect(Object.keys(withoutTexts(action))).not.toContain('text');
    expect(jsonAction(withoutTexts(action))).toEqual(expected);
  });

  it('leaves the actions that hold no text as they are', () => {
    const deleted: PageAction = { type: 'delete', pageId: '7', title: 'Gone', path: 'gone.md', why: 'deleted in Confluence' };
    expect(withoutTexts(deleted)).toEqual(deleted);
    expect(withoutTexts(deleted)).not.toBe(deleted);
  });
});
