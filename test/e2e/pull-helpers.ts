import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { lockfileSchema, type Lockfile } from '../../src/lockfile/schema.js';
import { counts, type PushEnv, type RequestCounts } from './push-helpers.js';
import { runCli, type CliResult } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/to-markdown/', import.meta.url));

/** The storage of a converter fixture (`fixtures/to-markdown/<name>/input.xml`), a realistic page body. */
export function fixtureBody(name: string): string {
  return readFileSync(join(FIXTURES, name, 'input.xml'), 'utf8').trim();
}

/** A fresh working directory with an empty (absent) `docs/`, where the CLI runs. */
export class PullWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'cs-pull-'));

  get docs(): string {
    return join(this.dir, 'docs');
  }

  get lockPath(): string {
    return join(this.dir, 'confluence-sync.lock.json');
  }

  read(path: string): string {
    return readFileSync(join(this.docs, path), 'utf8');
  }

  write(path: string, text: string | Buffer): void {
    mkdirSync(dirname(join(this.docs, path)), { recursive: true });
    writeFileSync(join(this.docs, path), text);
  }

  has(path: string): boolean {
    return existsSync(join(this.docs, path));
  }

  lockText(): string | undefined {
    return existsSync(this.lockPath) ? readFileSync(this.lockPath, 'utf8') : undefined;
  }

  lock(): Lockfile {
    const text = this.lockText();
    if (text === undefined) throw new Error('no lockfile');
    return lockfileSchema.parse(JSON.parse(text));
  }

  /** Every file under the work dir (docs and lockfile) → sha256 and mtime, to prove a run wrote nothing. */
  snapshot(): Record<string, { sha256: string; mtimeMs: number }> {
    const out: Record<string, { sha256: string; mtimeMs: number }> = {};
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const rel = `${prefix}${entry.name}`;
        if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
        else out[rel] = { sha256: createHash('sha256').update(readFileSync(join(dir, entry.name))).digest('hex'), mtimeMs: statSync(join(dir, entry.name)).mtimeMs };
      }
    };
    walk(this.dir, '');
    return out;
  }

  /** The Markdown and other files under docs/ (relative paths, sorted). */
  files(): string[] {
    return Object.keys(this.snapshot())
      .filter((p) => p.startsWith('docs/'))
      .map((p) => p.slice('docs/'.length))
      .sort();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs the built CLI in the workspace (`confluence-sync ARGS…`) and counts the requests the emulator got meanwhile. */
export async function cli(pe: PushEnv, ws: { dir: string }, args: readonly string[]): Promise<CliResult & { requests: RequestCounts }> {
  pe.h.emulator.counters.reset();
  const result = await runCli(args, pe.env, { cwd: ws.dir });
  return { ...result, requests: counts(pe) };
}

/** `confluence-sync pull --space KEY --docs docs ARGS…`. */
export function pullCli(pe: PushEnv, ws: { dir: string }, space: string, args: readonly string[] = []) {
  return cli(pe, ws, ['pull', '--space', space, '--docs', 'docs', ...args]);
}

/** `confluence-sync push --space KEY --docs docs ARGS…`. */
export function pushCli(pe: PushEnv, ws: { dir: string }, space: string, args: readonly string[] = []) {
  return cli(pe, ws, ['push', '--space', space, '--docs', 'docs', ...args]);
}

/** Loads a seed into the emulator (docs/emulator.md, "Seed file format"); answers the ids by title. */
export async function seed(pe: PushEnv, body: unknown): Promise<{ key: string; id: string; homepageId: string; content: Record<string, string> }> {
  const r = await pe.h.call('POST', '/__emulator/seed', body);
  expect(r.status, r.text).toBe(201);
  return (r.body as { spaces: Array<{ key: string; id: string; homepageId: string; content: Record<string, string> }> }).spaces[0]!;
}

/** A person saves the page in the Confluence editor (a new version by someone else). */
export async function editInConfluence(pe: PushEnv, pageId: string, edit: { body?: string; title?: string }): Promise<void> {
  const r = await pe.h.call('POST', `/__emulator/pages/${pageId}/editor-save`, edit);
  expect(r.status, r.text).toBe(200);
}

/** The JSON report of a `pull --json` run. */
export interface PullJson {
  readonly counts: Record<string, number>;
  readonly actions: Array<{ type: string; kind?: string; path: string; from?: string; pageId: string; title: string; remotePath?: string; why?: string }>;
  readonly skipped: Array<{ pageId: string; title: string; reason: string }>;
  readonly warnings: Array<{ file: string; code: string; message: string }>;
  readonly written: string[];
  readonly removed: string[];
  readonly attachments: { downloaded: number; kept: number };
}

export function report(stdout: string): PullJson {
  return JSON.parse(stdout) as PullJson;
}
