import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { pull } from '../../src/sync/pull.js';
import { SnapshotError } from '../../src/sync/snapshot.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { filesOf } from './files-of.js';
import { syncSession } from './sync-session.js';

/**
 * A pull keeps the fetched bodies and the converted files' texts in a temporary file
 * (sync/text-spool.ts) until it needs them. The temporary folder goes when the pull ends, whether it
 * succeeded or not, and where none can be made the texts stay in memory, to the same files.
 */
const realTmp = process.env.TMPDIR;
/** The spool folders in `tmp` (other tools, such as the TypeScript loader of the workers, may use it too). */
const spools = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('confluence-sync-'));
const session = syncSession();
afterEach(() => {
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
});
const fresh = (prefix: string) => session.tempDir(prefix);
const start = async (): Promise<ConfluenceClient> => (await session.start(realisticSeed('SPOOL'))).client;

const run = (c: ConfluenceClient, baseDir: string, extra: Record<string, unknown> = {}, onProgress?: () => void) =>
  pull({ config: configSchema.parse({ space: 'SPOOL', docs: 'docs', ...extra }), baseDir, client: c, dryRun: false, force: false, includeBlogposts: true, minPoolPages: 1, ...(onProgress ? { onProgress } : {}) });

describe('pull spools the texts it waits with', () => {
  it('leaves its temporary folder empty after a first pull and a pull of one changed page', async () => {
    const c = await start();
    const tmp = fresh('cs-spool-tmp-');
    process.env.TMPDIR = tmp;
    const dir = fresh('cs-spool-');
    // While pages are converted, the bodies and the texts each have a folder there.
    const seen = new Set<number>();
    const first = await run(c, dir, {}, () => seen.add(spools(tmp).length));
    expect([...seen]).toEqual([2]);
    expect(first.failed).toEqual([]);
    expect(first.written.filter((p) => p.endsWith('.md')).length).toBeGreaterThan(15);
    expect(spools(tmp)).toEqual([]);
    // The texts stayed in the spool until written: the result's actions carry none.
    expect(first.actions.filter((a) => a.type === 'write').length).toBeGreaterThan(15);
    expect(first.actions.filter((a) => 'text' in a || 'remoteText' in a)).toEqual([]);

    // One page changed in Confluence: its body comes by id (not in the listing), through the spool too.
    const faqPath = first.written.find((p) => /faq\.md$/i.test(p))!;
    const faqFile = join(dir, 'docs', faqPath);
    const faqId = /pageId: "?(\d+)"?/.exec(readFileSync(faqFile, 'utf8'))![1]!;
    const current = await c.pages.get(faqId, { bodyFormat: 'storage' });
    await c.pages.update(faqId, { title: current.title, body: '<p>Edited in Confluence, Grüße 😀</p>', version: current.version!.number + 1 });
    const second = await run(c, dir);
    expect(second.written).toEqual([faqPath]);
    expect(readFileSync(faqFile, 'utf8')).toContain('Edited in Confluence, Grüße 😀');
    expect(spools(tmp)).toEqual([]);
  });

  it('leaves its temporary folder empty when it stops with an error', async () => {
    const c = await start();
    const tmp = fresh('cs-spool-tmp-');
    process.env.TMPDIR = tmp;
    const error = await run(c, fresh('cs-spool-'), { rootPage: '999999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect(spools(tmp)).toEqual([]);
  });

  it('keeps the texts in memory when no temporary file can be made: the same files', async () => {
    const c = await start();
    const tmp = fresh('cs-spool-tmp-');
    process.env.TMPDIR = tmp;
    const spooled = fresh('cs-spool-');
    await run(c, spooled);
    // TMPDIR names a file: no temporary folder can be made in it.
    writeFileSync(join(tmp, 'not-a-folder'), '');
    process.env.TMPDIR = join(tmp, 'not-a-folder');
    const inMemory = fresh('cs-spool-');
    const result = await run(c, inMemory);
    expect(result.failed).toEqual([]);
    expect(filesOf(inMemory)).toEqual(filesOf(spooled));
  });
});
