import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../../src/convert/index.js';
import { foreignEntities, xmlError } from './xml-check.js';

/** Pieces that exercise every construct and every escaping path, glued at random. */
const TOKENS = [
  '# ', '## ', '- ', '1. ', '3) ', '> ', '> [!NOTE]', '> [!warning] Title', '- [ ] ', '- [x] ', '```', '```ts title="a"', '~~~',
  '`', '*', '**', '_', '~~', '[', ']', '(', ')', '![', '](', '[^1]', '[^1]: ', '[a]: /x', '<', '>', '</', '/>', '<div>',
  '</div>', '<details>', '<summary>', '</summary>', '</details>', '<br>', '<img src="x.png">', '<ac:structured-macro ac:name="x">',
  '</ac:structured-macro>', '<ri:page ri:content-title="t" />', '<![CDATA[', ']]>', '<!--', '-->', '<?x ?>', '&amp;', '&nbsp;',
  '&bogus;', '&#12;', '&#0;', '&#xD800;', '!!! note', '??? tip "T"', '=== "Tab"', '    ', '\t', '\n', '\n\n', '|', '| --- |',
  ':tada:', ':', '---', '***', '[[_TOC_]]', '[TOC]', '"', "'", '=', '#x', '(#x)', '(a.md#b)', '(javascript:x)', 'https://e.com',
  'www.e.com', 'a@b.co', '\\', '\u0000', '\u0007', '\u000b', '\uD800', '\uFFFE', '\r', '\r\n', 'é', '😀', '𝄞',
];

const markdown = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

describe('markdownToStorage properties', () => {
  it('never throws and always returns well-formed XML with only XML entities', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const result = markdownToStorage(input, { file: 'p.md', resolveLink: (t) => (t.path.endsWith('a.md') ? { title: 'A' } : undefined) });
        expect(xmlError(result.storage)).toBeUndefined();
        expect(foreignEntities(result.storage)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic: the same input gives the same bytes and warnings', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const a = markdownToStorage(input, { file: 'p.md' });
        const b = markdownToStorage(input, { file: 'p.md' });
        expect(b.storage).toBe(a.storage);
        expect(b.warnings).toEqual(a.warnings);
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        expect(xmlError(markdownToStorage(input).storage)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every warning inside the document', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const lines = input.split(/\r\n|\r|\n/).length;
        for (const warning of markdownToStorage(input, { file: 'p.md' }).warnings) {
          expect(warning.line).toBeGreaterThanOrEqual(1);
          expect(warning.line).toBeLessThanOrEqual(lines);
          expect(warning.file).toBe('p.md');
        }
      }),
      { numRuns: 300 },
    );
  });
});
