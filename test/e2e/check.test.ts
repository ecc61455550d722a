import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushEnv, type PushEnv } from './push-helpers.js';
import { cli, SMALL_TREE, TreeWorkspace } from './small-tree.js';

/**
 * `confluence-sync check` end to end: it plans against the emulator and writes nothing; its exit code
 * says whether the docs would publish cleanly (0), would change Confluence (4 with
 * --detailed-exitcode), have conflicts (2) or errors such as broken links (3).
 */
let pe: PushEnv;
let ws: TreeWorkspace;
const SPACE = ['--space', 'DEMO', '--docs', 'docs'];
beforeAll(async () => {
  pe = await startPushEnv();
  ws = new TreeWorkspace();
});
afterAll(async () => {
  ws.dispose();
  await pe.close();
});

describe('check', () => {
  it('on an unpublished tree: passes (exit 0, or 4 with --detailed-exitcode), shows the plan, writes nothing', async () => {
    const r = await cli(pe, ws, ['check', ...SPACE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Plan: 3 to create, 0 to update');
    expect(r.stdout).toContain('Check passed: the docs are valid; a push would change Confluence as planned above.');
    expect(r.requests.writes).toBe(0);
    expect(ws.exists('../confluence-sync.lock.json')).toBe(false);
    expect(ws.read('index.md')).toBe(SMALL_TREE['index.md']);

    const detailed = await cli(pe, ws, ['check', ...SPACE, '--detailed-exitcode', '--json-file', 'out/check.json']);
    expect(detailed.code).toBe(4);
    const report = JSON.parse(readFileSync(ws.file('out/check.json'), 'utf8')) as { dryRun: boolean; counts: { create: number }; check: { status: string; exitCode: number } };
    expect(report).toMatchObject({ dryRun: true, counts: { create: 3 }, check: { status: 'changes', exitCode: 4 } });
    expect(detailed.requests.writes).toBe(0);
  });

  it('after a push: up to date, exit 0 even with --detailed-exitcode', async () => {
    const published = await cli(pe, ws, ['push', ...SPACE]);
    expect(published.code, published.stderr).toBe(0);
    const r = await cli(pe, ws, ['check', ...SPACE, '--detailed-exitcode']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Check passed: the docs are valid and Confluence is up to date.');
    expect(r.requests.writes).toBe(0);
  });

  it('a broken link, a missing image or an unknown anchor fails with exit 3, naming each by file and line', async () => {
    const guide = ws.read('guide.md');
    try {
      ws.write('guide.md', `${guide}\nSee [the old page](old.md), [below](#no-such-heading) and ![chart](img/chart.png).\n`);
      const r = await cli(pe, ws, ['check', ...SPACE, '--json']);
      expect(r.code).toBe(3);
      const report = JSON.parse(r.stdout) as { check: { status: string; errors: Array<{ file: string; line: number; code: string }> } };
      expect(report.check.status).toBe('invalid');
      expect(report.check.errors.map((e) => `${e.file}:${e.line} ${e.code}`).sort()).toEqual(['guide.md:11 anchor-not-found', 'guide.md:11 attachment-unresolved', 'guide.md:11 link-unresolved']);

      const text = await cli(pe, ws, ['check', ...SPACE]);
      expect(text.code).toBe(3);
      expect(text.stderr).toMatch(/warning docs\/guide\.md:11:\d+ .*\[link-unresolved\]/);
      expect(text.stdout).toContain('Check failed: 3 errors in the docs (see the warnings above):');
      expect(text.stdout).toMatch(/ {2}docs\/guide\.md:11:\d+ \[attachment-unresolved\]/);
      expect(text.requests.writes).toBe(0);
    } finally {
      ws.write('guide.md', guide);
    }
  });

  it('a docs-tree error (broken frontmatter) fails with exit 3 and the file and line', async () => {
    const faq = ws.read('faq.md');
    try {
      ws.write('faq.md', `---\ntitle: [unclosed\n---\n${faq}`);
      const r = await cli(pe, ws, ['check', ...SPACE, '--json-file', 'check.json']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/docs\/faq\.md:\d+: the frontmatter is not valid YAML/);
      const report = JSON.parse(readFileSync(ws.file('check.json'), 'utf8')) as { error: { exitCode: number; message: string } };
      expect(report.error.exitCode).toBe(3);
      expect(report.error.message).toContain('faq.md');
    } finally {
      ws.write('faq.md', faq);
    }
  });

  it('a page edited in Confluence is a conflict: exit 2, and nothing is overwritten', async () => {
    const lock = JSON.parse(readFileSync(ws.file('confluence-sync.lock.json'), 'utf8')) as { pages: Record<string, { pageId: string; version: number; title: string }> };
    const faq = lock.pages['faq.md']!;
    const edit = await pe.h.call('PUT', `/wiki/api/v2/pages/${faq.pageId}`, { id: faq.pageId, status: 'current', title: faq.title, body: { representation: 'storage', value: '<p>Edited in Confluence</p>' }, version: { number: faq.version + 1 } });
    expect(edit.status).toBe(200);
    const r = await cli(pe, ws, ['check', ...SPACE, '--format', 'markdown']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('### confluence-sync plan for space DEMO');
    expect(r.stdout).toMatch(/\| `!` \| `faq\.md` \| conflict "FAQ"/);
    expect(r.stdout).toContain('Check failed: pages were edited in Confluence since they were published');
    expect(r.requests.writes).toBe(0);
  });
});
