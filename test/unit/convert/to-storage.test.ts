import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../../src/convert/index.js';
import type { LinkTarget } from '../../../src/convert/index.js';
import { parseCodeMeta } from '../../../src/convert/to-storage/code-meta.js';
import { splitFrontmatter } from '../../../src/convert/to-storage/frontmatter.js';

describe('markdownToStorage result', () => {
  it('reports headings with GitHub slug, Confluence anchor and source line (frontmatter counted)', () => {
    const result = markdownToStorage('---\ntitle: x\n---\n# Intro Part\n\n## Intro Part\n', { file: 'a.md' });
    expect(result.headings).toEqual([
      { depth: 1, text: 'Intro Part', slug: 'intro-part', anchor: 'Intro-Part', line: 4 },
      { depth: 2, text: 'Intro Part', slug: 'intro-part-1', anchor: 'Intro-Part', line: 6 },
    ]);
  });

  it('asks the resolver with a normalised, decoded path and anchor', () => {
    const seen: LinkTarget[] = [];
    markdownToStorage('[a](../b/c%20d.md#sec%C3%A9) [b](./x/) [c](/abs/p.md)', {
      file: 'docs/guide/page.md',
      resolveLink: (target) => {
        seen.push(target);
        return undefined;
      },
    });
    expect(seen).toEqual([
      { href: '../b/c%20d.md#sec%C3%A9', path: 'docs/b/c d.md', anchor: 'secé' },
      { href: './x/', path: 'docs/guide/x', anchor: undefined },
      { href: '/abs/p.md', path: '/abs/p.md', anchor: undefined },
    ]);
  });

  it('lists each attachment once, in order of first use', () => {
    const result = markdownToStorage('![a](img/a.png) ![b](img/b.png) ![a again](img/a.png)', { file: 'docs/p.md' });
    expect(result.attachments).toEqual([
      { path: 'docs/img/a.png', filename: 'a.png' },
      { path: 'docs/img/b.png', filename: 'b.png' },
    ]);
  });

  it('lists links by kind with their lines', () => {
    const result = markdownToStorage('# H\n\n[x](#h)\n[y](https://e.com)\n[z](z.md)', {
      resolveLink: () => ({ title: 'Z' }),
    });
    expect(result.links.map((l) => [l.kind, l.href, l.line])).toEqual([
      ['anchor', '#h', 3],
      ['external', 'https://e.com', 4],
      ['page', 'z.md', 5],
    ]);
  });

  it('gives warnings with file, line, column, code and advice', () => {
    const [warning] = markdownToStorage('text\n\n[gone](gone.md)', { file: 'docs/p.md' }).warnings;
    expect(warning).toMatchObject({ file: 'docs/p.md', line: 3, column: 1, code: 'link-unresolved' });
    expect(warning?.message).toContain('fix the path');
  });

  it('publishes HTML it cannot read as text with its line breaks as spaces, like a soft break', () => {
    expect(markdownToStorage('<div>\n  <p>open\n</div>').storage).toBe('<p>&lt;div&gt; &lt;p&gt;open &lt;/div&gt;</p>');
    expect(markdownToStorage('**a <span\ntitle=x>b** c').storage).toBe('<p><strong>a &lt;span title=x&gt;b</strong> c</p>');
    expect(markdownToStorage('<div>\n\n<b>x\ny\n\n</div>').storage).toBe('<div><p>&lt;b&gt;x y</p></div>');
  });

  it('lays out a raw storage macro as its own macros: no whitespace between parts, body blocks one per line', () => {
    const raw = '<ac:structured-macro ac:name="panel" ac:schema-version="1">\n  <ac:parameter ac:name="title">P</ac:parameter>\n<ac:rich-text-body>\n\nOne.\n\nTwo.\n\n</ac:rich-text-body>\n</ac:structured-macro>';
    expect(markdownToStorage(raw).storage).toBe(markdownToStorage('=== "P"\n    One.\n\n    Two.').storage);
    // A body holding text, not blocks, is left as written.
    expect(markdownToStorage('<ac:structured-macro ac:name="x"><ac:rich-text-body> t </ac:rich-text-body></ac:structured-macro>').storage).toBe(
      '<ac:structured-macro ac:name="x"><ac:rich-text-body> t </ac:rich-text-body></ac:structured-macro>',
    );
  });

  it('turns on a table of contents from the options', () => {
    expect(markdownToStorage('x', { options: { toc: true } }).storage).toBe(
      '<ac:structured-macro ac:name="toc" ac:schema-version="1"></ac:structured-macro>\n<p>x</p>',
    );
  });
});

describe('code fence meta', () => {
  it.each([
    ['', { title: undefined, lineNumbers: false, firstLine: undefined, collapse: false }],
    ['title="a b.ts" linenumbers', { title: 'a b.ts', lineNumbers: true, firstLine: undefined, collapse: false }],
    ["title='x' firstline=7 collapse=true", { title: 'x', lineNumbers: true, firstLine: 7, collapse: true }],
    ['linenums="1"', { title: undefined, lineNumbers: true, firstLine: undefined, collapse: false }],
    ['linenumbers=false collapse=no firstline=abc', { title: undefined, lineNumbers: false, firstLine: undefined, collapse: false }],
    ['{.python hl_lines="2"} title=', { title: undefined, lineNumbers: false, firstLine: undefined, collapse: false }],
  ])('%j', (meta, expected) => {
    expect(parseCodeMeta(meta)).toEqual(expected);
  });
});

describe('frontmatter', () => {
  it('splits a YAML mapping and counts its lines', () => {
    expect(splitFrontmatter('---\na: 1\ntoc: true\n---\nbody')).toEqual({ body: 'body', lines: 4, data: { a: 1, toc: true }, error: undefined });
  });

  it('leaves Markdown alone when there is no closing line or no mapping', () => {
    expect(splitFrontmatter('---\nno close').lines).toBe(0);
    expect(splitFrontmatter('---\nHeading\n---\n').lines).toBe(0);
    expect(splitFrontmatter('----\na: 1\n----\n').lines).toBe(0);
  });

  it('reports invalid YAML and strips the block', () => {
    const result = splitFrontmatter('---\na: [\n---\nbody');
    expect(result.body).toBe('body');
    expect(result.error).toBeDefined();
  });

  it('never evaluates code (gray-matter would for ---js)', () => {
    expect(splitFrontmatter('---js\nprocess.exit(1)\n---\n').lines).toBe(0);
  });
});
