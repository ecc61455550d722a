import { chmodSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localFiles, push, remoteState, startPushEnv, Workspace, type PushEnv } from './push-helpers.js';

/**
 * Bad input stops a push before anything is written: a clear error naming the file and line, exit
 * code 3, no write request, the lockfile and the files untouched. One published tree for the whole
 * file; each test breaks it, runs, and puts it back.
 */
let pe: PushEnv;
let ws: Workspace;
let published: Awaited<ReturnType<typeof remoteState>>;
beforeAll(async () => {
  pe = await startPushEnv();
  ws = new Workspace();
  const first = await push(pe, ws);
  expect(first.code, first.stderr).toBe(0);
  published = await remoteState(pe);
});
afterAll(async () => {
  ws.dispose();
  await pe.close();
});

/** Files changed by the test, with their text before, restored after each test. */
const changed = new Map<string, string | undefined>();
function edit(path: string, change: (text: string) => string): void {
  if (!changed.has(path)) changed.set(path, safeRead(path));
  ws.write(path, change(safeRead(path) ?? ''));
}
function safeRead(path: string): string | undefined {
  try {
    return ws.read(path);
  } catch {
    return undefined;
  }
}
afterEach(() => {
  for (const [path, text] of changed) {
    if (text === undefined) unlinkSync(join(ws.docs, path));
    else ws.write(path, text);
  }
  changed.clear();
});

/** Runs a push that must be refused; returns its stderr. */
async function refused(options: { uid?: number; args?: string[]; says?: string } = {}): Promise<string> {
  const lock = ws.lockText();
  const files = localFiles(ws);
  const r = await push(pe, ws, { uid: options.uid, args: options.args });
  expect(r.code, r.stderr).toBe(3);
  expect(r.stderr).toContain(options.says ?? 'nothing was written');
  expect(r.stderr).not.toContain('unexpected error');
  expect(r.requests.writes).toBe(0);
  expect(r.stdout).toBe('');
  expect(ws.lockText()).toBe(lock);
  expect(localFiles(ws)).toEqual(files);
  return r.stderr;
}

describe('push refuses bad input, naming file and line, and writes nothing', () => {
  it('broken YAML in the frontmatter', async () => {
    edit('guides/environments.md', (t) => t.replace('labels: [guides, environments]', 'labels: [guides, environments\nowner: platform-team'));
    const stderr = await refused();
    // Line 5: ---, pageId (written back by the first push), title, the unclosed list, the line where the parser stopped.
    expect(stderr).toMatch(/docs\/guides\/environments\.md:5: the frontmatter is not valid YAML \(.+\): fix the YAML between the --- lines/);
  });

  it('a frontmatter field of the wrong type', async () => {
    edit('guides/environments.md', (t) => t.replace('labels: [guides, environments]', 'labels: 42'));
    const stderr = await refused();
    // Line 4: ---, pageId (written back by the first push), title, labels.
    expect(stderr).toContain("docs/guides/environments.md:4: frontmatter field 'labels'");
  });

  it('two files with one title, from the frontmatter or from the first heading', async () => {
    edit('guides/flags/emergency-off.md', () => '---\ntitle: Kill switches\nlabels: [flags]\n---\n\nHow to turn a feature off.\n');
    edit('guides/flags/turning-off.md', () => '# Kill Switches\n\nThe same title in other case.\n');
    const stderr = await refused();
    expect(stderr).toContain('docs/guides/flags/emergency-off.md:2: the title "Kill switches" is also the title of guides/flags/kill-switches.md');
    expect(stderr).toContain('docs/guides/flags/turning-off.md:1: the title "Kill Switches" is also the title of guides/flags/kill-switches.md');
  });

  it('parent fields that form a cycle', async () => {
    edit('reference/cli/larkspur-env.md', (t) => t.replace('title: larkspur env\n', 'title: larkspur env\nparent: larkspur-flags.md\n'));
    edit('reference/cli/larkspur-flags.md', (t) => t.replace('title: larkspur flags\n', 'title: larkspur flags\nparent: larkspur-env.md\n'));
    const stderr = await refused();
    expect(stderr).toMatch(/docs\/reference\/cli\/larkspur-(env|flags)\.md:4: parent fields form a cycle: reference\/cli\/larkspur-(env|flags)\.md → reference\/cli\/larkspur-(env|flags)\.md → reference\/cli\/larkspur-(env|flags)\.md/);
  });

  it('a parent that does not exist', async () => {
    edit('operations/backups.md', (t) => t.replace('title: Backups\n', 'title: Backups\nparent: ../runbooks/index.md\n'));
    const stderr = await refused();
    expect(stderr).toContain("docs/operations/backups.md:4: parent '../runbooks/index.md' is not a published Markdown file of the tree (resolved to runbooks/index.md)");
  });

  it('one page ID claimed by two files', async () => {
    const id = published.get('Backups')!.id;
    edit('operations/monitoring.md', (t) => t.replace(/^pageId: "\d+"$/m, `pageId: "${id}"`));
    const stderr = await refused();
    expect(stderr).toContain(`docs/operations/monitoring.md:2: pageId ${id} is also claimed by operations/backups.md`);
  });

  it('an unreadable file', async () => {
    edit('operations/deployment.md', (t) => t);
    chmodSync(join(ws.docs, 'operations/deployment.md'), 0o000);
    try {
      // As root every file is readable: run the CLI as an unprivileged user then.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) {
        for (const dir of [ws.dir, ws.docs]) chmodSync(dir, 0o755);
      }
      const stderr = await refused(asRoot ? { uid: 65534 } : {});
      expect(stderr).toMatch(/docs\/operations\/deployment\.md: cannot read the file: EACCES/);
    } finally {
      chmodSync(join(ws.docs, 'operations/deployment.md'), 0o644);
    }
  });

  it('a new file whose title belongs to a page confluence-sync does not manage', async () => {
    const made = await pe.h.call('POST', '/wiki/api/v2/pages', { spaceId: pe.h.spaceId, title: 'Release process', body: { representation: 'storage', value: '<p>By hand</p>' } });
    expect(made.status).toBe(200);
    const id = (made.body as { id: string }).id;
    mkdirSync(join(ws.docs, 'operations/process'), { recursive: true });
    edit('operations/process/releases.md', () => '# Release process\n\nHow we cut a release.\n');
    try {
      const stderr = await refused();
      expect(stderr).toContain(`operations/process/releases.md: a page titled "Release process" (id ${id}) already exists in space DEMO and is not managed by confluence-sync: set "pageId: ${id}" in the frontmatter to take it over`);
    } finally {
      await pe.h.call('DELETE', `/wiki/api/v2/pages/${id}`);
    }
  });

  it('a lockfile that is not valid JSON', async () => {
    const text = ws.lockText()!;
    writeFileSync(ws.lockPath, text.slice(0, text.length / 2));
    try {
      const stderr = await refused({ says: 'confluence-sync.lock.json is not valid JSON' });
      expect(stderr).toContain('Restore it from git, or delete it: the next push finds its pages again by their markers.');
    } finally {
      writeFileSync(ws.lockPath, text);
    }
  });

  it('a root page that is not in the space', async () => {
    const stderr = await refused({ args: ['--root-page', '999999'], says: 'The root page 999999 is not a current page of space DEMO' });
    expect(stderr).toContain('check --root-page or "rootPage" in the config');
  });

  it('after all of that, the tree still publishes with nothing to do', async () => {
    const r = await push(pe, ws);
    expect(r.code).toBe(0);
    expect(r.requests.writes).toBe(0);
    expect(await remoteState(pe)).toEqual(published);
  });
});
