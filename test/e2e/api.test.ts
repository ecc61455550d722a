import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';
import { runCli } from './run-cli.js';

let h: Harness;
let env: Record<string, string>;
const token = testCredentials.apiTokens[0].token;
beforeAll(async () => {
  h = await startHarness();
  env = { CONFLUENCE_BASE_URL: `${h.base}/wiki`, CONFLUENCE_EMAIL: 'writer@example.com', CONFLUENCE_API_TOKEN: token };
});
afterAll(() => h.close());

function noSecrets(result: { stdout: string; stderr: string }): void {
  for (const secret of [token, Buffer.from(`writer@example.com:${token}`).toString('base64'), testCredentials.matonKeys[0], testCredentials.accessTokens[0]]) {
    expect(result.stdout + result.stderr).not.toContain(secret);
  }
}

describe('confluence-sync api', () => {
  it('GETs a v2 route and prints its JSON', async () => {
    const r = await runCli(['api', 'GET', '/spaces', '-q', 'keys=DEMO'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].key).toBe('DEMO');
    noSecrets(r);
  });

  it('POSTs a JSON body and streams every item with --paginate', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await runCli(['api', 'POST', '/pages', '-d', JSON.stringify({ spaceId: h.spaceId, title: `Api ${i}`, body: { representation: 'storage', value: '<p>x</p>' } })], env);
      expect(r.code).toBe(0);
    }
    const r = await runCli(['api', 'GET', `/spaces/${h.spaceId}/pages`, '--paginate', '-q', 'limit=2'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { title: string });
    expect(lines.map((l) => l.title)).toEqual(['Demo Home', 'Api 0', 'Api 1', 'Api 2']);
  });

  it('exits 1 with Confluence message and a hint on an API error', async () => {
    const r = await runCli(['api', 'GET', '/pages/999999'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GET /wiki/api/v2/pages/999999 failed: 404 Cannot find a page with id [999999]');
    expect(r.stderr).toContain('hint:');
    noSecrets(r);
  });

  it('exits 3 on bad usage and on missing credentials, naming what to set', async () => {
    const bad = await runCli(['api', 'FETCH', '/pages'], env);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("Unknown method 'FETCH'");
    const json = await runCli(['api', 'POST', '/pages', '-d', '{nope'], env);
    expect(json.code).toBe(3);
    expect(json.stderr).toContain('--data is not valid JSON');
    const none = await runCli(['api', 'GET', '/spaces'], {});
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('CONFLUENCE_API_TOKEN');
  });

  it('does not echo a refused credential', async () => {
    const r = await runCli(['api', 'GET', '/spaces'], { ...env, CONFLUENCE_API_TOKEN: 'refused-secret-value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('404');
    expect(r.stderr).not.toContain('refused-secret-value');
  });
});

describe('confluence-sync auth status', () => {
  it('prints the user, the site and the auth mode for an API token', async () => {
    const r = await runCli(['auth', 'status'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Logged in to ${h.base}/wiki as Emulator User <writer@example.com>`);
    expect(r.stdout).toContain('auth mode: api-token');
    noSecrets(r);
  });

  it('works through the api.atlassian.com form with an OAuth token, discovering the cloud ID (--json)', async () => {
    const r = await runCli(['auth', 'status', '--json'], { CONFLUENCE_ACCESS_TOKEN: testCredentials.accessTokens[0], CONFLUENCE_API_BASE: h.base });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'oauth', cloudId: h.emulator.defaultSite.cloudId, user: { displayName: 'Emulator User' } });
    noSecrets(r);
  });

  it('works through the Maton gateway with MATON_API_KEY', async () => {
    const r = await runCli(['auth', 'status', '--json'], { MATON_API_KEY: testCredentials.matonKeys[0], MATON_GATEWAY_URL: h.base });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'maton', cloudId: h.emulator.defaultSite.cloudId });
    noSecrets(r);
  });

  it('fails with exit 1 and a hint naming the variables to check when the credential is refused', async () => {
    const r = await runCli(['auth', 'status'], { ...env, CONFLUENCE_API_TOKEN: 'refused-secret-value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GET /wiki/rest/api/user/current failed: 403');
    expect(r.stderr).toMatch(/hint: .*CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN/);
    expect(r.stderr).not.toContain('refused-secret-value');
  });
});
