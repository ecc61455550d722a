import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullCli } from './pull-helpers.js';
import { push, startPushEnv, Workspace, type PushEnv } from './push-helpers.js';

/** How `pull` prints: text by default, only problems with --quiet, no progress bar off a terminal. */
let pe: PushEnv;
let ws: Workspace;
let target: string;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new Workspace((path) => path.startsWith('getting-started/') || path === 'index.md');
  expect((await push(pe, ws)).code).toBe(0);
  target = mkdtempSync(join(tmpdir(), 'cs-pull-out-'));
});
afterEach(async () => {
  ws.dispose();
  rmSync(target, { recursive: true, force: true });
  await pe.close();
});

describe('pull output', () => {
  it('lists what it wrote and a summary; no progress bar or escape codes when not on a terminal', async () => {
    const r = await pullCli(pe, { dir: target }, 'DEMO');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/getting-started\/index\.md/);
    expect(r.stdout).toMatch(/\n(Pulled|Pull)[^\n]*\d/);
    expect(r.stdout + r.stderr).not.toContain('\u001b[');
    expect(r.stdout + r.stderr).not.toContain('\r');
  });

  it('--quiet prints nothing when all went well', async () => {
    const r = await pullCli(pe, { dir: target }, 'DEMO', ['--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });
});
