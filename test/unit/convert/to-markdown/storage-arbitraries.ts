import fc from 'fast-check';

/**
 * Storage documents from the constructs real pages use, with text drawn from the characters
 * that are special in Markdown and XML, for the differential test of the fast serializer.
 */
const SPECIAL = ['*', '_', '`', '#', '>', '&lt;', '&amp;', '[', ']', '(', ')', '|', '~', '!', '\\', ':', '-', '+', '=', '"', "'", '@', '.', '/', '?'];
const WORDS = ['alpha', 'x', 'tada', 'www', 'https', 'note', 'NOTE', '1.', '2)', '!!!', '???', '===', ' ', '  ', '\t', '\n', 'é', '日本', '😀', '\u00a0', 'a_b', 'p:', 'w.'];
const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const cdata = (value: string): string => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const attribute = (value: string): string => value.replace(/&(?![a-z]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const { inline } = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: text },
    tie('inline').map((s) => `<strong>${s}</strong>`),
    tie('inline').map((s) => `<em>${s}</em>`),
    tie('inline').map((s) => `<span style="text-decoration: line-through;">${s}</span>`),
    tie('inline').map((s) => `<u>${s}</u>`),
    text.map((s) => `<code>${s}</code>`),
    fc.tuple(text, text).map(([href, s]) => `<a href="https://example.com/${attribute(href)}">${s}</a>`),
    text.map((s) => `<a href="https://example.com/" title="${attribute(s)}">t</a>`),
    text.map((s) => `<ac:link><ri:page ri:content-title="Other" /><ac:plain-text-link-body>${cdata(s)}</ac:plain-text-link-body></ac:link>`),
    text.map((s) => `<ac:link ac:anchor="${attribute(s)}"><ac:plain-text-link-body>${cdata('go')}</ac:plain-text-link-body></ac:link>`),
    text.map((s) => `<ac:image ac:alt="${attribute(s)}"><ri:attachment ri:filename="a b.png" /></ac:image>`),
    fc.constant('<ac:image ac:title="t"><ri:url ri:value="https://example.com/i.png" /></ac:image>'),
    fc.constant('<ac:emoticon ac:name="tick" />'),
    fc.constant('<br />'),
    text.map((s) => `<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">${s}</ac:parameter></ac:structured-macro>`),
  ),
}));

const inlines = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const { block } = fc.letrec<{ block: string }>((tie) => {
  const blocks = fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: inlines.map((s) => `<p>${s}</p>`) },
      fc.tuple(fc.integer({ min: 1, max: 6 }), inlines).map(([level, s]) => `<h${level}>${s}</h${level}>`),
      fc.array(fc.tuple(inlines, fc.option(blocks)), { minLength: 1, maxLength: 3 }).map((items) => `<ul>${items.map(([s, b]) => `<li>${s}${b ?? ''}</li>`).join('')}</ul>`),
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.array(blocks, { minLength: 1, maxLength: 3 })).map(([start, items]) => `<ol start="${start}">${items.map((s) => `<li>${s}</li>`).join('')}</ol>`),
      fc.array(fc.tuple(fc.boolean(), inlines), { minLength: 1, maxLength: 3 }).map(
        (tasks) => `<ac:task-list>${tasks.map(([done, s]) => `<ac:task><ac:task-status>${done ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>${s}</ac:task-body></ac:task>`).join('')}</ac:task-list>`,
      ),
      fc.tuple(inlines, inlines, inlines, inlines, fc.constantFrom('', ' style="text-align: center;"', ' style="text-align: right;"')).map(
        ([a, b, c, d, style]) => `<table><tbody><tr><th><p${style}>${a}</p></th><th>${b}</th></tr><tr><td><p${style}>${c}</p></td><td>${d}</td></tr></tbody></table>`,
      ),
      blocks.map((s) => `<blockquote>${s}</blockquote>`),
      fc.tuple(fc.constantFrom('info', 'tip', 'note', 'warning'), fc.option(text), blocks).map(
        ([name, title, body]) => `<ac:structured-macro ac:name="${name}">${title === null ? '' : `<ac:parameter ac:name="title">${title}</ac:parameter>`}<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`,
      ),
      fc.tuple(fc.option(text), blocks).map(([title, body]) => `<ac:structured-macro ac:name="panel">${title === null ? '' : `<ac:parameter ac:name="title">${title}</ac:parameter>`}<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`),
      fc.tuple(fc.constantFrom('', '<ac:parameter ac:name="language">python</ac:parameter>'), fc.option(text), text).map(
        ([language, title, body]) => `<ac:structured-macro ac:name="code">${language}${title === null ? '' : `<ac:parameter ac:name="title">${title}</ac:parameter>`}<ac:plain-text-body>${cdata(body)}</ac:plain-text-body></ac:structured-macro>`,
      ),
      fc.constant('<hr />'),
      inlines.map((s) => `<div class="x"><p>${s}</p></div>`),
    ),
  };
});

export const storageDocument = fc.array(block, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('\n'));
