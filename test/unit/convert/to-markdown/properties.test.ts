import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToStorage, normaliseStorage, roundTripContexts, storageToMarkdown } from '../../../../src/convert/index.js';

/**
 * Property-based round trips. Storage trees are generated from the constructs real pages use
 * (Cloud and Server spellings, macros the converter maps and macros it keeps), with text drawn
 * from characters that are special in Markdown, XML or the push plugins. Markdown documents are
 * generated from the constructs the push converter reads.
 */
const contexts = roundTripContexts({
  file: 'docs/page.md',
  pages: [
    { path: 'docs/other.md', title: 'Other Page' },
    { path: 'docs/ops/run.md', title: 'Runbook', spaceKey: 'OPS' },
  ],
  attachments: { 'a.png': 'docs/page/a.png', 'spec file.pdf': 'docs/page/spec file.pdf' },
});

const SPECIAL = ['*', '_', '`', '#', '>', '<', '&', '[', ']', '(', ')', '|', '~', '!', '\\', ':', '-', '+', '=', '"', "'", '@', '.', '/'];
const WORDS = ['alpha', 'beta', 'x', 'tada', 'www', 'https', 'note', 'TOC', 'ac', 'NOTE', '1.', '!!!', '???', '===', ' ', '  ', 'é', '日本', '😀', '\u00a0'];
const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

const { inline } = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map(escapeText),
    tie('inline').map((s) => `<strong>${s}</strong>`),
    tie('inline').map((s) => `<em>${s}</em>`),
    tie('inline').map((s) => `<u>${s}</u>`),
    tie('inline').map((s) => `<span style="text-decoration: line-through;">${s}</span>`),
    tie('inline').map((s) => `<span style="color: rgb(255,0,0);">${s}</span>`),
    text.map((s) => `<code>${escapeText(s)}</code>`),
    text.map((s) => `<a href="https://example.com/${encodeURIComponent(s)}">${escapeText(s)}</a>`),
    text.map((s) => `<ac:link><ri:page ri:content-title="Other Page" /><ac:plain-text-link-body><![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]></ac:plain-text-link-body></ac:link>`),
    text.map((s) => `<ac:link ac:anchor="Section"><ri:page ri:content-title="Runbook" ri:space-key="OPS" /><ac:link-body><em>${escapeText(s)}</em></ac:link-body></ac:link>`),
    text.map((s) => `<ac:link ac:anchor="${escapeAttribute(s)}"><ac:plain-text-link-body><![CDATA[go]]></ac:plain-text-link-body></ac:link>`),
    fc.constant('<ac:link><ri:user ri:account-id="557058:abc" /></ac:link>'),
    fc.constant('<ac:image ac:alt="alt"><ri:attachment ri:filename="a.png" /></ac:image>'),
    fc.constant('<ac:image ac:width="200"><ri:url ri:value="https://example.com/i.png" /></ac:image>'),
    fc.constant('<ac:emoticon ac:name="tick" />'),
    fc.constant('<time datetime="2026-01-02" />'),
    fc.constant('<br />'),
    text.map((s) => `<ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="title">${escapeText(s)}</ac:parameter></ac:structured-macro>`),
    tie('inline').map((s) => `<ac:inline-comment-marker ac:ref="r1">${s}</ac:inline-comment-marker>`),
  ),
}));

const inlines = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const { block } = fc.letrec<{ block: string }>((tie) => {
  const blocks = fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      inlines.map((s) => `<p>${s}</p>`),
      fc.tuple(fc.integer({ min: 1, max: 6 }), inlines).map(([level, s]) => `<h${level}>${s}</h${level}>`),
      fc.array(inlines, { minLength: 1, maxLength: 3 }).map((items) => `<ul>${items.map((s) => `<li>${s}</li>`).join('')}</ul>`),
      fc.array(inlines, { minLength: 1, maxLength: 3 }).map((items) => `<ol start="1">${items.map((s) => `<li><p>${s}</p></li>`).join('')}</ol>`),
      fc.array(fc.tuple(fc.boolean(), inlines), { minLength: 1, maxLength: 3 }).map(
        (tasks) =>
          `<ac:task-list>${tasks.map(([done, s], i) => `<ac:task><ac:task-id>${i}</ac:task-id><ac:task-status>${done ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>${s}</ac:task-body></ac:task>`).join('')}</ac:task-list>`,
      ),
      fc.tuple(inlines, inlines, inlines, inlines).map(([a, b, c, d]) => `<table><tbody><tr><th>${a}</th><th>${b}</th></tr><tr><td>${c}</td><td>${d}</td></tr></tbody></table>`),
      fc.tuple(inlines, blocks).map(([a, b]) => `<table><tbody><tr><td colspan="2"><p>${a}</p></td></tr><tr><td>${b}</td><td><p>x</p></td></tr></tbody></table>`),
      fc.tuple(fc.constantFrom('info', 'tip', 'note', 'warning'), fc.option(text), blocks).map(
        ([name, title, body]) =>
          `<ac:structured-macro ac:name="${name}" ac:schema-version="1">${title === null ? '' : `<ac:parameter ac:name="title">${escapeText(title)}</ac:parameter>`}<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`,
      ),
      fc.tuple(fc.option(text), blocks).map(
        ([title, body]) =>
          `<ac:structured-macro ac:name="expand" ac:schema-version="1">${title === null ? '' : `<ac:parameter ac:name="title">${escapeText(title)}</ac:parameter>`}<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`,
      ),
      fc.tuple(fc.constantFrom('js', 'python', 'none', 'Java', 'mermaid'), fc.string({ maxLength: 30 })).map(
        ([language, source]) =>
          `<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">${language}</ac:parameter><ac:plain-text-body><![CDATA[${source.replace(/]]>/g, ']]]]><![CDATA[>').replace(/[^\t\n\u0020-\uD7FF\uE000-\uFFFD]/g, '')}]]></ac:plain-text-body></ac:structured-macro>`,
      ),
      blocks.map((body) => `<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell>${body}</ac:layout-cell></ac:layout-section></ac:layout>`),
      blocks.map((body) => `<blockquote>${body}</blockquote>`),
      fc.constant('<hr />'),
      fc.constant('<ac:structured-macro ac:name="toc" ac:schema-version="1" />'),
      fc.constant('<ac:structured-macro ac:name="jira" ac:schema-version="1"><ac:parameter ac:name="key">DOC-1</ac:parameter></ac:structured-macro>'),
      fc.constant('<p />'),
    ),
  };
});

const storage = fc.array(block, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

describe('pull properties', () => {
  it('generated storage survives pull → push (property 2) and the Markdown is a fixed point', () => {
    fc.assert(
      fc.property(storage, (input) => {
        const pulled = storageToMarkdown(input, contexts.pull);
        const pushed = markdownToStorage(pulled.markdown, contexts.push).storage;
        expect(normaliseStorage(pushed)).toBe(normaliseStorage(input));
        expect(storageToMarkdown(pushed, contexts.pull).markdown).toBe(pulled.markdown);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });

  it('never throws on arbitrary strings and keeps malformed input as a code block with a warning', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const result = storageToMarkdown(input);
        expect(typeof result.markdown).toBe('string');
        if (normaliseStorage(input) === undefined) expect(result.warnings.map((w) => w.code)).toContain('storage-malformed');
      }),
      { numRuns: 300 },
    );
  });
});
