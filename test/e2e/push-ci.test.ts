import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushEnv, type PushEnv } from './push-helpers.js';
import { cli, TreeWorkspace } from './small-tree.js';

/**
 * `push` in CI: a plain log (no colour or progress bar even without NO_COLOR), collapsible groups on
 * GitHub Actions with the plan in the job summary, a JSON report in a file next to the text log,
 * --quiet, and an error report in the JSON file when the run stops on bad input.
 */
let pe: PushEnv;
let ws: TreeWorkspace;
const SPACE = ['--space', 'DEMO', '--docs', 'docs'];
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[/;
beforeAll(async () => {
  pe = await startPushEnv();
  ws = new TreeWorkspace();
});
afterAll(async () => {
  ws.dispose();
  await pe.close();
});

interface Report {
  dryRun: boolean;
  counts: Record<string, number>;
  report: { created: string[]; updated: string[] } | null;
}

describe('push in CI', () => {
  it('on GitHub Actions: groups, one line per page with its URL, a summary, the plan in the job summary and a JSON file', async () => {
    const summary = ws.file('step-summary.md');
    writeFileSync(summary, '');
    const r = await cli(pe, ws, ['push', ...SPACE, '--json-file', 'reports/push.json'], { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, NO_COLOR: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
    const err = r.stderr.split('\n');
    const plan = err.indexOf('::group::Plan: 3 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 0 unchanged.');
    const apply = err.indexOf('::group::Publishing 3 changes');
    expect(plan).toBeGreaterThanOrEqual(0);
    expect(apply).toBeGreaterThan(plan);
    expect(err[plan + 1]).toBe('::endgroup::');
    const pages = err.slice(apply + 1, apply + 4);
    expect(pages.map((l) => l.split(' ')[1]).sort()).toEqual(['faq.md', 'guide.md', 'index.md']);
    for (const line of pages) expect(line).toMatch(new RegExp(`^created \\S+  ${pe.h.base.replace(/[.]/g, '\\.')}/wiki/spaces/DEMO/pages/\\d+`));
    expect(err[apply + 4]).toBe('::endgroup::');
    expect(r.stdout).toContain('Plan: 3 to create');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('Applied: 3 created, 0 updated, 0 archived, 0 deleted, 0 conflicts, 0 failed.');

    const report = JSON.parse(readFileSync(ws.file('reports/push.json'), 'utf8')) as Report;
    expect(report).toMatchObject({ dryRun: false, counts: { create: 3, unchanged: 0 } });
    expect(report.report?.created.sort()).toEqual(['faq.md', 'guide.md', 'index.md']);

    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('### confluence-sync plan for space DEMO');
    expect(markdown).toContain('| `+` | `guide.md` | create "Guide"');
    expect(markdown).toContain('Applied: 3 created');
  });

  it('--quiet prints nothing when all goes well; --json keeps stdout to the JSON document', async () => {
    ws.write('faq.md', `${ws.read('faq.md')}\nOne more answer.\n`);
    const quiet = await cli(pe, ws, ['push', ...SPACE, '--quiet']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
    expect(quiet.requests.writes).toBeGreaterThan(0);

    ws.write('faq.md', `${ws.read('faq.md')}\nAnd another.\n`);
    const json = await cli(pe, ws, ['push', ...SPACE, '--json', '--json-file', 'push.json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout) as Report;
    expect(doc.report?.updated).toEqual(['faq.md']);
    expect(JSON.parse(readFileSync(ws.file('push.json'), 'utf8'))).toEqual(doc);
  });

  it('an error still writes the JSON file, with the exit code and the message', async () => {
    const r = await cli(pe, ws, ['push', '--space', 'NOPE', '--docs', 'docs', '--json-file', 'push.json', '--ci']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(readFileSync(ws.file('push.json'), 'utf8')) as { error: { exitCode: number; message: string } };
    expect(doc.error.exitCode).toBe(1);
    expect(doc.error.message).toContain("No space with key 'NOPE'");
  });
});
