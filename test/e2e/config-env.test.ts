import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { startPushEnv, Workspace, type PushEnv } from './push-helpers.js';

/**
 * The environment overrides the config file's site (docs/push.md, config): a config committed with
 * the production site must still run against the URL a CI job or a test sets.
 */
let pe: PushEnv;
let ws: Workspace;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new Workspace((path) => path === 'index.md');
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

describe('CONFLUENCE_BASE_URL and the config file', () => {
  it('CONFLUENCE_BASE_URL wins over site.baseUrl of the config', async () => {
    // Port 9 on 127.0.0.1 (discard): nothing answers there, so a run that used it would fail.
    writeFileSync(join(ws.dir, 'confluence-sync.config.json'), JSON.stringify({ site: { baseUrl: 'http://127.0.0.1:9/wiki' }, space: 'DEMO', docs: 'docs' }));
    const r = await runCli(['push'], pe.env, { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 created/);
  });

  it('site.baseUrl of the config is used when CONFLUENCE_BASE_URL is not set', async () => {
    writeFileSync(join(ws.dir, 'confluence-sync.config.json'), JSON.stringify({ site: { baseUrl: pe.env.CONFLUENCE_BASE_URL }, space: 'DEMO', docs: 'docs' }));
    const { CONFLUENCE_BASE_URL: _unused, ...secretsOnly } = pe.env;
    const r = await runCli(['push'], secretsOnly, { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
  });

  it('--threads is auto or a whole number from 1 to 64, else nothing runs (exit 3)', async () => {
    for (const bad of ['0', '65', 'two']) {
      const r = await runCli(['push', '--space', 'DEMO', '--docs', 'docs', '--threads', bad], pe.env, { cwd: ws.dir });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`--threads expects auto or an integer from 1 to 64 (got '${bad}')`);
    }
    const bad = await runCli(['pull', '--space', 'DEMO', '--docs', 'pulled', '--threads', '0'], pe.env, { cwd: ws.dir });
    expect(bad.code, bad.stderr).toBe(3);
    const r = await runCli(['push', '--space', 'DEMO', '--docs', 'docs', '--threads', '1'], pe.env, { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 created/);
    const auto = await runCli(['push', '--space', 'DEMO', '--docs', 'docs', '--threads', 'auto'], pe.env, { cwd: ws.dir });
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stdout).toContain('0 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 1 unchanged.');
  });
});
