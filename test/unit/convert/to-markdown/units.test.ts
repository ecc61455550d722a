import fc from 'fast-check';
import type { ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { markdownToStorage, normaliseStorage, storageToMarkdown } from '../../../../src/convert/index.js';
import { parseStorage } from '../../../../src/convert/to-markdown/parse.js';
import { toStorage, toStorageLine } from '../../../../src/convert/to-markdown/raw.js';
import { toXml } from '../../../../src/convert/to-storage/serialize.js';

describe('normaliseStorage', () => {
  const same = (a: string, b: string): void => expect(normaliseStorage(a)).toBe(normaliseStorage(b));
  const different = (a: string, b: string): void => expect(normaliseStorage(a)).not.toBe(normaliseStorage(b));

  it('ignores XML spelling: entities, CDATA, empty elements, attribute order and quotes', () => {
    same('<p>a&nbsp;&amp;</p>', '<p>a\u00a0&#38;</p>');
    same('<ac:plain-text-body><![CDATA[x<y]]></ac:plain-text-body>', '<ac:plain-text-body>x&lt;y</ac:plain-text-body>');
    same('<time datetime="1" />', "<time datetime='1'></time>");
    same('<a href="h" title="t">x</a>', '<a title="t" href="h">x</a>');
  });

  it('ignores generated identity, caches and defaults', () => {
    same('<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="m" ac:local-id="l" />', '<ac:structured-macro ac:name="toc" />');
    same('<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-uuid>u</ac:task-uuid><ac:task-status>complete</ac:task-status></ac:task></ac:task-list>', '<ac:task-list><ac:task><ac:task-status>complete</ac:task-status></ac:task></ac:task-list>');
    same('<ac:adf-extension><ac:adf-node type="panel" /><ac:adf-fallback><p>cache</p></ac:adf-fallback></ac:adf-extension>', '<ac:adf-extension><ac:adf-node type="panel" /></ac:adf-extension>');
    same('<ol start="1"><li>a</li></ol>', '<ol><li>a</li></ol>');
    same('<ac:link ac:anchor="Caf%C3%A9"><ac:plain-text-link-body>x</ac:plain-text-link-body></ac:link>', '<ac:link ac:anchor="Café"><ac:plain-text-link-body>x</ac:plain-text-link-body></ac:link>');
  });

  it('ignores whitespace between and around blocks, and collapses runs in text', () => {
    same('<ul>\n  <li>a   b</li>\n</ul>\n<p>\n  c\n</p>', '<ul><li>a b</li></ul><p>c</p>');
    same('<ac:structured-macro ac:name="a" />\n<ac:structured-macro ac:name="b" />', '<ac:structured-macro ac:name="a" /><ac:structured-macro ac:name="b" />');
  });

  it('treats the forms the editor converts between as equal', () => {
    same('<table><tbody><tr><td><p>x</p></td></tr></tbody></table>', '<table><tbody><tr><td>x</td></tr></tbody></table>');
    same('<ac:link><ri:page ri:content-title="T" /><ac:link-body>x</ac:link-body></ac:link>', '<ac:link><ri:page ri:content-title="T" /><ac:plain-text-link-body><![CDATA[x]]></ac:plain-text-link-body></ac:link>');
    same('<p>ok <ac:emoticon ac:name="tick" /></p>', '<p>ok ✅</p>');
    same('<ac:structured-macro ac:name="m"><ac:parameter ac:name="b">2</ac:parameter><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>', '<ac:structured-macro ac:name="m"><ac:parameter ac:name="a">1</ac:parameter><ac:parameter ac:name="b">2</ac:parameter></ac:structured-macro>');
  });

  it('sees every difference of content', () => {
    different('<p>a</p>', '<p>b</p>');
    different('<p>a b</p>', '<p>ab</p>');
    different('<p><strong>a</strong></p>', '<p>a</p>');
    different('<ac:structured-macro ac:name="m"><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>', '<ac:structured-macro ac:name="m"><ac:parameter ac:name="a">2</ac:parameter></ac:structured-macro>');
    different('<table data-layout="wide"><tbody /></table>', '<table><tbody /></table>');
    different('<li><p>x</p></li>', '<li>x</li>');
    different('<pre>a  b</pre>', '<pre>a b</pre>');
    different('<p>x</p>', '<p>x</p><p>y</p>');
  });

  it('returns undefined for malformed storage', () => {
    expect(normaliseStorage('<p>')).toBeUndefined();
    expect(normaliseStorage('&bogus;')).toBeUndefined();
  });
});

describe('raw storage serialization', () => {
  const tree = fc.letrec<{ node: ElementContent }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 6 }).map((value): ElementContent => ({ type: 'text', value: value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g, '') })),
      fc.string({ maxLength: 6 }).map((value): ElementContent => ({ type: 'cdata', value: value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g, '') })),
      fc
        .tuple(fc.constantFrom('p', 'br', 'ac:link', 'ri:page', 'col', 'ac:emoticon', 'span'), fc.dictionary(fc.constantFrom('a', 'ac:b', 'c'), fc.string({ maxLength: 4 })), fc.array(tie('node'), { maxLength: 3 }))
        .map(([tagName, properties, children]): ElementContent => ({ type: 'element', tagName, properties, children })),
    ),
  }));

  it('writes what the push serializer writes', () => {
    fc.assert(
      fc.property(fc.array(tree.node, { maxLength: 4 }), (nodes) => {
        expect(toStorage(nodes)).toBe(toXml({ type: 'root', children: nodes }));
      }),
      { numRuns: 200 },
    );
  });

  it('writes one line that parses back to the same tree', () => {
    fc.assert(
      fc.property(fc.array(tree.node, { maxLength: 4 }), (nodes) => {
        const line = toStorageLine(nodes.filter((node) => node.type !== 'cdata'));
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseStorage(line);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(normaliseStorage(toStorage(parsed.tree.children as ElementContent[]))).toBe(normaliseStorage(line));
      }),
      { numRuns: 200 },
    );
  });
});

describe('push reads inline storage tags', () => {
  it('parses ac:/ri: tags in running text and leaves other colons alone', () => {
    expect(markdownToStorage('a <ac:link><ri:user ri:account-id="1" /></ac:link> b').storage).toBe('<p>a <ac:link><ri:user ri:account-id="1" /></ac:link> b</p>');
    expect(markdownToStorage('a <x:y and <ac:z').storage).toBe('<p>a &lt;x:y and &lt;ac:z</p>');
    expect(markdownToStorage('`<ac:link>`').storage).toBe('<p><code>&lt;ac:link&gt;</code></p>');
  });
});

describe('guards against push-side readings', () => {
  const roundTrip = (storage: string): string => markdownToStorage(storageToMarkdown(storage).markdown).storage;

  it('keeps shortcodes, autolink-looking text and alert markers as text', () => {
    expect(storageToMarkdown('<p>:x: and www.a.io</p>').markdown).toBe(':x<!---->: and www<!---->.a.io\n');
    expect(roundTrip('<p>:x: and www.a.io and a@b.io and https://e.com</p>')).toBe('<p>:x: and www.a.io and a@b.io and https://e.com</p>');
    expect(roundTrip('<blockquote><p>[!NOTE] quoted</p></blockquote>')).toBe('<blockquote>\n<p>[!NOTE] quoted</p>\n</blockquote>');
  });

  it('keeps admonition and TOC markers as text', () => {
    expect(roundTrip('<p>!!! note "x"</p><p>??? tip</p><p>=== "Tab"</p><p>[TOC]</p>')).toBe('<p>!!! note "x"</p>\n<p>??? tip</p>\n<p>=== "Tab"</p>\n<p>[TOC]</p>');
  });

  it('keeps an anchor link that is another heading\'s slug as storage (the push would send it to the heading)', () => {
    const storage = '<h1>*_</h1><p><ac:link ac:anchor="_"><ac:plain-text-link-body><![CDATA[go]]></ac:plain-text-link-body></ac:link></p>';
    expect(storageToMarkdown(storage).markdown).not.toContain('](#_)');
    expect(normaliseStorage(roundTrip(storage))).toBe(normaliseStorage(storage));
  });

  it('does not nest the same delimiter run, even through other formatting', () => {
    const storage = '<p><strong><span style="text-decoration: line-through;"><strong>alpha</strong></span></strong>*</p>';
    expect(normaliseStorage(roundTrip(storage))).toBe(normaliseStorage(storage));
  });

  it('writes raw macros without the whitespace between their parts, as the push lays them out', () => {
    const storage = '<ac:structured-macro ac:name="x">\n  <ac:parameter ac:name="p">v</ac:parameter>\n  <ac:rich-text-body><p>b</p></ac:rich-text-body>\n</ac:structured-macro>';
    const markdown = storageToMarkdown(storage).markdown;
    expect(markdown).toBe('<ac:structured-macro ac:name="x"><ac:parameter ac:name="p">v</ac:parameter><ac:rich-text-body>\n\nb\n\n</ac:rich-text-body></ac:structured-macro>\n');
    expect(storageToMarkdown(markdownToStorage(markdown).storage).markdown).toBe(markdown);
  });

  it('keeps a malformed body as an XML code block with a warning', () => {
    const result = storageToMarkdown('<p>unclosed');
    expect(result.markdown).toBe('```xml\n<p>unclosed\n```\n');
    expect(result.warnings.map((w) => w.code)).toEqual(['storage-malformed']);
  });
});
