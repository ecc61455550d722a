import fc from 'fast-check';
import type { AlignType, BlockContent, ListItem, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import '../../../../src/convert/to-markdown/nodes.js';

/**
 * mdast trees of the shapes the pull converter builds (`src/convert/to-markdown/nodes.ts` and
 * the handlers), with text drawn from the characters every escaping rule is about, for the
 * differential test of the fast serializer.
 */
const PIECES = [
  '*', '**', '_', '__', '`', '~', '~~', '#', '##', '>', '<', '<a', '</', '<!', '&', '&amp;', '&#1;', '[', ']', '](', '(', ')', '|', '!', '![',
  '\\', '\\*', ':', ':-', '-', '--', '+', '=', '"', "'", '@', '.', '/', '?', '???', '!!!', '1.', '2)', '10.', ' ', '  ', '\t', 'a', 'b',
  'word', 'w', 'W', 'www', 'www.', 'http://', 'https:', 'p:/', 's:/', 'a@b', 'x.y', 'é', '日本', '。', '«', '😀', '\u00a0', '\u2003', '\u0001',
  '\u007f', '_a_', 'a_b', '9', '$', '%', '^', '{', '}', ',', ';',
];

/** Text on one line (most texts), sometimes with a line break (left to the reference). */
export const textValue = fc
  .array(fc.oneof({ weight: 400, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\r') }), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.join(''));

const INLINE_HTML = ['<br />', '<!---->', '<a id="x"></a>', '<span style="color: red;">', '</span>', '<ac:emoticon ac:name="tick" />', '<u>', '</u>', '<sup>', '</sup>'];
const URLS = ['https://example.com/a_b?c=d&e', 'docs/a b.md', '', '#x', 'x(y).md', 'a<b>', 'a\\b', '../other.md#a-b', 'mailto:a@b.co', 'ü.md'];
const TITLES = [null, 't', 'a "q"', '', 'it\'s & <x>', '(t)'];
const LABELS = ['1', 'a.b', 'www.x', 'x_y', 'note-2', 'A:B'];

const { phrasing } = fc.letrec<{ phrasing: PhrasingContent }>((tie) => {
  const children = fc.array(tie('phrasing'), { minLength: 1, maxLength: 3 });
  return {
    phrasing: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: textValue.map((value): PhrasingContent => ({ type: 'text', value })) },
      textValue.map((value): PhrasingContent => ({ type: 'inlineCode', value })),
      fc.constantFrom(...INLINE_HTML).map((value): PhrasingContent => ({ type: 'html', value })),
      children.map((nodes): PhrasingContent => ({ type: 'emphasis', children: nodes })),
      children.map((nodes): PhrasingContent => ({ type: 'strong', children: nodes })),
      children.map((nodes): PhrasingContent => ({ type: 'delete', children: nodes })),
      fc.tuple(children, fc.constantFrom(...URLS), fc.constantFrom(...TITLES)).map(([nodes, url, title]): PhrasingContent => ({ type: 'link', url, title, children: nodes })),
      fc.tuple(fc.option(textValue), fc.constantFrom(...URLS), fc.constantFrom(...TITLES)).map(([alt, url, title]): PhrasingContent => ({ type: 'image', url, alt, title })),
      fc.constantFrom(...LABELS).map((label): PhrasingContent => ({ type: 'footnoteReference', identifier: label.toLowerCase(), label })),
    ),
  };
});

const phrasings = fc.array(phrasing, { minLength: 1, maxLength: 5 });
const FLOW_HTML = ['<details>', '</details>', '<!-- -->', '[[_TOC_]]', '<table><tbody><tr><td>', '<ac:layout>', '<p style="x">a</p>', '<img src="a.png" width="2" />', '<pre>x</pre>'];
const LANGS = [null, 'ts', 'confluence-storage', 'a`b', 'x y', 'c&amp'];
const METAS = [null, 'title="a`b"', 'linenumbers firstline=3', 'title="x &amp y"'];
const CODE = ['', 'x', 'a\n```\nb', '  indented\n\n', '~~~\n`', 'line\r\nnext'];
const MARKERS = ['!!! info ""', '!!! tip "Tip"', '=== "Tab"'];
const ALIGN: AlignType[] = [null, 'left', 'center', 'right'];

const { block } = fc.letrec<{ block: BlockContent }>((tie) => {
  const blocks = fc.array(tie('block'), { minLength: 0, maxLength: 3 });
  const item = fc.tuple(blocks, fc.constantFrom(null, true, false), fc.boolean()).map(
    ([content, checked, spread]): ListItem => ({ type: 'listItem', spread, checked: checked === null || content[0]?.type === 'paragraph' ? checked : null, children: content }),
  );
  const cells = (width: number): fc.Arbitrary<TableCell[]> =>
    fc.array(fc.array(phrasing, { maxLength: 3 }), { minLength: width, maxLength: width }).map((rows) => rows.map((children) => ({ type: 'tableCell', children })));
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: phrasings.map((children): BlockContent => ({ type: 'paragraph', children })) },
      fc.tuple(fc.integer({ min: 1, max: 6 }), phrasings).map(([depth, children]): BlockContent => ({ type: 'heading', depth: depth as 1, children })),
      fc.tuple(fc.constantFrom(...LANGS), fc.constantFrom(...METAS), fc.constantFrom(...CODE)).map(([lang, meta, value]): BlockContent => ({ type: 'code', lang, meta, value })),
      blocks.map((children): BlockContent => ({ type: 'blockquote', children })),
      fc.tuple(fc.constantFrom('NOTE', 'TIP', 'WARNING'), fc.oneof(fc.constant(''), textValue), blocks).map(([kind, title, children]): BlockContent => ({ type: 'githubAlert', kind, title, children })),
      fc.tuple(fc.constantFrom(...MARKERS), blocks).map(([marker, children]): BlockContent => ({ type: 'indentedBlock', marker, children })),
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 12 }), fc.boolean(), fc.array(item, { minLength: 1, maxLength: 3 })).map(
        ([ordered, start, spread, children]): BlockContent => (ordered ? { type: 'list', ordered, start, spread, children } : { type: 'list', ordered, spread, children }),
      ),
      fc.integer({ min: 1, max: 3 }).chain((width) =>
        fc.tuple(fc.array(fc.constantFrom(...ALIGN), { minLength: width, maxLength: width }), fc.array(cells(width), { minLength: 1, maxLength: 3 })).map(
          ([align, rows]): BlockContent => ({ type: 'table', align, children: rows.map((row) => ({ type: 'tableRow', children: row })) }),
        ),
      ),
      fc.constant<BlockContent>({ type: 'thematicBreak' }),
      fc.constantFrom(...FLOW_HTML).map((value): BlockContent => ({ type: 'html', value })),
    ),
  };
});

/** A page: blocks, then maybe footnote definitions. */
export const mdastRoot: fc.Arbitrary<Root> = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.constantFrom(...LABELS), fc.array(block, { maxLength: 2 })), { maxLength: 2 }))
  .map(([blocks, notes]) => ({
    type: 'root',
    children: [
      ...blocks,
      ...notes.map(([label, children]): RootContent => ({ type: 'footnoteDefinition', identifier: label.toLowerCase(), label, children })),
    ],
  }));
