import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { lockfileSchema, type Lockfile } from '../../src/lockfile/schema.js';
import { basicAuth, startHarness, testCredentials, type Harness } from '../emulator/harness.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import type { CliResult } from './run-cli.js';

/** The demo docs tree every push test publishes (copied to a fresh temp dir per test). */
export const FIXTURE = fileURLToPath(new URL('../../fixtures/docs-demo/', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/confluence-sync.js', import.meta.url));

export const LOCKFILE = 'confluence-sync.lock.json';

/** Methods that change something: what "zero writes" counts. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export interface RequestCounts {
  readonly total: number;
  readonly writes: number;
  readonly byRoute: Record<string, number>;
}

/**
 * An emulator with a DEMO space, and the environment that points the CLI at it (127.0.0.1 only),
 * with a temporary folder of its own (`TMPDIR`): what a CLI run leaves there (the temporary file of
 * a run that was killed) goes with `close`, not into the system's.
 */
export interface PushEnv {
  readonly h: Harness;
  readonly env: Record<string, string>;
  /** The CLI runs' `TMPDIR`. */
  readonly tmp: string;
  close(): Promise<void>;
}

export async function startPushEnv(options: Partial<EmulatorOptions> = {}): Promise<PushEnv> {
  const h = await startHarness(options);
  expect(new URL(h.base).hostname).toBe('127.0.0.1');
  const { email, token } = testCredentials.apiTokens[0];
  const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-tmp-'));
  // Writable by every user, as /tmp is (some runs are made as another user).
  chmodSync(tmp, 0o1777);
  const env = { CONFLUENCE_BASE_URL: `${h.base}/wiki`, CONFLUENCE_EMAIL: email, CONFLUENCE_API_TOKEN: token, TMPDIR: tmp };
  return {
    h,
    env,
    tmp,
    close: async () => {
      await h.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh working directory holding a copy of the fixture as `docs/` (optionally only some of its
 * files), where the CLI runs and writes its lockfile. Removed by `dispose`.
 */
export class Workspace {
  readonly dir: string;
  constructor(filter?: (relativePath: string) => boolean) {
    this.dir = mkdtempSync(join(tmpdir(), 'cs-push-'));
    cpSync(FIXTURE, this.docs, {
      recursive: true,
      filter: (src) => {
        if (!filter) return true;
        const rel = src.slice(FIXTURE.length).replace(/\\/g, '/');
        return rel === '' || !/\.\w+$/.test(rel) || filter(rel);
      },
    });
  }

  get docs(): string {
    return join(this.dir, 'docs');
  }

  get lockPath(): string {
    return join(this.dir, LOCKFILE);
  }

  read(path: string): string {
    return readFileSync(join(this.docs, path), 'utf8');
  }

  write(path: string, text: string): void {
    writeFileSync(join(this.docs, path), text);
  }

  lockText(): string | undefined {
    return existsSync(this.lockPath) ? readFileSync(this.lockPath, 'utf8') : undefined;
  }

  /** The lockfile a finished run left, validated against its schema (and no journal beside it). */
  lock(): Lockfile {
    const text = this.lockText();
    if (text === undefined) throw new Error('no lockfile');
    if (existsSync(`${this.lockPath}.journal`)) throw new Error('a journal is left beside the lockfile: the run did not write the lockfile whole');
    return lockfileSchema.parse(JSON.parse(text));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface PushRun {
  /** Arguments after `push --space DEMO --docs docs`. */
  readonly args?: readonly string[];
  /** Run the CLI as this user (to make a file unreadable while the tests run as root). */
  readonly uid?: number;
  /** SIGKILL the child as soon as the emulator has received this many requests. */
  readonly killAt?: number;
}

/**
 * `confluence-sync push --space DEMO --docs docs …` (the built CLI as a child process, in the
 * workspace); returns its output and the requests the emulator received meanwhile.
 *
 * With `killAt`, the child is SIGKILLed as soon as the emulator has received that many requests
 * (checked synchronously when each request is counted, before the emulator handles it). Requests
 * already received are still carried out by the emulator, as a server would after its client died.
 */
export function push(pe: PushEnv, ws: Workspace, run: PushRun | readonly string[] = {}): Promise<CliResult & { requests: RequestCounts; killed: boolean }> {
  const { args = [], uid, killAt } = Array.isArray(run) ? { args: run as readonly string[] } : (run as PushRun);
  const counters = pe.h.emulator.counters;
  counters.reset();
  const record = counters.record.bind(counters);
  let child: ChildProcess | undefined;
  let killed = false;
  if (killAt !== undefined) {
    counters.record = (method: string, route: string) => {
      record(method, route);
      if (!killed && child && counters.snapshot().total >= killAt) killed = child.kill('SIGKILL');
    };
  }
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [bin, 'push', '--space', 'DEMO', '--docs', 'docs', ...args], {
      cwd: ws.dir,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...pe.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid !== undefined ? { uid, gid: uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      counters.record = record;
      (globalThis as { __recordOutput?: (text: string) => void }).__recordOutput?.(stdout + stderr);
      resolve({ code, stdout, stderr, requests: counts(pe), killed });
    });
  });
}

export function counts(pe: PushEnv): RequestCounts {
  const { total, byRoute } = pe.h.emulator.counters.snapshot();
  const writes = Object.entries(byRoute)
    .filter(([key]) => WRITE_METHODS.has(key.split(' ')[0]!))
    .reduce((sum, [, n]) => sum + n, 0);
  return { total, writes, byRoute };
}

/** The writes among the counted requests, by route. */
export function writesByRoute(requests: RequestCounts): Record<string, number> {
  return Object.fromEntries(Object.entries(requests.byRoute).filter(([key]) => WRITE_METHODS.has(key.split(' ')[0]!)));
}

/** One page of the space as the tests compare it. */
export interface RemotePageState {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly parentTitle: string | null;
  readonly version: number;
  readonly versionMessage: string;
  readonly body: string;
  readonly labels: string[];
  /** File name → sha256 of the current version's bytes. */
  readonly attachments: Record<string, string>;
  readonly marker: unknown;
}

interface PageRow {
  id: string;
  title: string;
  status: string;
  parentId: string | null;
  version: { number: number; message: string };
  body: { storage: { value: string } };
}

async function getJson<T>(pe: PushEnv, path: string): Promise<T> {
  const r = await pe.h.call('GET', path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
  return r.body as T;
}

async function allPages<T>(pe: PushEnv, path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const body: { results: T[]; _links?: { next?: string } } = await getJson(pe, next);
    out.push(...body.results);
    next = body._links?.next;
  }
  return out;
}

/**
 * Everything about the space's pages (current and archived) that a push decides, read through the
 * emulator's REST API: titles, parents, bodies, versions, labels, attachments (by content), markers.
 * Keyed by title (titles are unique in a space).
 */
export async function remoteState(pe: PushEnv): Promise<Map<string, RemotePageState>> {
  const rows = await allPages<PageRow>(pe, `/wiki/api/v2/spaces/${pe.h.spaceId}/pages?limit=250&body-format=storage`);
  const titleOf = new Map(rows.map((r) => [r.id, r.title]));
  const read = async (row: PageRow): Promise<RemotePageState> => {
    const [labelRows, attachmentRows, markers] = await Promise.all([
      allPages<{ name: string }>(pe, `/wiki/api/v2/pages/${row.id}/labels?limit=250`),
      allPages<{ title: string }>(pe, `/wiki/api/v2/pages/${row.id}/attachments?limit=250`),
      allPages<{ value: unknown }>(pe, `/wiki/api/v2/pages/${row.id}/properties?key=confluence-sync`),
    ]);
    const attachments: Record<string, string> = {};
    for (const a of attachmentRows) {
      const response = await fetch(`${pe.h.base}/wiki/download/attachments/${row.id}/${encodeURIComponent(a.title)}`, { headers: { authorization: basicAuth } });
      expect(response.status).toBe(200);
      attachments[a.title] = sha256(Buffer.from(await response.arrayBuffer()));
    }
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      parentTitle: row.parentId === null ? null : (titleOf.get(row.parentId) ?? `#${row.parentId}`),
      version: row.version.number,
      versionMessage: row.version.message,
      body: row.body.storage.value,
      labels: labelRows.map((l) => l.name).sort(),
      attachments,
      marker: markers[0]?.value,
    };
  };
  const pages = await Promise.all(rows.map(read));
  // Sorted by title, so that differences read well.
  const state = new Map(pages.sort((a, b) => (a.title < b.title ? -1 : 1)).map((p) => [p.title, p]));
  return state;
}

/** Titles of the space's current and archived pages (one request per 250). */
export async function remoteTitles(pe: PushEnv): Promise<string[]> {
  return (await allPages<PageRow>(pe, `/wiki/api/v2/spaces/${pe.h.spaceId}/pages?limit=250`)).map((r) => r.title).sort();
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under the workspace's docs root → sha256 of its bytes (to prove nothing local changed). */
export function localFiles(ws: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
      else out[rel] = sha256(readFileSync(join(dir, entry.name)));
    }
  };
  walk(ws.docs, '');
  return out;
}

/**
 * A stored body without what Confluence itself adds on save and varies between equivalent runs:
 * generated `ac:macro-id`s and `ri:version-at-save` (the target's version when the link was saved).
 */
export function normalizeBody(storage: string): string {
  return storage.replace(/ ac:macro-id="[^"]*"/g, '').replace(/ ri:version-at-save="[^"]*"/g, '');
}

/** The fixture file's text with the `pageId` line the first push writes back removed. */
export function withoutPageId(text: string): string {
  return text.replace(/^pageId: "\d+"\r?\n/m, '');
}

/** Source path → expected page title and parent title, for every page the fixture publishes. */
export const FIXTURE_PAGES: Readonly<Record<string, { title: string; parent: string }>> = {
  'index.md': { title: 'Larkspur Documentation', parent: 'Demo Home' },
  'changelog.md': { title: 'Changelog', parent: 'Larkspur Documentation' },
  'faq.md': { title: 'Frequently asked questions', parent: 'Larkspur Documentation' },
  'glossary.md': { title: 'Glossary', parent: 'Larkspur Documentation' },
  'contributing.md': { title: 'Contributing to the docs', parent: 'Getting started' },
  'getting-started/index.md': { title: 'Getting started', parent: 'Larkspur Documentation' },
  'getting-started/installation.md': { title: 'Installation', parent: 'Getting started' },
  'getting-started/quickstart.md': { title: 'Quickstart', parent: 'Getting started' },
  'getting-started/configuration.md': { title: 'Configuration basics', parent: 'Getting started' },
  'guides/README.md': { title: 'Guides', parent: 'Larkspur Documentation' },
  'guides/environments.md': { title: 'Environments', parent: 'Guides' },
  'guides/flags/index.md': { title: 'Feature flags', parent: 'Guides' },
  'guides/flags/creating-flags.md': { title: 'Creating flags', parent: 'Feature flags' },
  'guides/flags/targeting-rules.md': { title: 'Targeting rules', parent: 'Feature flags' },
  'guides/flags/percentage-rollouts.md': { title: 'Percentage rollouts', parent: 'Feature flags' },
  'guides/flags/kill-switches.md': { title: 'Kill switches', parent: 'Feature flags' },
  'guides/experiments/': { title: 'experiments', parent: 'Guides' },
  'guides/experiments/ab-tests.md': { title: 'A/B tests', parent: 'experiments' },
  'guides/experiments/metrics.md': { title: 'Experiment metrics', parent: 'experiments' },
  'guides/experiments/analysis/index.md': { title: 'Experiment analysis', parent: 'experiments' },
  'guides/experiments/analysis/significance.md': { title: 'Statistical significance', parent: 'Experiment analysis' },
  'guides/experiments/analysis/sample-size.md': { title: 'Sample size', parent: 'Experiment analysis' },
  'reference/index.md': { title: 'Reference', parent: 'Larkspur Documentation' },
  'reference/configuration-file.md': { title: 'Configuration file', parent: 'Reference' },
  'reference/cli/index.md': { title: 'CLI reference', parent: 'Reference' },
  'reference/cli/larkspur-flags.md': { title: 'larkspur flags', parent: 'CLI reference' },
  'reference/cli/larkspur-env.md': { title: 'larkspur env', parent: 'CLI reference' },
  'reference/cli/larkspur-audit.md': { title: 'larkspur audit', parent: 'CLI reference' },
  'reference/api/README.md': { title: 'REST API', parent: 'Reference' },
  'reference/api/authentication.md': { title: 'Authentication', parent: 'REST API' },
  'reference/api/flags-endpoint.md': { title: 'Flags endpoint', parent: 'REST API' },
  'reference/api/evaluations-endpoint.md': { title: 'Evaluations endpoint', parent: 'REST API' },
  'reference/api/webhooks.md': { title: 'Webhooks', parent: 'REST API' },
  'reference/api/errors.md': { title: 'API errors', parent: 'REST API' },
  'reference/sdks/index.md': { title: 'SDKs', parent: 'Reference' },
  'reference/sdks/javascript.md': { title: 'JavaScript SDK', parent: 'SDKs' },
  'reference/sdks/python.md': { title: 'Python SDK', parent: 'SDKs' },
  'reference/sdks/go.md': { title: 'Go SDK', parent: 'SDKs' },
  'operations/index.md': { title: 'Operations', parent: 'Larkspur Documentation' },
  'operations/deployment.md': { title: 'Deployment', parent: 'Operations' },
  'operations/backups.md': { title: 'Backups', parent: 'Operations' },
  'operations/monitoring.md': { title: 'Monitoring', parent: 'Operations' },
  'operations/runbooks/index.md': { title: 'Runbooks', parent: 'Operations' },
  'operations/runbooks/database-failover.md': { title: 'Database failover', parent: 'Runbooks' },
  'operations/runbooks/high-latency.md': { title: 'High latency', parent: 'Runbooks' },
};
