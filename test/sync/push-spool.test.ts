import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { push } from '../../src/sync/push.js';
import { TextSpool } from '../../src/sync/text-spool.js';
import { TreeError } from '../../src/tree/errors.js';
import { syncSession } from './sync-session.js';

/**
 * A push keeps its files' Markdown in a temporary file while the tree renders (sync/spooled-tree.ts).
 * The folder goes when the render ends, whether the push goes on or stops; where none can be made,
 * the Markdown stays in memory, to the same pages.
 */
const realTmp = process.env.TMPDIR;
const spoolFolders = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('confluence-sync-'));
const session = syncSession();
afterEach(() => {
  vi.restoreAllMocks();
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
});

/** 120 files (a pool converts from 100), with non-Latin-1 text, CRLF lines, links to headings and an empty body. */
function writeTree(dir: string, extra: Record<string, string> = {}): void {
  const files: Record<string, string> = {
    'index.md': '# Home\n\nSee [the first page](guide/page-0.md#grüße-und-größen).\n',
    'guide/empty.md': '---\ntitle: Empty\n---\n',
    ...Object.fromEntries(
      Array.from({ length: 118 }, (_, i) => [`guide/page-${i}.md`, `# Page ${i} ✓\n\n## Grüße und Größen\r\n\r\nText 日本語 ${i} 😀, see [the next](page-${(i + 1) % 118}.md#grüße-und-größen).\n`]),
    ),
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'docs', path)), { recursive: true });
    writeFileSync(join(dir, 'docs', path), text);
  }
}

const run = async (client: ConfluenceClient, dir: string, extra: Record<string, unknown> = {}) => {
  let storage: Array<[string, string]> = [];
  const result = await push({
    config: configSchema.parse({ space: 'DEMO', docs: 'docs', ...extra }),
    baseDir: dir,
    client,
    dryRun: true,
    force: false,
    onEvent: () => undefined,
    onPlan: (_plan, pages) => {
      storage = [...pages].map(([path, page]) => [path, page.storage]);
    },
  });
  return { result, storage };
};

describe('push spools the Markdown it renders', () => {
  it('reads every file once into one spool, removed once the tree is rendered: the same pages as in memory', async () => {
    const { client } = await session.start();
    const tmp = session.tempDir('cs-push-spool-tmp-');
    process.env.TMPDIR = tmp;
    const open = vi.spyOn(TextSpool, 'open');
    // Whether each text went to a file (a spool's `onDisk`, while it is open).
    const onDisk: boolean[] = [];
    const realPut = TextSpool.prototype.put;
    vi.spyOn(TextSpool.prototype, 'put').mockImplementation(function (this: TextSpool, key: string, text: string) {
      onDisk.push(this.onDisk);
      realPut.call(this, key, text);
    });
    const dir = session.tempDir('cs-push-spool-');
    writeTree(dir);
    const spooled = await run(client, dir, { cache: false });
    expect(open).toHaveBeenCalledTimes(1);
    // Every page of the tree, each to the file: the 120 files and the folder page of guide/.
    expect(onDisk).toEqual(new Array(121).fill(true));
    expect(spoolFolders(tmp)).toEqual([]);
    expect(spooled.result.plan.actions.filter((a) => a.type === 'create')).toHaveLength(121);
    const first = spooled.storage.find(([path]) => path === 'guide/page-0.md')![1];
    expect(first).toContain('Text 日本語 0 😀');
    expect(first).toContain('<ac:link ac:anchor="Gr%C3%BC%C3%9Fe-und-Gr%C3%B6%C3%9Fen"><ri:page ri:content-title="Page 1 ✓" />');

    // TMPDIR names a file: no temporary folder can be made, and the Markdown stays in memory.
    writeFileSync(join(tmp, 'not-a-folder'), '');
    process.env.TMPDIR = join(tmp, 'not-a-folder');
    onDisk.length = 0;
    const inMemory = await run(client, dir, { cache: false });
    expect(open).toHaveBeenCalledTimes(2);
    expect(onDisk).toEqual(new Array(121).fill(false));
    expect(inMemory.storage).toEqual(spooled.storage);
    expect(inMemory.result.plan).toEqual(spooled.result.plan);
  });

  it('removes the spool when the push stops: a file that does not parse, or --strict', async () => {
    const { client } = await session.start();
    const tmp = session.tempDir('cs-push-spool-tmp-');
    process.env.TMPDIR = tmp;

    const broken = session.tempDir('cs-push-spool-');
    writeTree(broken, { 'bad.md': '---\ntitle: [unclosed\n---\n' });
    const parseError = await run(client, broken).catch((e: unknown) => e);
    expect(parseError).toBeInstanceOf(TreeError);
    expect(String((parseError as Error).message)).toContain('bad.md');
    expect(spoolFolders(tmp)).toEqual([]);

    const strict = session.tempDir('cs-push-spool-');
    writeTree(strict, { 'links.md': '# Links\n\nSee [nowhere](missing.md).\n' });
    const strictError = await run(client, strict, { strict: true }).catch((e: unknown) => e);
    expect(strictError).toBeInstanceOf(TreeError);
    expect(String((strictError as Error).message)).toContain('links.md');
    expect(spoolFolders(tmp)).toEqual([]);
  });
});
