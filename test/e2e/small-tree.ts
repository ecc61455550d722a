import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { counts, type PushEnv, type RequestCounts } from './push-helpers.js';
import { runCli, type CliResult } from './run-cli.js';

/** A small docs tree of three linked pages: quick to publish, and without the demo tree's deliberate broken link. */
export const SMALL_TREE: Readonly<Record<string, string>> = {
  'index.md': '# Handbook\n\nStart with the [guide](guide.md) and the [FAQ](faq.md).\n',
  'guide.md': '---\nlabels: [guide]\n---\n# Guide\n\nSee the [FAQ](faq.md#setup).\n\n![diagram](img/diagram.svg)\n',
  'faq.md': '# FAQ\n\n## Setup\n\nRun the installer.\n',
  'img/diagram.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
};

/** A temp working directory with `docs/` holding `files`; the CLI runs there. */
export class TreeWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'cs-tree-'));
  constructor(files: Readonly<Record<string, string>> = SMALL_TREE) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }
  get docs(): string {
    return join(this.dir, 'docs');
  }
  path(relative: string): string {
    return join(this.docs, relative);
  }
  write(relative: string, text: string | Buffer): void {
    mkdirSync(dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), text);
  }
  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }
  remove(relative: string): void {
    unlinkSync(this.path(relative));
  }
  exists(relative: string): boolean {
    return existsSync(this.path(relative));
  }
  file(name: string): string {
    return join(this.dir, name);
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs the built CLI in the workspace against the emulator; returns its output and the requests it made. */
export async function cli(pe: PushEnv, ws: TreeWorkspace, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult & { requests: RequestCounts }> {
  pe.h.emulator.counters.reset();
  const r = await runCli(args, { ...pe.env, ...env }, { cwd: ws.dir });
  return { ...r, requests: counts(pe) };
}
