import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runInit } from '../../src/cli/commands/init.run.js';
import { interactive } from '../../src/cli/commands/init.run.js';
import { AnswerError, configFromAnswers, detectAuthMode, normaliseSiteUrl, parseAuthMode, parseSpaceKey, schemaReference } from '../../src/cli/init/answers.js';
import { collectAnswers } from '../../src/cli/init/collect.js';
import { streamPrompter } from '../../src/cli/init/prompt.js';
import { configSchema } from '../../src/config/schema.js';

const TEMPLATE = readFileSync(new URL('../../templates/confluence-sync.config.json', import.meta.url), 'utf8');

describe('init answers', () => {
  it('a site as typed becomes the wiki base URL', () => {
    expect(normaliseSiteUrl('acme')).toBe('https://acme.atlassian.net/wiki');
    expect(normaliseSiteUrl('acme.atlassian.net')).toBe('https://acme.atlassian.net/wiki');
    expect(normaliseSiteUrl('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net/wiki');
    expect(normaliseSiteUrl(' https://acme.atlassian.net/wiki/ ')).toBe('https://acme.atlassian.net/wiki');
    expect(normaliseSiteUrl('http://127.0.0.1:8090/wiki')).toBe('http://127.0.0.1:8090/wiki');
    expect(() => normaliseSiteUrl('')).toThrow(AnswerError);
    expect(() => normaliseSiteUrl('ftp://acme.example')).toThrow(/http\(s\)/);
  });

  it('auth modes and space keys are checked', () => {
    expect(parseAuthMode('OAuth')).toBe('oauth');
    expect(parseAuthMode('token')).toBe('api-token');
    expect(() => parseAuthMode('password')).toThrow(/api-token, oauth or maton/);
    expect(parseSpaceKey(' DOCS ')).toBe('DOCS');
    expect(parseSpaceKey('~5b10ac')).toBe('~5b10ac');
    expect(() => parseSpaceKey('my space')).toThrow(/not a space key/);
  });

  it('the auth mode defaults to what the environment holds, as push chooses it', () => {
    expect(detectAuthMode({})).toBeUndefined();
    expect(detectAuthMode({ CONFLUENCE_ACCESS_TOKEN: 'x' })).toBe('oauth');
    expect(detectAuthMode({ MATON_API_KEY: 'x', CONFLUENCE_API_TOKEN: 'y' })).toBe('api-token');
    expect(detectAuthMode({ MATON_API_KEY: 'x', CONFLUENCE_API_TOKEN: 'y', CONFLUENCE_AUTH_MODE: 'maton' })).toBe('maton');
  });

  it('the config is the template with $schema and the answers, valid against the config schema', () => {
    const config = configFromAnswers(TEMPLATE, { authMode: 'api-token', baseUrl: 'https://acme.atlassian.net/wiki', email: 'me@acme.test', space: 'ENG', docs: 'handbook', rootPage: '123' }, './schema/config.schema.json');
    expect(config).toEqual({
      $schema: './schema/config.schema.json',
      site: { authMode: 'api-token', baseUrl: 'https://acme.atlassian.net/wiki', email: 'me@acme.test' },
      space: 'ENG',
      rootPage: '123',
      docs: 'handbook',
      include: ['**/*.md'],
      exclude: [],
      orphans: 'keep',
      notify: false,
      strict: false,
      lockfile: 'confluence-sync.lock.json',
    });
    expect(Object.keys(config).slice(0, 4)).toEqual(['$schema', 'site', 'space', 'rootPage']);
    expect(configSchema.safeParse(config).success).toBe(true);
    const oauth = configFromAnswers(TEMPLATE, { authMode: 'oauth', site: 'acme', docs: 'docs' }, 'x');
    expect(oauth.site).toEqual({ authMode: 'oauth', site: 'acme' });
    expect('space' in oauth).toBe(false);
    expect(configSchema.safeParse(oauth).success).toBe(true);
  });

  it('$schema is a relative path when the package is inside the project, the published copy otherwise', () => {
    const url = 'https://unpkg.com/confluence-sync@1.0.0/schema/config.schema.json';
    expect(schemaReference('/repo', '/repo/node_modules/confluence-sync/schema/config.schema.json', url, posix.relative)).toBe('./node_modules/confluence-sync/schema/config.schema.json');
    expect(schemaReference('/repo', '/repo/schema/config.schema.json', url, posix.relative)).toBe('./schema/config.schema.json');
    expect(schemaReference('/repo', '/home/me/.npm/_npx/1/node_modules/confluence-sync/schema/config.schema.json', url, posix.relative)).toBe(url);
  });
});

/** A prompter fed with `lines` (all written at once, as a paste would), and what it printed. */
function scripted(lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString('utf8')));
  input.end(lines.map((l) => `${l}\n`).join(''));
  return { input, output, printed: () => printed };
}

describe('init prompts', () => {
  it('asks the site, auth mode, email, space and docs folder; a wrong answer is explained and asked again', async () => {
    const io = scripted(['', 'not a url ://', 'acme', '', 'my space', 'DOCS', '']);
    const prompter = streamPrompter(io.input, io.output);
    const answers = await collectAnswers({}, { CONFLUENCE_EMAIL: 'me@acme.test' }, prompter);
    prompter.close();
    expect(answers).toEqual({ authMode: 'api-token', baseUrl: 'https://acme.atlassian.net/wiki', email: 'me@acme.test', site: undefined, space: 'DOCS', docs: 'docs', rootPage: undefined });
    const printed = io.printed();
    expect(printed).toContain('Auth mode (api-token, oauth, maton) [api-token]: ');
    expect(printed).toContain("'not a url ://' is not a site URL");
    expect(printed).toContain('Account email (or leave it to CONFLUENCE_EMAIL) [me@acme.test]: ');
    expect(printed).toContain("'my space' is not a space key");
    expect(printed).toContain('Docs folder, relative to the config file [docs]: ');
  });

  it('asks only what the flags leave open, and for OAuth the site name instead of the URL', async () => {
    const io = scripted(['', 'DOCS']);
    const prompter = streamPrompter(io.input, io.output);
    const answers = await collectAnswers({ authMode: 'oauth', docs: 'handbook' }, {}, prompter);
    prompter.close();
    expect(answers).toEqual({ authMode: 'oauth', site: undefined, space: 'DOCS', docs: 'handbook', rootPage: undefined });
    expect(io.printed()).not.toContain('Auth mode');
    expect(io.printed()).toContain('Site name or URL (needed only when the token reaches several sites) (optional): ');
  });

  it('the end of the input before an answer is an error, not a guess', async () => {
    const io = scripted(['api-token']);
    const prompter = streamPrompter(io.input, io.output);
    await expect(collectAnswers({}, {}, prompter)).rejects.toThrow(/no answer to "Confluence site/);
    prompter.close();
  });

  it('without a prompter: flags, then the environment, then the template', async () => {
    expect(await collectAnswers({ space: 'DOCS' }, { CONFLUENCE_BASE_URL: 'https://acme.atlassian.net/wiki', CONFLUENCE_EMAIL: 'me@acme.test' }, undefined)).toEqual({
      authMode: 'api-token',
      baseUrl: 'https://acme.atlassian.net/wiki',
      email: undefined,
      space: 'DOCS',
      docs: 'docs',
      rootPage: undefined,
    });
    await expect(collectAnswers({ space: 'a b' }, {}, undefined)).rejects.toThrow(AnswerError);
  });

  it('asks on a terminal only, never with --yes or in CI; always with --interactive', () => {
    const terminal = { input: { isTTY: true } as never, output: { isTTY: true } as never };
    expect(interactive({}, { ...terminal, env: {} })).toBe(true);
    expect(interactive({}, { ...terminal, env: { CI: 'true' } })).toBe(false);
    expect(interactive({ yes: true }, { ...terminal, env: {} })).toBe(false);
    expect(interactive({}, { input: {} as never, output: {} as never, env: {} })).toBe(false);
    expect(interactive({ interactive: true }, { input: {} as never, output: {} as never, env: {} })).toBe(true);
  });
});

describe('runInit with prompts', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes the config from the answers typed, and a first page; credentials not checked when there are none', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cs-init-'));
    const io = scripted(['maton', 'acme', 'ENG', 'handbook']);
    await runInit({ config: 'confluence-sync.config.json', check: true, interactive: true }, { cwd: dir, env: {}, input: io.input, output: io.output });
    const config = JSON.parse(readFileSync(join(dir, 'confluence-sync.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ site: { authMode: 'maton', site: 'acme' }, space: 'ENG', docs: 'handbook' });
    expect(String(config.$schema)).toMatch(/schema\/config\.schema\.json$/);
    expect(readFileSync(join(dir, 'handbook/index.md'), 'utf8')).toContain('# ENG documentation');
    expect(io.printed()).toContain('Credentials: not checked. Maton auth needs MATON_API_KEY');
  });
});
