import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { testSecrets } from '../setup/test-secrets.js';
import { startPushEnv, type PushEnv } from './push-helpers.js';
import { cli, TreeWorkspace } from './small-tree.js';

/**
 * `confluence-sync init` without prompts (stdin is not a terminal), end to end against the emulator:
 * it writes a config that is valid for the JSON Schema and that check and push then use, checks the
 * credentials and the space, and never replaces an existing config without --force.
 */
let pe: PushEnv;
let ws: TreeWorkspace;
beforeAll(async () => {
  pe = await startPushEnv();
});
afterAll(async () => {
  await pe.close();
});
beforeEach(() => {
  ws = new TreeWorkspace({});
});
afterEach(() => ws.dispose());

const CONFIG = 'confluence-sync.config.json';
const readConfig = () => JSON.parse(readFileSync(ws.file(CONFIG), 'utf8')) as Record<string, unknown>;
/** Only the secrets in the environment: the site comes from --site, as a new user would type it. */
const secretsOnly = (): Record<string, string> => ({ CONFLUENCE_EMAIL: pe.env.CONFLUENCE_EMAIL!, CONFLUENCE_API_TOKEN: pe.env.CONFLUENCE_API_TOKEN! });

describe('init', () => {
  it('writes the config from flags, checks the credentials and the space, and check then passes on the first page', async () => {
    const site = `${pe.h.base}/wiki`;
    const r = await cli(pe, ws, ['init', '--site', site, '--space', 'DEMO', '--email', pe.env.CONFLUENCE_EMAIL!], { ...secretsOnly(), CONFLUENCE_BASE_URL: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Wrote ${CONFIG}: api-token on ${site}, space DEMO, docs in docs/.`);
    expect(r.stdout).toContain('Created docs/index.md, a first page.');
    expect(r.stdout).toMatch(/Credentials: Logged in to http:\/\/127\.0\.0\.1:\d+\/wiki as .+ \(api-token\)/);
    expect(r.stdout).toContain('Space: DEMO "Demo" found; pages go under its homepage.');
    expect(r.requests.writes).toBe(0);

    const config = readConfig();
    expect(config).toMatchObject({ site: { authMode: 'api-token', baseUrl: site, email: pe.env.CONFLUENCE_EMAIL }, space: 'DEMO', docs: 'docs' });
    expect(String(config.$schema)).toMatch(/^https:\/\/unpkg\.com\/confluence-sync@[\d.]+\/schema\/config\.schema\.json$/);
    const text = readFileSync(ws.file(CONFIG), 'utf8');
    for (const secret of testSecrets()) expect(text).not.toContain(secret);
    const ajv = new Ajv2020.default({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(configJsonSchema());
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);

    // The config is all the next commands need (the secrets stay in the environment).
    const check = await cli(pe, ws, ['check'], secretsOnly());
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('Plan: 1 to create');
    const push = await cli(pe, ws, ['push'], secretsOnly());
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/created index\.md {2}http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/DEMO\/pages\/\d+/);
  });

  it('never replaces an existing config without --force', async () => {
    writeFileSync(ws.file(CONFIG), '{ "space": "MINE" }\n');
    const r = await cli(pe, ws, ['init', '--space', 'DEMO', '--no-check']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${CONFIG} already exists; nothing was written. Edit it, or run init --force to replace it.`);
    expect(readFileSync(ws.file(CONFIG), 'utf8')).toBe('{ "space": "MINE" }\n');
    expect(ws.exists('index.md')).toBe(false);

    const forced = await cli(pe, ws, ['init', '--space', 'DEMO', '--force', '--no-check']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readConfig()).toMatchObject({ space: 'DEMO', site: { baseUrl: `${pe.h.base}/wiki` } });
    expect(forced.stdout).not.toContain('Credentials');
  });

  it('an unknown space or refused credentials: the config is written, the check fails with exit 1', async () => {
    const r = await cli(pe, ws, ['init', '--space', 'NOPE', '--docs', 'handbook']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Check failed: GET /wiki/api/v2/spaces failed: 404 No space with key 'NOPE'");
    expect(readConfig()).toMatchObject({ space: 'NOPE', docs: 'handbook' });
    expect(ws.exists('../handbook/index.md')).toBe(true);

    const refused = await cli(pe, ws, ['init', '--space', 'DEMO', '--force'], { CONFLUENCE_API_TOKEN: 'refused-secret-value' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Check failed: GET \/wiki\/rest\/api\/user\/current failed: 40[13] .*\nhint: The credential was refused/);
    expect(refused.stdout + refused.stderr).not.toContain('refused-secret-value');
  });

  it('without credentials: the config is written and the check is left for later, with what to set', async () => {
    const r = await cli(pe, ws, ['init', '--site', 'acme', '--space', 'DOCS'], { CONFLUENCE_BASE_URL: '', CONFLUENCE_EMAIL: '', CONFLUENCE_API_TOKEN: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(readConfig()).toMatchObject({ site: { authMode: 'api-token', baseUrl: 'https://acme.atlassian.net/wiki' }, space: 'DOCS' });
    expect(r.stdout).toContain('Credentials: not checked. API-token auth needs CONFLUENCE_EMAIL, CONFLUENCE_API_TOKEN');
    expect(r.requests.total).toBe(0);
  });

  it('a wrong flag value is invalid input and writes nothing', async () => {
    const r = await cli(pe, ws, ['init', '--space', 'not a key', '--no-check']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("'not a key' is not a space key");
    expect(ws.exists(`../${CONFIG}`)).toBe(false);
  });
});
