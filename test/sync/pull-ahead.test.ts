import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { ConvertPool } from '../../src/sync/convert-pool.js';
import { shareFacts } from '../../src/sync/convert-tasks.js';
import { pull, type PullResult } from '../../src/sync/pull.js';
import { aheadFacts, aheadSource, renderAhead } from '../../src/sync/pull-ahead.js';
import { realisticSeed } from '../e2e/pull-space.js';
import { filesOf } from './files-of.js';
import { syncSession } from './sync-session.js';

/**
 * A pull renders each pulled file as push will while it still fetches (sync/pull-ahead.ts), told
 * only what it knows by then (guessed anchors, attachments not downloaded yet). The render before
 * writing takes those conversions from the cache only where every answer holds for the whole tree:
 * the files, the lockfile and the conversion cache are byte for byte those of a pull that renders
 * everything before writing, whether the guesses were right or not.
 */
const session = syncSession();

/** Pages linking to each other's headings (one with a character reference, one with an emoticon, which the guess from storage gets wrong). */
function linkedSeed(key: string): unknown {
  const link = (title: string, anchor: string, text: string) => `<ac:link ac:anchor="${anchor}"><ri:page ri:content-title="${title}" /><ac:plain-text-link-body><![CDATA[${text}]]></ac:plain-text-link-body></ac:link>`;
  return {
    spaces: [
      {
        key,
        name: 'Ahead',
        homepage: { title: 'Home', body: '<p>The root of the pull (no file of its own).</p>' },
        pages: [
          { title: 'First', body: `<h2>Intro</h2><p>See ${link('Second', 'Set-up', 'set up')}, ${link('Second', 'Fish-&amp;-Chips', 'fish')}, ${link('Third', 'Smile-', 'the smile')} and <a href="#Intro">this</a>.</p>` },
          { title: 'Second', body: `<h2>Set up</h2><h2>Fish &amp; Chips</h2><h3>Set up</h3><p>Back to ${link('First', 'Intro', 'first')}.</p>` },
          { title: 'Third', body: `<h2>Smile <ac:emoticon ac:name="smile" /></h2><p>text</p>` },
        ],
      },
    ],
  };
}

async function pullBoth(seed: unknown, key: string, minPoolPages: number): Promise<Record<'ahead' | 'atEnd', { result: PullResult; files: Record<string, string> }>> {
  const { client } = await session.start(seed);
  const run = async (renderAhead: boolean) => {
    const dir = session.tempDir('cs-pull-ahead-');
    const config = configSchema.parse({ space: key, docs: 'docs' });
    const result = await pull({ config, baseDir: dir, client, dryRun: false, force: false, includeBlogposts: true, minPoolPages, renderAhead });
    return { result, files: filesOf(dir) };
  };
  return { ahead: await run(true), atEnd: await run(false) };
}

describe('pull renders the pulled files ahead', () => {
  it.each([
    ['on this thread', Number.POSITIVE_INFINITY],
    ['on the conversion pool', 1],
  ])('a realistic space %s: the same files, lockfile and cache as rendering before writing', async (_, minPoolPages) => {
    const { ahead, atEnd } = await pullBoth(realisticSeed('AHEAD'), 'AHEAD', minPoolPages);
    expect(Object.keys(ahead.files).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(15);
    expect(ahead.files).toEqual(atEnd.files);
    expect(ahead.result.warnings).toEqual(atEnd.result.warnings);
    expect(ahead.result.written).toEqual(atEnd.result.written);
    // Every pulled page was rendered ahead, and every guess held: nothing is converted before writing.
    const pages = ahead.result.actions.filter((a) => a.type === 'write' && a.path.endsWith('.md') && !a.path.startsWith('blog/')).length;
    expect(ahead.result.renders.ahead).toBe(pages);
    expect(ahead.result.renders.beforeWriting).toBe(0);
    expect(atEnd.result.renders).toEqual({ ahead: 0, beforeWriting: pages });
  });

  it('converts again before writing what a wrong guess answered, to the same result', async () => {
    const { ahead, atEnd } = await pullBoth(linkedSeed('LINKS'), 'LINKS', Number.POSITIVE_INFINITY);
    expect(ahead.files).toEqual(atEnd.files);
    expect(ahead.result.renders.ahead).toBe(3);
    // First links to Third's heading, whose emoticon the guess from storage leaves out: First again.
    expect(ahead.result.renders.beforeWriting).toBe(1);
    const first = Object.entries(ahead.files).find(([path]) => path.endsWith('first.md'))![1];
    expect(first).toContain('second.md#Set-up');
    expect(atEnd.result.renders).toEqual({ ahead: 0, beforeWriting: 3 });
  });
});

describe('renderAhead', () => {
  const facts = aheadFacts({
    kept: new Map([['kept.md', { title: 'Kept', headings: [{ slug: 'usage', anchor: 'Usage' }] }]]),
    pulled: [{ path: 'other.md', title: 'Other', storage: '<h2>Set up</h2>' }],
    assets: new Set(['images/a.png']),
  });
  const text = '---\ntitle: "Page"\n---\n\n## Intro\n\nSee [usage](kept.md#usage), [set up](other.md#set-up), ![a](images/a.png) and ![own](page.assets/b.png).\n';

  it('converts what push converts of the file, its own attachments counted as present', () => {
    const done = renderAhead(facts, 'page.md', text, ['page.assets/b.png'])!;
    expect(done.conversion.result.storage).toContain('ac:anchor="Usage"');
    expect(done.conversion.result.storage).toContain('ac:anchor="Set-up"');
    const assetAnswers = (queries: readonly (readonly unknown[])[]) => queries.filter((q) => q[0] === 'asset');
    expect(assetAnswers(done.conversion.queries)).toEqual([['asset', 'images/a.png', 'a.png'], ['asset', 'page.assets/b.png', 'b.png']]);
    expect(assetAnswers(renderAhead(facts, 'page.md', text, [])!.conversion.queries)).toEqual([['asset', 'images/a.png', 'a.png'], ['asset', 'page.assets/b.png', null]]);
    expect(renderAhead(facts, 'bad.md', '---\ntitle: [\n---\n', [])).toBeUndefined();
  });

  it('gives the same on a worker of the conversion pool (the source parsed here, converted there)', async () => {
    const pool = new ConvertPool({ threads: 1 });
    try {
      const { key, page } = aheadSource('page.md', text, ['page.assets/b.png'])!;
      const conversion = await pool.toStorage(shareFacts(facts), page);
      expect(pool.completed).toBe(1);
      expect({ source: key, conversion }).toEqual(renderAhead(facts, 'page.md', text, ['page.assets/b.png']));
    } finally {
      await pool.close();
    }
  });
});
