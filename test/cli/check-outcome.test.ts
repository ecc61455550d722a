import { describe, expect, it } from 'vitest';
import { CHECK_ERRORS, checkOutcome, checkVerdict } from '../../src/cli/check-outcome.js';
import type { ConversionWarning } from '../../src/convert/index.js';
import type { Action, Plan } from '../../src/plan/types.js';

const act = (a: Record<string, unknown>) => a as unknown as Action;
const noop = act({ type: 'noop', path: 'a.md', pageId: '5', title: 'A', version: 1, parentId: '1' });
const update = act({ type: 'update', path: 'b.md', pageId: '6', title: 'B', fromVersion: 1, parent: { kind: 'id', id: '1' }, changes: ['body'], labels: { add: [], remove: [] }, attachments: [], writesVersion: true, forced: false });
const conflict = act({ type: 'conflict', path: 'c.md', pageId: '7', title: 'C', lockedVersion: 1, remoteVersion: 2, by: 'x', at: 'y' });
const keptOrphan = act({ type: 'orphan', path: 'gone.md', pageId: '8', title: 'Gone', policy: 'keep', blocked: undefined });
const blockedDelete = act({ type: 'orphan', path: 'gone.md', pageId: '8', title: 'Gone', policy: 'delete', blocked: 'it was edited in Confluence since it was published' });
const delete_ = act({ type: 'orphan', path: 'gone.md', pageId: '8', title: 'Gone', policy: 'delete', blocked: undefined });

const plan = (...actions: Action[]): Plan => ({ formatVersion: 1, spaceKey: 'DOCS', spaceId: '1', rootId: '1', actions, problems: [] });
const warning = (code: ConversionWarning['code']): ConversionWarning => ({ file: 'a.md', line: 3, column: 5, code, message: 'm' });

describe('checkOutcome', () => {
  it('up to date: exit 0, with or without --detailed-exitcode; kept orphans change nothing', () => {
    expect(checkOutcome(plan(noop, keptOrphan, blockedDelete), [], false)).toMatchObject({ status: 'up-to-date', exitCode: 0 });
    expect(checkOutcome(plan(noop), [warning('code-language-unknown'), warning('anchor-ambiguous')], true)).toMatchObject({ status: 'up-to-date', exitCode: 0 });
  });

  it('would change: exit 0, or 4 with --detailed-exitcode', () => {
    expect(checkOutcome(plan(noop, update), [], false)).toMatchObject({ status: 'changes', exitCode: 0 });
    expect(checkOutcome(plan(noop, update), [], true)).toMatchObject({ status: 'changes', exitCode: 4 });
    expect(checkOutcome(plan(delete_), [], true)).toMatchObject({ status: 'changes', exitCode: 4 });
  });

  it('conflicts: exit 2, before changes', () => {
    expect(checkOutcome(plan(update, conflict), [], true)).toMatchObject({ status: 'conflicts', exitCode: 2 });
  });

  it('broken links, missing images, bad anchors and HTML shown as text: exit 3, before everything else', () => {
    for (const code of CHECK_ERRORS) {
      const outcome = checkOutcome(plan(update, conflict), [warning('code-language-unknown'), warning(code)], true);
      expect(outcome).toMatchObject({ status: 'invalid', exitCode: 3 });
      expect(outcome.errors.map((w) => w.code)).toEqual([code]);
    }
    expect([...CHECK_ERRORS]).toEqual(expect.arrayContaining(['link-unresolved', 'attachment-unresolved', 'anchor-not-found', 'html-malformed']));
  });

  it('the verdict names each error by file, line and column', () => {
    const outcome = checkOutcome(plan(noop), [warning('link-unresolved')], false);
    expect(checkVerdict(outcome, 'docs/')).toBe('Check failed: 1 error in the docs (see the warnings above):\n  docs/a.md:3:5 [link-unresolved]');
    expect(checkVerdict(checkOutcome(plan(noop), [], false), 'docs')).toBe('Check passed: the docs are valid and Confluence is up to date.');
  });
});
