import { describe, expect, it } from 'vitest';
import { pulledFileText, withFields, type PulledFields } from '../../src/pull/file-text.js';
import { attachmentTargets, pageFile, pageFileOf, pageResolver } from '../../src/pull/page-file.js';
import { runMarkdownTask, sharePageFiles } from '../../src/sync/convert-tasks.js';

describe('withFields', () => {
  const fields: PulledFields = { idKey: 'pageId', id: '12', title: 'T', labels: ['a'] };
  const next: PulledFields = { ...fields, parent: '../up.md' };
  const existing = '---\npageId: "12"\nsidebar_position: 3\ntags:\n  - x\n---\n\nold\n';
  const markdowns = ['', '\n', 'text', 'text\n', '\n\n# Head\n\nbody', '---\n\nafter a rule\n', '...\nx', 'a\n\n\n'];

  it.each(markdowns)('gives what pulledFileText gives for the other fields (%j)', (markdown) => {
    for (const ex of [undefined, existing]) {
      const text = pulledFileText(fields, markdown, ex);
      expect(withFields(text, fields, next, ex)).toBe(pulledFileText(next, markdown, ex));
      expect(withFields(pulledFileText(next, markdown, ex), next, fields, ex)).toBe(text);
    }
  });

  it('refuses a text made from other fields', () => {
    expect(() => withFields(pulledFileText(next, 'x'), fields, next)).toThrow(/not made from these fields/);
  });
});

describe('a page file converted as a worker converts it', () => {
  const storage = [
    '<p>See <ac:link><ri:page ri:content-title="guide" /></ac:link> and <ac:link><ri:page ri:content-title="Other" ri:space-key="X" /></ac:link>.</p>',
    '<p><ac:image><ri:attachment ri:filename="diagram.png" /></ac:image></p>',
    '<p><ac:image><ri:attachment ri:filename="moved.png" /></ac:image> <ac:image><ri:attachment ri:filename="dup.pdf" /></ac:image> <ac:image><ri:attachment ri:filename="notes.md" /></ac:image> <ac:image><ri:attachment ri:filename="missing.png" /></ac:image></p>',
  ].join('');
  const paths = new Map([
    ['Guide', 'guide/index.md'],
    ['Other', 'other.md'],
  ]);
  const input = {
    idKey: 'pageId' as const,
    id: '7',
    title: 'Page',
    labels: ['x'],
    path: 'section/page.md',
    attachments: new Set(['diagram.png', 'Dup.PDF', 'dup.pdf', 'notes.md', 'moved.png']),
    assetPaths: new Map([['moved.png', 'images/moved.png']]),
    existing: '---\npageId: "7"\nweight: 2\n---\n\nold\n',
  };

  it('is the file pageFile makes', () => {
    const expected = pageFile({ ...input, storage, resolvePage: pageResolver('DOCS', paths) });
    const converted = runMarkdownTask({ storage, file: input.path, pages: sharePageFiles('DOCS', paths), attachments: [...attachmentTargets(input)] });
    expect(pageFileOf(input, converted)).toEqual(expected);
    expect(expected.text).toContain('](../guide/index.md)');
    expect(expected.text).toContain('![](page.assets/diagram.png)');
    expect(expected.text).toContain('![](../images/moved.png) <ac:image><ri:attachment ri:filename="dup.pdf" />');
  });

  it('leaves names that cannot be files, and names differing only in case, to Confluence', () => {
    expect([...attachmentTargets(input)]).toEqual([
      ['diagram.png', 'section/page.assets/diagram.png'],
      ['moved.png', 'images/moved.png'],
    ]);
    expect(attachmentTargets({ path: 'a.md', attachments: undefined })).toEqual(new Map());
  });
});
