import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCredentials } from '../emulator/harness.js';
import { runCli } from './run-cli.js';

/**
 * `confluence-sync serve` as a user runs it: the built CLI (`npm test` builds before vitest; this
 * file builds nothing) in a child process, talked to over HTTP on 127.0.0.1.
 */
const bin = fileURLToPath(new URL('../../bin/confluence-sync.js', import.meta.url));
const built = fileURLToPath(new URL('../../dist/emulator/index.js', import.meta.url));

const email = testCredentials.apiTokens[0].email;
const token = testCredentials.apiTokens[0].token;
const accessToken = testCredentials.accessTokens[0];
const matonKey = testCredentials.matonKeys[0];
const envCredentials = { CONFLUENCE_EMAIL: email, CONFLUENCE_API_TOKEN: token, CONFLUENCE_ACCESS_TOKEN: accessToken, MATON_API_KEY: matonKey };
const secrets = [token, accessToken, matonKey, Buffer.from(`${email}:${token}`).toString('base64')];

interface Server {
  readonly child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:N` */
  readonly url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

const running: Server[] = [];
let dir: string;
beforeAll(async () => {
  if (!existsSync(built)) throw new Error('dist/ is missing or stale: run `npm run build` (npm test does it) before the e2e tests.');
  dir = await mkdtemp(join(tmpdir(), 'serve-e2e-'));
});
afterEach(async () => {
  for (const server of running.splice(0)) if (server.child.exitCode === null) await server.stop('SIGTERM');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts `serve` and waits for the banner (the line with the site base URL). */
function serve(args: readonly string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  exited.then(() => (globalThis as { __recordOutput?: (text: string) => void }).__recordOutput?.(out)).catch(() => undefined);
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 15 s:\n${out}`)), 15_000);
    const check = () => {
      const url = /^ {2}base URL {3}(http:\/\/127\.0\.0\.1:\d+)\/wiki$/m.exec(out)?.[1];
      if (url && out.includes('Stop with Ctrl+C.')) {
        clearTimeout(timer);
        const server: Server = {
          child,
          url,
          output: () => out,
          stop: (signal) => {
            child.kill(signal);
            return exited;
          },
        };
        running.push(server);
        resolve(server);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL:\n${out}`));
    });
  });
}

function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

async function getJson(url: string, authorization: string): Promise<{ status: number; body: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await fetch(url, { headers: { authorization } });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : {} };
}

describe('confluence-sync serve', () => {
  it('serves the demo space with the credentials from the environment, never prints them, and exits 0 on SIGINT', async () => {
    const server = await serve(['--port', '0'], envCredentials);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:(\d+)$/);
    expect(server.url).not.toBe('http://127.0.0.1:0');
    const spaces = await getJson(`${server.url}/wiki/api/v2/spaces?keys=DEMO`, basic(email, token));
    expect(spaces.status).toBe(200);
    expect(spaces.body.results.map((s: { key: string }) => s.key)).toEqual(['DEMO']);
    const pages = await getJson(`${server.url}/wiki/api/v2/spaces/${spaces.body.results[0].id}/pages?limit=50`, basic(email, token));
    expect(pages.status).toBe(200);
    expect(pages.body.results.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining(['Demo Home', 'Getting started', 'Architecture', 'Release checklist']));
    // The OAuth token works through the api.atlassian.com form, the Maton key through the Maton form.
    const cloudId = /^Cloud ID: (\S+)$/m.exec(server.output())![1];
    expect((await getJson(`${server.url}/ex/confluence/${cloudId}/wiki/api/v2/spaces`, `Bearer ${accessToken}`)).status).toBe(200);
    expect((await getJson(`${server.url}/confluence/ex/confluence/${cloudId}/wiki/api/v2/spaces`, `Bearer ${matonKey}`)).status).toBe(200);
    // Anything else is refused.
    expect((await getJson(`${server.url}/wiki/api/v2/spaces`, basic(email, 'not-the-token'))).status).toBe(404);

    const output = server.output();
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain('(from CONFLUENCE_API_TOKEN)');
    expect(output).toContain('(from CONFLUENCE_ACCESS_TOKEN)');
    expect(output).toContain('(from MATON_API_KEY)');
    expect(output).toContain(`curl -u "$CONFLUENCE_EMAIL:$CONFLUENCE_API_TOKEN" '${server.url}/wiki/api/v2/spaces?keys=DEMO'`);
    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.output()).toContain('Emulator stopped.');
  });

  it('generates and prints throwaway credentials when the environment has none', async () => {
    const server = await serve(['--port', '0'], {});
    const output = server.output();
    const printedToken = /^ {2}API token {2}(\S+)$/m.exec(output)![1]!;
    const printedEmail = /^ {2}email {6}(\S+)$/m.exec(output)![1]!;
    expect(printedToken).toMatch(/^emu-api-[0-9a-f]{24}$/);
    expect((await getJson(`${server.url}/wiki/api/v2/spaces?keys=DEMO`, basic(printedEmail, printedToken))).status).toBe(200);
    expect(output).toContain(`export CONFLUENCE_EMAIL='${printedEmail}' CONFLUENCE_API_TOKEN='${printedToken}'`);
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('keeps its data in --data across restarts and flushes it on SIGTERM', async () => {
    const data = join(dir, 'state.json');
    const first = await serve(['--port', '0', '--data', data, '--no-demo'], envCredentials);
    expect(first.output()).toContain(`(no data; changes are saved to ${data})`);
    const auth = { authorization: basic(email, token), 'content-type': 'application/json' };
    const space = (await (await fetch(`${first.url}/wiki/api/v2/spaces`, { method: 'POST', headers: auth, body: JSON.stringify({ key: 'KEPT', name: 'Kept' }) })).json()) as { id: string };
    const page = await fetch(`${first.url}/wiki/api/v2/pages`, { method: 'POST', headers: auth, body: JSON.stringify({ spaceId: space.id, title: 'Survives a restart' }) });
    expect(page.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(await readFile(data, 'utf8')).toContain('Survives a restart');

    const second = await serve(['--port', '0', '--data', data], envCredentials);
    expect(second.output()).toContain(`(state loaded from ${data}; changes are saved to ${data})`);
    const titles = await getJson(`${second.url}/wiki/api/v2/pages?space-id=${space.id}`, basic(email, token));
    expect(titles.body.results.map((p: { title: string }) => p.title)).toEqual(['Kept Home', 'Survives a restart']);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('starts from a --seed file and applies fault flags', async () => {
    const seed = join(dir, 'seed.json');
    await writeFile(seed, JSON.stringify({ spaces: [{ key: 'SEEDED', name: 'Seeded', pages: [{ title: 'From the seed' }] }] }));
    const server = await serve(['--port', '0', '--seed', seed, '--rate-limit', '1/s', '--rate-limit-burst', '2', '--fidelity', 'titleCase=sensitive', 'v2AuthFailure=401'], envCredentials);
    expect(server.output()).toContain(`(seed ${seed})`);
    const url = `${server.url}/wiki/api/v2/spaces`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(url, basic(email, token))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const state = await getJson(`${server.url}/__emulator/state`, '');
    expect(state.body.sites[0].spaces.map((s: { key: string }) => s.key)).toEqual(['SEEDED']);
    expect(state.body.faults.rateLimit).toEqual({ perSecond: 1, capacity: 2 });
    expect((await getJson(url, basic(email, 'not-the-token'))).status).toBe(401);
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('refuses bad flags with exit code 2 and a message naming the flag', async () => {
    const cases: Array<[string[], string]> = [
      [['--port', 'abc'], "confluence-sync: --port must be a whole number from 0 to 65535 (got 'abc')\n"],
      [['--error-rate', '1.5'], "confluence-sync: --error-rate must be a number from 0 to 1, e.g. 0.05 (got '1.5')\n"],
      [['--rate-limit', 'fast'], "confluence-sync: --rate-limit must be requests per second, e.g. 10/s or 0.5/s (got 'fast')\n"],
      [['--fidelity', 'titleCase=maybe'], 'confluence-sync: --fidelity \'titleCase=maybe\': titleCase must be "insensitive" | "sensitive"\n'],
      [['--fidelity', 'colour=blue'], "confluence-sync: --fidelity unknown key 'colour'; known keys: "],
    ];
    // Run side by side: each is a process start.
    const [half, ...results] = await Promise.all([runCli(['serve'], { CONFLUENCE_API_TOKEN: token }), ...cases.map(([args]) => runCli(['serve', ...args], envCredentials))]);
    cases.forEach(([, message], i) => {
      const r = results[i]!;
      expect(r.code).toBe(3);
      expect(r.stderr.startsWith(message), r.stderr).toBe(true);
      expect(r.stdout).toBe('');
    });
    expect(half.code).toBe(3);
    expect(half.stderr).toBe('confluence-sync: CONFLUENCE_API_TOKEN is set but CONFLUENCE_EMAIL is not: set both, or neither to get generated credentials\n');
  });

  it('exits 1 naming the file for a seed it cannot use', async () => {
    const missing = join(dir, 'missing.json');
    const bad = join(dir, 'bad-seed.json');
    await writeFile(bad, JSON.stringify({ spaces: [{ key: 'A', name: 'A', pages: [{ title: 'X', body: '<p>' }] }] }));
    const [r, invalid] = await Promise.all([runCli(['serve', '--seed', missing], envCredentials), runCli(['serve', '--seed', bad], envCredentials)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^confluence-sync: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid seed:\\n {2}- cannot be read: ENOENT`));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      `confluence-sync: ${bad} is not a valid seed:\n  - spaces[0].pages[0] (page "X"): Error parsing xhtml: Unexpected EOF; was expecting a close tag for element <p> — the body must be well-formed storage XHTML (close every tag, escape & and <, no "]]>" in CDATA)\n`,
    );
  });
});
