import { describe, expect, it } from 'vitest';
import { buildTree, type LocalPage } from '../../src/tree/build.js';
import { parseSource, type SourceFile } from '../../src/tree/read.js';
import { withPageId } from '../../src/tree/write-page-id.js';

function source(path: string, text: string): SourceFile {
  const r = parseSource(path, text);
  if (!('file' in r)) throw new Error(r.problem.message);
  return r.file;
}

function tree(files: Record<string, string>) {
  return buildTree(Object.entries(files).map(([p, t]) => source(p, t)));
}

const summary = (pages: readonly LocalPage[]) =>
  pages.map((p) => `${p.path} "${p.title}" <- ${p.parent.kind === 'path' ? p.parent.path : p.parent.kind === 'page' ? `#${p.parent.pageId}` : 'root'}`);

describe('parseSource', () => {
  it('reads frontmatter fields and where the body starts', () => {
    const f = source('a.md', '---\ntitle: A\nlabels: [x, y]\npageId: 42\n---\nBody\n');
    expect(f.frontmatter).toMatchObject({ title: 'A', labels: ['x', 'y'], pageId: '42' });
    expect(f.body).toBe('Body\n');
    expect(f.bodyLine).toBe(6);
  });
  it('locates broken YAML and invalid fields by line', () => {
    const broken = parseSource('b.md', '---\ntitle: A\nlabels: [x\n---\n');
    expect('problem' in broken && broken.problem).toMatchObject({ file: 'b.md', message: expect.stringMatching(/not valid YAML/) });
    // The line where the parser noticed: the one after the unclosed list, and the last one for an unclosed quote.
    const comma = parseSource('b.md', '---\ntitle: A\nlabels: [x\nowner: b\n---\n');
    expect('problem' in comma && comma.problem.line).toBe(4);
    const quote = parseSource('b.md', '---\ntitle: "A\n---\nBody\n');
    expect('problem' in quote && quote.problem.line).toBe(3);
    const bad = parseSource('c.md', '---\ntitle: A\npageId: abc\n---\n');
    expect('problem' in bad && bad.problem).toMatchObject({ file: 'c.md', line: 3, message: expect.stringMatching(/pageId.*numeric/) });
  });
  it('keeps unknown fields of other tools', () => {
    expect(source('d.md', '---\nhide: [toc]\n---\n').frontmatter).toMatchObject({ hide: ['toc'] });
  });
});

describe('buildTree', () => {
  it('mirrors folders: index.md is the folder page, other files its children; folders without index become pages', () => {
    const { tree: t, problems } = tree({
      'index.md': '# Home\n',
      'intro.md': '# Intro\n',
      'guide/index.md': '# Guide\n',
      'guide/install.md': '# Install\n',
      'ref/api/calls.md': '# Calls\n',
    });
    expect(problems).toEqual([]);
    expect(summary(t.pages)).toEqual([
      'index.md "Home" <- root',
      'guide/index.md "Guide" <- index.md',
      'guide/install.md "Install" <- guide/index.md',
      'intro.md "Intro" <- index.md',
      'ref/ "ref" <- index.md',
      'ref/api/ "api" <- ref/',
      'ref/api/calls.md "Calls" <- ref/api/',
    ]);
  });

  it('takes the title from frontmatter, else the leading H1 (removed from the body), else the file name', () => {
    const { tree: t } = tree({ 'a.md': '---\ntitle: Fm\n---\n# H1\ntext', 'b.md': '\n# From H1 #\n\ntext\n', 'c-name.md': 'text' });
    const byPath = Object.fromEntries(t.pages.map((p) => [p.path, p]));
    expect(byPath['a.md']!.title).toBe('Fm');
    expect(byPath['a.md']!.body).toBe('# H1\ntext');
    expect(byPath['b.md']!.title).toBe('From H1');
    expect(byPath['b.md']!.body).toBe('text\n');
    expect(byPath['b.md']!.bodyLine).toBe(4);
    expect(byPath['c-name.md']!.title).toBe('c-name');
  });

  it('honours explicit parents (path or page ID) and skips opted-out files', () => {
    const { tree: t, problems } = tree({
      'a.md': '# A\n',
      'b.md': '---\nparent: a.md\n---\n# B\n',
      'c.md': '---\nparent: 12345\n---\n# C\n',
      'd.md': '---\nconfluence: false\n---\n# D\n',
    });
    expect(problems).toEqual([]);
    expect(summary(t.pages)).toEqual(['a.md "A" <- root', 'b.md "B" <- a.md', 'c.md "C" <- #12345']);
  });

  it('reports every problem at once: unknown parent, cycle, duplicate title, duplicate page ID', () => {
    const { problems } = tree({
      'a.md': '---\nparent: missing.md\n---\n# A\n',
      'b.md': '---\nparent: c.md\n---\n# B\n',
      'c.md': '---\nparent: b.md\n---\n# C\n',
      'd.md': '---\ntitle: Same\npageId: 7\n---\n',
      'e.md': '---\ntitle: same\npageId: 7\n---\n',
    });
    const messages = problems.map((p) => `${p.file}:${p.line} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a\.md:2 parent 'missing\.md' is not a published Markdown file/),
        expect.stringMatching(/cycle: (b\.md → c\.md → b\.md|c\.md → b\.md → c\.md)/),
        expect.stringMatching(/^e\.md:2 the title "same" is also the title of d\.md/),
        expect.stringMatching(/^e\.md:3 pageId 7 is also claimed by d\.md/),
      ]),
    );
  });
});

describe('buildTree: duplicate titles', () => {
  it('names the file that is not published yet, at the line of its title, also when the title is its first heading', () => {
    const { problems } = tree({
      'a-new.md': '---\nlabels: [x]\ntitle: Guide\n---\n',
      'b-new.md': '\n\n# GUIDE\n\nText.\n',
      'guide.md': '---\npageId: "9"\ntitle: Guide\n---\n',
    });
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message.split(';')[0]}`)).toEqual([
      'a-new.md:3 the title "Guide" is also the title of guide.md',
      'b-new.md:3 the title "GUIDE" is also the title of guide.md',
    ]);
  });
});

describe('withPageId', () => {
  it('adds pageId after the opening --- and changes nothing else', () => {
    expect(withPageId('---\ntitle: A # keep\n---\nbody\n', '9')).toBe('---\npageId: "9"\ntitle: A # keep\n---\nbody\n');
  });
  it('replaces an existing pageId line in place', () => {
    expect(withPageId('---\ntitle: A\npageId: 1\nx: y\n---\n', '9')).toBe('---\ntitle: A\npageId: "9"\nx: y\n---\n');
  });
  it('creates frontmatter when there is none, keeping CRLF and a BOM', () => {
    expect(withPageId('# T\n', '9')).toBe('---\npageId: "9"\n---\n# T\n');
    expect(withPageId('\uFEFF# T\r\nx\r\n', '9')).toBe('\uFEFF---\r\npageId: "9"\r\n---\r\n# T\r\nx\r\n');
    expect(withPageId('---\r\ntitle: A\r\n---\r\nx', '9')).toBe('---\r\npageId: "9"\r\ntitle: A\r\n---\r\nx');
  });
  it('is read back by the parser', () => {
    const text = withPageId('---\ntitle: A\n---\nbody', '123');
    expect(source('a.md', text).frontmatter.pageId).toBe('123');
  });
});
