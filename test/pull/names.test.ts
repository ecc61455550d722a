import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childrenFolder, isFolderPath, layoutPages, nameOf, placeFolder } from '../../src/pull/layout.js';
import { safeAttachmentName, slugify, uniqueName } from '../../src/pull/slug.js';
import type { RecordedPlace, RemoteDoc } from '../../src/pull/types.js';

describe('slugify', () => {
  it.each([
    ['Getting Started', 'getting-started'],
    ['Level 3 / Deep', 'level-3-deep'],
    ['../../etc/passwd', 'etc-passwd'],
    ['🚀 Launch plan', 'launch-plan'],
    ["Don't panic", 'dont-panic'],
    ['Hello, World!', 'hello-world'],
    ['Über Größe', 'über-größe'],
    ['設定ガイド', '設定ガイド'],
    ['a\\b: c*?|<>"', 'a-b-c'],
    ['trailing dots...', 'trailing-dots'],
    ['CON', 'con-page'],
    ['lpt1', 'lpt1-page'],
    ['Index', 'index-page'],
    ['README', 'readme-page'],
    ['con.txt', 'con-txt'],
  ])('%j → %s', (title, slug) => {
    expect(slugify(title, '42')).toBe(slug);
  });

  it('falls back to the page id when nothing readable is left', () => {
    expect(slugify('🎉', '65557')).toBe('page-65557');
    expect(slugify('..', '7')).toBe('page-7');
    expect(slugify('\u0000\u0007', '8')).toBe('page-8');
  });

  it('NFC and NFD spellings give one slug', () => {
    expect(slugify('Cafe\u0301', '1')).toBe(slugify('Café', '1'));
  });

  it('cuts long titles at a word, within 60 characters and 120 bytes', () => {
    const slug = slugify('A very long title that goes on and on about configuration of the deployment pipeline', '1');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('a-very-long-title-that-goes-on-and-on-about-configuration-of');
    expect(Buffer.byteLength(slugify('設'.repeat(100), '1'))).toBeLessThanOrEqual(120);
  });

  it('property: any title gives a name that is one safe path segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (title) => {
        const slug = slugify(title, '99');
        expect(slug).toMatch(/^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u);
        expect(posix.normalize(`docs/${slug}.md`)).toBe(`docs/${slug}.md`);
        expect(slug).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d|index|readme)$/i);
        expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(120);
      }),
    );
  });
});

describe('uniqueName', () => {
  it('adds -2, -3 … past taken names, without regard to case', () => {
    expect(uniqueName('faq', new Set())).toBe('faq');
    expect(uniqueName('faq', new Set(['faq']))).toBe('faq-2');
    expect(uniqueName('FAQ', new Set(['faq', 'faq-2']))).toBe('FAQ-3');
  });
});

describe('safeAttachmentName', () => {
  it.each([
    ['diagram.png', true],
    ['My Diagram (v2).png', true],
    ['résumé.pdf', true],
    ['notes.md', false],
    ['NOTES.MARKDOWN', false],
    ['.hidden', false],
    ['a:b.png', false],
    ['a/b.png', false],
    ['x.png.', false],
    ['con.png', false],
    ['tab\there.png', false],
    [`${'x'.repeat(160)}.png`, false],
  ])('%j → %s', (name, safe) => {
    expect(safeAttachmentName(name)).toBe(safe);
  });
});

describe('paths', () => {
  it('tells folder pages from leaves', () => {
    expect(isFolderPath('a/b/index.md')).toBe(true);
    expect(isFolderPath('a/b/README.md')).toBe(true);
    expect(isFolderPath('a/')).toBe(true);
    expect(isFolderPath('a/b.md')).toBe(false);
    expect(childrenFolder('a/b/index.md')).toBe('a/b');
    expect(childrenFolder('index.md')).toBe('');
    expect(placeFolder('a/b/index.md')).toBe('a');
    expect(placeFolder('a/b.md')).toBe('a');
    expect(nameOf('a/b/index.md')).toBe('b');
    expect(nameOf('a/b.md')).toBe('b');
    expect(nameOf('a/b/')).toBe('b');
  });
});

const doc = (id: string, title: string, parentId: string | null, extra: Partial<RemoteDoc> = {}): RemoteDoc => ({ id, title, parentId, status: 'current', version: 1, ...extra });

describe('layoutPages', () => {
  const pages = [
    doc('1', 'Home', null),
    doc('10', 'Guide', '1'),
    doc('11', 'Install', '10'),
    doc('12', 'Hello World', '1'),
    doc('13', 'Hello, World!', '1'),
    doc('14', 'Old', '1', { status: 'archived' }),
    doc('15', 'Under archived', '14'),
    doc('16', 'Beside home', null),
    doc('17', 'In a folder', '999'),
  ];
  const layout = (recorded = new Map<string, RecordedPlace>(), occupied = new Map<string, Set<string>>(), list = pages) =>
    layoutPages({ rootId: '1', rootIsHomepage: true, pages: list, recorded, occupied });

  it('puts pages with children in folders, leaves in files, duplicates apart in page-id order', () => {
    const { paths, skipped } = layout();
    expect([...paths]).toEqual([
      ['10', 'guide/index.md'],
      ['12', 'hello-world.md'],
      ['13', 'hello-world-2.md'],
      ['11', 'guide/install.md'],
    ]);
    expect(skipped.map((s) => [s.pageId, s.reason.split(':')[0]])).toEqual([
      ['14', 'archived in Confluence'],
      ['16', 'at the top level of the space beside the homepage, which is the root of the tree'],
      ['17', 'its parent 999 is not a page (a Confluence folder or other content pull does not read)'],
    ]);
  });

  it('keeps recorded paths while title and parent stay, even where a new page would not go', () => {
    const recorded = new Map<string, RecordedPlace>([
      ['10', { path: 'guides/README.md', title: 'Guide', parentId: '1' }],
      ['11', { path: 'install.md', title: 'Install', parentId: '10' }],
      ['13', { path: 'hello-world.md', title: 'Hello, World!', parentId: '1' }],
    ]);
    const { paths } = layout(recorded);
    expect(paths.get('10')).toBe('guides/README.md');
    expect(paths.get('11')).toBe('install.md');
    // The recorded name wins: the other page gets the suffix now.
    expect(paths.get('13')).toBe('hello-world.md');
    expect(paths.get('12')).toBe('hello-world-2.md');
  });

  it('a renamed page gets a new name; a moved page keeps its name in its new folder; children follow their parent', () => {
    const recorded = new Map<string, RecordedPlace>([
      ['10', { path: 'guide/index.md', title: 'Guide', parentId: '1' }],
      ['11', { path: 'guide/install.md', title: 'Install', parentId: '10' }],
      ['12', { path: 'hello-world.md', title: 'Hello World', parentId: '1' }],
    ]);
    const moved = pages.map((p) => (p.id === '10' ? { ...p, title: 'Handbook' } : p.id === '12' ? { ...p, parentId: '10' } : p));
    const { paths } = layout(recorded, new Map(), moved);
    expect(paths.get('10')).toBe('handbook/index.md');
    expect(paths.get('11')).toBe('handbook/install.md');
    expect(paths.get('12')).toBe('handbook/hello-world.md');
  });

  it('a leaf that gets a child becomes a folder page', () => {
    const recorded = new Map<string, RecordedPlace>([['12', { path: 'hello-world.md', title: 'Hello World', parentId: '1' }]]);
    const { paths } = layout(recorded, new Map(), [...pages, doc('20', 'Child', '12')]);
    expect(paths.get('12')).toBe('hello-world/index.md');
    expect(paths.get('20')).toBe('hello-world/child.md');
  });

  it('never takes the name of a local file or folder that is not a pulled page', () => {
    const { paths } = layout(new Map(), new Map([['', new Set(['guide', 'hello-world'])]]));
    expect(paths.get('10')).toBe('guide-2/index.md');
    expect(paths.get('12')).toBe('hello-world-2.md');
    expect(paths.get('13')).toBe('hello-world-3.md');
  });
});
