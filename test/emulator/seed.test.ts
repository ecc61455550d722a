import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed } from '../../src/emulator/demo.js';
import { readSeedFile } from '../../src/emulator/launch.js';
import type { DocumentRecord, FolderRecord } from '../../src/emulator/model.js';
import { defaultFidelity } from '../../src/emulator/options.js';
import { SeedError, parseSeed, parseSeedText, type Seed } from '../../src/emulator/seed.js';
import { applySeed } from '../../src/emulator/seed-apply.js';
import { Site } from '../../src/emulator/site.js';
import { snapshotSite } from '../../src/emulator/state.js';
import { current } from '../../src/emulator/views.js';

const user = { accountId: '557058:seed-test', email: 'seed@example.com', displayName: 'Seed Test' };

function freshSite(): Site {
  const site = new Site('cloud-1', 'seed-test', 'http://127.0.0.1:1', defaultFidelity, 1);
  site.users.set(user.accountId, user);
  return site;
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SeedError) return error.problems;
    throw error;
  }
  throw new Error('expected a SeedError');
}

function page(site: Site, id: string): DocumentRecord {
  const record = site.content.get(id);
  if (!record || record.kind === 'folder') throw new Error(`no page ${id}`);
  return record;
}

function labelNames(site: Site, record: { labels: Set<string> }): string[] {
  return [...record.labels].map((id) => site.labels.get(id)!.name);
}

const full: Seed = {
  $schema: './seed.schema.json',
  spaces: [
    {
      key: 'DOCS',
      name: 'Documentation',
      description: 'All the docs',
      properties: { owner: { team: 'docs' } },
      homepage: { title: 'Docs', body: '<p>Start here<br/></p>', labels: ['home'] },
      pages: [
        {
          title: 'Guide',
          body: '<h1>Guide</h1><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>',
          labels: ['How To', 'ops,Guide'],
          properties: { 'content-appearance-published': 'full-width', meta: { $type: 'not-a-tag', n: 1 } },
          attachments: [
            { filename: 'notes.txt', text: 'héllo', comment: 'first' },
            { filename: 'pixel.png', base64: 'iVBORw0KGgo=' },
            { filename: 'data.bin', base64: 'AAEC', mediaType: 'application/x-thing' },
          ],
          updates: [{ body: '<p>second</p>', message: 'edit 2' }, { title: 'Guide (renamed)', message: 'edit 3' }],
          children: [
            { title: 'Draft child', status: 'draft', body: '<p>wip</p>' },
            {
              type: 'folder',
              title: 'Reference',
              properties: { kind: 'folder' },
              children: [{ title: 'API', body: '<p>api</p>' }],
            },
          ],
        },
        { title: 'Old', status: 'archived', children: [{ title: 'Under old' }] },
      ],
      blogposts: [
        { title: 'Launch', body: '<p>We launched</p>', createdAt: '2026-01-31T09:00:00.000Z', labels: ['news'], updates: [{ body: '<p>We launched!</p>' }] },
        { title: 'Unfinished', status: 'draft' },
      ],
    },
    { key: 'EMPTY', name: 'Nothing here' },
  ],
};

describe('parseSeed: validation names the JSON path and what to fix', () => {
  it('accepts a complete seed', () => {
    expect(parseSeed(full)).toEqual(full);
    expect(parseSeed(demoSeed)).toEqual(demoSeed);
  });

  it('lists every problem of a bad seed', () => {
    const problems = problemsOf(() =>
      parseSeed({
        spaces: [
          {
            key: 'A B',
            name: ' ',
            homepage: { titel: 'x' },
            pages: [
              { titel: 'Typo' },
              { type: 'folder', title: 'F', body: '<p/>', labels: ['x'] },
              { title: 5 },
              { title: 'D', status: 'draft', updates: [{}], children: [{ title: 'C' }] },
              { title: 'S', status: 'published' },
              { title: 'x'.repeat(256) },
              {
                title: 'Files',
                attachments: [{ filename: 'a/b', text: 't' }, { filename: 'both', text: 't', base64: 'AA==' }, { filename: 'bad', base64: '!!' }, { text: 't' }],
                properties: { '': 1 },
                labels: 'x',
              },
            ],
            blogposts: [{ title: 'B', createdAt: 'yesterday', status: 'archived' }],
          },
        ],
        extra: true,
      }),
    );
    expect(problems).toEqual([
      'spaces[0].key: must be 1–255 letters and digits, e.g. "DOCS"',
      'spaces[0].name: must not be blank',
      'spaces[0].homepage: unknown field "titel": remove it or fix the spelling (see "Seed file format" in docs/emulator.md)',
      'spaces[0].pages[0].title: is required: give a title',
      'spaces[0].pages[0]: unknown field "titel": remove it or fix the spelling (see "Seed file format" in docs/emulator.md)',
      'spaces[0].pages[1].body: a folder has no body: remove it, or make this a page',
      'spaces[0].pages[1].labels: a folder has no labels: remove it, or make this a page',
      'spaces[0].pages[2].title: must be a string',
      'spaces[0].pages[3].updates: a draft has no version history: remove "updates", or make the page current',
      'spaces[0].pages[3].children: a draft cannot have children: make the page current, or move the children elsewhere',
      'spaces[0].pages[4].status: must be "current" (the default), "draft" or "archived"',
      'spaces[0].pages[5].title: must be at most 255 characters: shorten the title',
      'spaces[0].pages[6].labels: must be an array of label names, e.g. ["howto", "draft"]',
      'spaces[0].pages[6].properties[""]: a property key must not be empty',
      "spaces[0].pages[6].attachments[0].filename: must not contain '/' (Confluence refuses it in file names)",
      "spaces[0].pages[6].attachments[1]: give exactly one of 'text' (UTF-8 content) or 'base64' (binary content)",
      'spaces[0].pages[6].attachments[2].base64: must be base64 (A–Z, a–z, 0–9, +, /, padded with =)',
      'spaces[0].pages[6].attachments[3].filename: is required: the file name the attachment is stored under',
      'spaces[0].blogposts[0].status: must be "current" (the default) or "draft"',
      'spaces[0].blogposts[0].createdAt: must be an ISO-8601 timestamp such as "2026-01-31T09:00:00.000Z"',
      '(top level): unknown field "extra": remove it or fix the spelling (see "Seed file format" in docs/emulator.md)',
    ]);
  });

  it('says what a seed must look like when it is not an object, and reports bad JSON text', () => {
    expect(problemsOf(() => parseSeed([]))).toEqual(['(top level): a seed must be a JSON object like {"spaces": [{"key": "DOCS", "name": "Documentation"}]}']);
    expect(problemsOf(() => parseSeed({}))).toEqual(['spaces: is required: an array of spaces, e.g. [{"key": "DOCS", "name": "Documentation"}]']);
    const text = problemsOf(() => parseSeedText('{"spaces": [', 'my-seed.json'));
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/^not valid JSON: /);
    try {
      parseSeedText('{"spaces": 1}', 'my-seed.json');
    } catch (error) {
      expect((error as Error).message).toBe('my-seed.json is not a valid seed:\n  - spaces: is required: an array of spaces, e.g. [{"key": "DOCS", "name": "Documentation"}]');
    }
  });
});

describe('applySeed: through the API rules', () => {
  it('builds spaces, the page tree, folders, blog posts, versions, labels, properties and attachments', () => {
    const site = freshSite();
    const result = applySeed(site, user, parseSeed(full));
    const docs = result.spaces[0]!;
    expect(result.spaces.map((s) => s.key)).toEqual(['DOCS', 'EMPTY']);
    const ids = docs.content;
    expect(Object.keys(ids)).toEqual(['Docs', 'Guide (renamed)', 'Draft child', 'Reference', 'API', 'Old', 'Under old', 'Launch', 'Unfinished']);

    const space = site.spaces.get(docs.id)!;
    expect(space).toMatchObject({ key: 'DOCS', name: 'Documentation', description: 'All the docs', homepageId: docs.homepageId });
    expect(space.properties.get('owner')).toMatchObject({ key: 'owner', value: { team: 'docs' }, version: { number: 1 } });

    // The homepage is version 1 with the seed's title and the saved body.
    const home = page(site, docs.homepageId);
    expect(home.versions).toHaveLength(1);
    expect(current(home)).toMatchObject({ title: 'Docs', body: '<p>Start here<br /></p>' });
    expect(labelNames(site, home)).toEqual(['home']);

    // The guide: created under the homepage, saved with the rewrites, then two updates.
    const guide = page(site, ids['Guide (renamed)']!);
    expect(guide.parentId).toBe(docs.homepageId);
    expect(guide.versions.map((v) => [v.number, v.title, v.message])).toEqual([
      [1, 'Guide', ''],
      [2, 'Guide', 'edit 2'],
      [3, 'Guide (renamed)', 'edit 3'],
    ]);
    expect(guide.versions[0]!.body).toMatch(/^<h1>Guide<\/h1><ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="[0-9a-f-]{36}">/);
    expect(current(guide).body).toBe('<p>second</p>');
    expect(labelNames(site, guide)).toEqual(['how', 'to', 'ops', 'guide']);
    expect(guide.properties.get('meta')!.value).toEqual({ $type: 'not-a-tag', n: 1 });

    const attachments = [...site.attachments.values()].filter((a) => a.containerId === guide.id);
    expect(attachments.map((a) => [a.title, a.versions[0]!.mediaType, a.versions[0]!.data.toString('base64'), a.versions[0]!.comment])).toEqual([
      ['notes.txt', 'text/plain', Buffer.from('héllo').toString('base64'), 'first'],
      ['pixel.png', 'image/png', 'iVBORw0KGgo=', ''],
      ['data.bin', 'application/x-thing', 'AAEC', ''],
    ]);

    const draft = page(site, ids['Draft child']!);
    expect(draft).toMatchObject({ status: 'draft', parentId: guide.id });
    const folder = site.content.get(ids.Reference!) as FolderRecord;
    expect(folder).toMatchObject({ kind: 'folder', title: 'Reference', parentId: guide.id });
    expect(folder.properties.get('kind')!.value).toBe('folder');
    expect(page(site, ids.API!).parentId).toBe(folder.id);

    // Archived after its children were created under it; its title stays reserved.
    expect(page(site, ids.Old!).status).toBe('archived');
    expect(page(site, ids['Under old']!)).toMatchObject({ status: 'current', parentId: ids.Old });

    const launch = page(site, ids.Launch!);
    expect(launch).toMatchObject({ kind: 'blogpost', createdAt: '2026-01-31T09:00:00.000Z', parentId: null });
    expect(launch.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(labelNames(site, launch)).toEqual(['news']);
    expect(page(site, ids.Unfinished!).status).toBe('draft');

    const empty = result.spaces[1]!;
    expect(Object.keys(empty.content)).toEqual(['Nothing here Home']);
  });

  const failing: Array<[string, Seed, string]> = [
    [
      'a duplicate title, compared case-insensitively',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'Intro' }, { title: 'Other', children: [{ title: 'INTRO' }] }] }] },
      'spaces[0].pages[1].children[0] (page "INTRO"): A page with this title already exists: A page already exists with the same TITLE in this space — titles are unique within a space (case-insensitive by default): rename one of them',
    ],
    [
      'a page titled like the homepage',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'A Home' }] }] },
      'spaces[0].pages[0] (page "A Home"): A page with this title already exists: A page already exists with the same TITLE in this space — titles are unique within a space (case-insensitive by default): rename one of them',
    ],
    [
      'a malformed body',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'Bad', body: '<p>a</b>' }] }] },
      'spaces[0].pages[0] (page "Bad"): Error parsing xhtml: Unexpected close tag </b>; expected another close tag — the body must be well-formed storage XHTML (close every tag, escape & and <, no "]]>" in CDATA)',
    ],
    [
      'a malformed homepage body',
      { spaces: [{ key: 'A', name: 'A', homepage: { body: '<p>&nbspx;</p>' } }] },
      'spaces[0].homepage (homepage): Error parsing xhtml: Undeclared general entity "nbspx" — the body must be well-formed storage XHTML (close every tag, escape & and <, no "]]>" in CDATA)',
    ],
    [
      'an invalid label',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'P', labels: ['ok', 'a:b'] }] }] },
      'spaces[0].pages[0].labels (page "P"): label.contains.invalid.chars — label names cannot contain spaces or ! # & ( ) * , . : ; < > ? @ [ ] ^ and are at most 255 characters',
    ],
    [
      'two attachments with one file name',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'P', attachments: [{ filename: 'a.txt', text: '1' }, { filename: 'a.txt', text: '2' }] }] }] },
      'spaces[0].pages[0].attachments[1] (attachment "a.txt" of page "P"): Cannot add a new attachment with same file name as an existing attachment: a.txt',
    ],
    [
      'a space key used twice',
      { spaces: [{ key: 'A', name: 'A' }, { key: 'a', name: 'Again' }] },
      "spaces[1] (space a): A space with key 'a' already exists. — space keys are unique: use another key, or reset the emulator first",
    ],
    [
      'a folder title used twice in a space',
      { spaces: [{ key: 'A', name: 'A', pages: [{ type: 'folder', title: 'F' }, { title: 'P', children: [{ type: 'folder', title: 'F' }] }] }] },
      'spaces[0].pages[1].children[0] (folder "F"): A folder exists with the same title in this space',
    ],
    [
      'an update that renames onto a taken title',
      { spaces: [{ key: 'A', name: 'A', pages: [{ title: 'One' }, { title: 'Two', updates: [{ title: 'one' }] }] }] },
      'spaces[0].pages[1].updates[0] (version 2 of "Two"): A page with this title already exists: A page already exists with the same TITLE in this space — titles are unique within a space (case-insensitive by default): rename one of them',
    ],
  ];

  for (const [what, seed, problem] of failing) {
    it(`fails on ${what}, names the entry, and leaves the site as it was`, () => {
      const site = freshSite();
      applySeed(site, user, { spaces: [{ key: 'KEEP', name: 'Kept', pages: [{ title: 'Kept page' }] }] });
      const before = snapshotSite(site);
      expect(problemsOf(() => applySeed(site, user, parseSeed(seed)))).toEqual([problem]);
      expect(snapshotSite(site)).toEqual(before);
    });
  }

  it('saves links to other pages of the space with ri:version-at-save, while the linking page is being created', () => {
    const site = freshSite();
    const result = applySeed(site, user, {
      spaces: [{ key: 'L', name: 'Links', pages: [{ title: 'Target' }, { title: 'Source', body: '<p><ac:link><ri:page ri:content-title="Target" /></ac:link></p>' }] }],
    });
    expect(current(page(site, result.spaces[0]!.content.Source!)).body).toBe('<p><ac:link><ri:page ri:content-title="Target" ri:version-at-save="1" /></ac:link></p>');
  });

  it('loads the demo data: a DEMO space with headings, a code macro, an info panel, a table, a task list, labels and one attachment', () => {
    const site = freshSite();
    const result = applySeed(site, user, demoSeed);
    expect(result.spaces.map((s) => s.key)).toEqual(['DEMO']);
    const bodies = [...site.content.values()].filter((r): r is DocumentRecord => r.kind !== 'folder').map((r) => current(r).body).join('\n');
    expect(bodies).toContain('<h2>');
    expect(bodies).toContain('ac:name="code"');
    expect(bodies).toContain('ac:name="info"');
    expect(bodies).toContain('<table>');
    expect(bodies).toContain('<ac:task-list>');
    expect(site.attachments.size).toBe(1);
    expect(site.labels.size).toBeGreaterThan(3);
    expect([...site.content.values()].filter((r) => r.kind === 'page').length).toBeGreaterThanOrEqual(5);
  });
});

describe('readSeedFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads and validates a file; errors name the file', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ spaces: [{ key: 'F', name: 'From file' }] }));
    expect(await readSeedFile(good)).toEqual({ spaces: [{ key: 'F', name: 'From file' }] });
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ spaces: [{ key: 'F' }] }));
    await expect(readSeedFile(bad)).rejects.toThrow(`${bad} is not a valid seed:\n  - spaces[0].name: is required: the space name, e.g. "Documentation"`);
    const missing = join(dir, 'missing.json');
    await expect(readSeedFile(missing)).rejects.toThrow(new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid seed:\\n  - cannot be read: ENOENT`));
  });
});
