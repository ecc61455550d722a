import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.js';
import { eventLine } from '../../src/cli/output/events.js';
import { groupClose, groupOpen } from '../../src/cli/output/groups.js';
import { outputMode, type OutputMode } from '../../src/cli/output/mode.js';
import { formatDuration, ProgressBar, progressLine } from '../../src/cli/output/progress.js';
import { RunReporter } from '../../src/cli/output/reporter.js';
import { colorPlan, style } from '../../src/cli/output/style.js';
import type { Action, Plan } from '../../src/plan/types.js';

const tty = { stdoutIsTTY: true, stderrIsTTY: true };
const piped = { stdoutIsTTY: false, stderrIsTTY: false };

describe('outputMode', () => {
  it('on a terminal: colour and a progress bar, no CI log', () => {
    expect(outputMode({}, { env: {}, ...tty })).toEqual({ ci: false, color: true, progress: true, groups: 'none', quiet: false });
  });

  it('CI is implied by CI=true (or 1) and by a stdout that is not a terminal; CI=false on a terminal is not CI', () => {
    expect(outputMode({}, { env: { CI: 'true' }, ...tty }).ci).toBe(true);
    expect(outputMode({}, { env: { CI: '1' }, ...tty }).ci).toBe(true);
    expect(outputMode({}, { env: {}, ...piped }).ci).toBe(true);
    expect(outputMode({}, { env: { CI: 'false' }, ...tty }).ci).toBe(false);
    expect(outputMode({ ci: true }, { env: {}, ...tty })).toMatchObject({ ci: true, color: false, progress: false });
  });

  it('NO_COLOR, --no-color and TERM=dumb turn colour off; --quiet turns the progress bar off', () => {
    expect(outputMode({}, { env: { NO_COLOR: '1' }, ...tty }).color).toBe(false);
    expect(outputMode({ color: false }, { env: {}, ...tty }).color).toBe(false);
    expect(outputMode({}, { env: { TERM: 'dumb' }, ...tty })).toMatchObject({ color: false, progress: false });
    expect(outputMode({ quiet: true }, { env: {}, ...tty })).toMatchObject({ quiet: true, progress: false, color: true });
    // An empty NO_COLOR does not count (no-color.org).
    expect(outputMode({}, { env: { NO_COLOR: '' }, ...tty }).color).toBe(true);
  });

  it('sections on GitHub Actions and GitLab CI', () => {
    expect(outputMode({}, { env: { CI: 'true', GITHUB_ACTIONS: 'true' }, ...piped }).groups).toBe('github');
    expect(outputMode({}, { env: { CI: 'true', GITLAB_CI: 'true' }, ...piped }).groups).toBe('gitlab');
    expect(outputMode({}, { env: { CI: 'true' }, ...piped }).groups).toBe('none');
  });
});

describe('progress', () => {
  it('shows counts, the share done and an ETA from the pace so far', () => {
    expect(progressLine(0, 10, 0, 10)).toBe('[----------] 0/10 0%');
    expect(progressLine(5, 10, 4000, 10)).toBe('[#####-----] 5/10 50% ETA 4s');
    expect(progressLine(10, 10, 9000, 10)).toBe('[##########] 10/10 100%');
    expect(progressLine(1, 100, 3000, 10)).toBe('[----------] 1/100 1% ETA 4m57s');
    expect(formatDuration(7_500_000)).toBe('2h05m');
  });

  it('keeps the bar under the log lines and removes it at the end; draws nothing when disabled', () => {
    const out = sink();
    let now = 0;
    const bar = new ProgressBar(out.stream, 2, true, () => now);
    now = 1000;
    bar.tick();
    bar.line('created a.md');
    bar.tick();
    bar.clear();
    expect(out.text()).toBe('\r\x1b[2K[############------------] 1/2 50% ETA 1s\r\x1b[2Kcreated a.md\n\r\x1b[2K[############------------] 1/2 50% ETA 1s\r\x1b[2K[########################] 2/2 100%\r\x1b[2K');
    const off = sink();
    const quiet = new ProgressBar(off.stream, 2, false);
    quiet.tick();
    quiet.line('created a.md');
    quiet.clear();
    expect(off.text()).toBe('created a.md\n');
  });
});

describe('CI sections', () => {
  it('GitHub Actions group commands, GitLab section markers, nothing elsewhere', () => {
    expect(groupOpen('github', 'Plan', 'plan', 1)).toBe('::group::Plan\n');
    expect(groupClose('github', 'plan', 2)).toBe('::endgroup::\n');
    expect(groupOpen('gitlab', 'Plan', 'plan', 1700000000)).toBe('\x1b[0Ksection_start:1700000000:plan[collapsed=true]\r\x1b[0KPlan\n');
    expect(groupClose('gitlab', 'plan', 1700000005)).toBe('\x1b[0Ksection_end:1700000005:plan\r\x1b[0K\n');
    expect(groupOpen('none', 'Plan', 'plan', 1)).toBe('');
    expect(groupClose('none', 'plan', 1)).toBe('');
  });
});

describe('style', () => {
  it('colours plan lines by symbol, and is the identity when colour is off', () => {
    const text = '  + a.md  create "A"\n  ~ b.md  update\n  ! c.md  conflict\n\nPlan: 1 to create.\n';
    expect(colorPlan(text, style(false))).toBe(text);
    const coloured = colorPlan(text, style(true));
    expect(coloured).toContain('\x1b[32m  + a.md  create "A"\x1b[39m');
    expect(coloured).toContain('\x1b[33m  ~ b.md  update\x1b[39m');
    expect(coloured).toContain('\x1b[31m  ! c.md  conflict\x1b[39m');
    expect(coloured).toContain('\x1b[1mPlan: 1 to create.\x1b[22m');
  });
});

const act = (a: Record<string, unknown>) => a as unknown as Action;
const create = act({ type: 'create', path: 'new.md', title: 'New', parent: { kind: 'id', id: '1' }, labels: { add: [], remove: [] }, attachments: [] });
const noop = act({ type: 'noop', path: 'same.md', pageId: '5', title: 'Same', version: 1, parentId: '1' });
const plan: Plan = { formatVersion: 1, spaceKey: 'DOCS', spaceId: '1', rootId: '1', actions: [create, noop], problems: [] };
const done: ApplyEvent = { type: 'done', action: create, pageId: '9', url: 'https://x.test/wiki/spaces/DOCS/pages/9' };
const failed: ApplyEvent = { type: 'failed', action: create, error: 'boom' };

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString('utf8');
      cb();
    },
  });
  return { stream, text: () => text };
}

function reporter(mode: Partial<OutputMode>, jsonOnStdout = false) {
  const out = sink();
  const err = sink();
  const r = new RunReporter({
    mode: { ci: true, color: false, progress: false, groups: 'none', quiet: false, ...mode },
    format: 'text',
    verbose: false,
    jsonOnStdout,
    docs: 'docs',
    out: out.stream,
    err: err.stream,
    now: () => 1_700_000_000_000,
  });
  return { r, out, err };
}

function runThrough(r: RunReporter): void {
  r.warnings([{ file: 'a.md', line: 3, column: 1, code: 'link-unresolved', message: 'Link x.md: not found' }]);
  r.plan(plan);
  r.startApply(1);
  r.event(done);
  r.event(failed);
  r.applied({ created: ['new.md'], updated: [], unchanged: ['same.md'], conflicts: [], archived: [], deleted: [], kept: [], failed: [{ path: 'new.md', error: 'boom' }] });
}

describe('RunReporter', () => {
  it('a CI log: warnings, plan, one line per page with its URL, and the summary', () => {
    const { r, out, err } = reporter({});
    runThrough(r);
    expect(out.text()).toBe('  + new.md  create "New"\n\nPlan: 1 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 1 unchanged.\nApplied: 1 created, 0 updated, 0 archived, 0 deleted, 0 conflicts, 1 failed.\n');
    expect(err.text()).toBe('warning docs/a.md:3:1 Link x.md: not found [link-unresolved]\ncreated new.md  https://x.test/wiki/spaces/DOCS/pages/9\nfailed  new.md: boom\n');
  });

  it('on GitHub Actions: each part in a collapsible group, the summary outside', () => {
    const { r, err, out } = reporter({ groups: 'github' });
    runThrough(r);
    expect(err.text()).toBe(
      [
        '::group::1 warning',
        'warning docs/a.md:3:1 Link x.md: not found [link-unresolved]',
        '::endgroup::',
        '::group::Plan: 1 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 1 unchanged.',
        '::endgroup::',
        '::group::Publishing 1 change',
        'created new.md  https://x.test/wiki/spaces/DOCS/pages/9',
        'failed  new.md: boom',
        '::endgroup::',
        '',
      ].join('\n'),
    );
    expect(out.text()).toMatch(/Applied: .*\n$/);
  });

  it('--quiet: only problems', () => {
    const { r, out, err } = reporter({ quiet: true });
    runThrough(r);
    expect(out.text()).toBe('');
    expect(err.text()).toBe('warning docs/a.md:3:1 Link x.md: not found [link-unresolved]\nfailed  new.md: boom\n');
  });

  it('--json on stdout: no text at all', () => {
    const { r, out, err } = reporter({}, true);
    runThrough(r);
    expect(out.text() + err.text()).toBe('');
  });

  it('on a terminal: a progress bar while publishing, gone at the end', () => {
    const { r, err } = reporter({ ci: false, progress: true });
    runThrough(r);
    expect(err.text()).toContain('created new.md  https://x.test/wiki/spaces/DOCS/pages/9\n');
    expect(err.text()).toContain('[########################] 1/1 100%');
    expect(err.text().endsWith('\r\x1b[2K')).toBe(true);
  });
});

describe('RunReporter progress', () => {
  it('counts each action that writes once, whatever its end, and no unchanged page', () => {
    const { r, err } = reporter({ ci: false, progress: true });
    r.plan(plan);
    r.event({ type: 'done', action: noop, pageId: '5', url: undefined });
    expect(err.text()).toBe('');
    r.event(failed);
    r.event(done);
    expect(new Set(err.text().match(/\d+\/\d+ /g))).toEqual(new Set(['1/1 ']));
  });
});

describe('eventLine', () => {
  it('says what was done to which file, with the page URL; nothing for a no-op', () => {
    expect(eventLine(done)).toBe('created new.md  https://x.test/wiki/spaces/DOCS/pages/9');
    expect(eventLine({ type: 'done', action: noop, pageId: '5', url: undefined })).toBeUndefined();
    expect(eventLine({ type: 'conflict', action: create, error: 'edited in Confluence' })).toBe('conflict new.md: edited in Confluence');
    expect(eventLine({ type: 'warning', path: 'a.md', message: 'a.md is gone' })).toBe('warning a.md is gone');
    expect(eventLine(done, style(true))).toBe('\x1b[32mcreated\x1b[39m new.md  \x1b[36mhttps://x.test/wiki/spaces/DOCS/pages/9\x1b[39m');
  });
});
