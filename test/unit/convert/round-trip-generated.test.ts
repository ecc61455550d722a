import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToStorage, roundTripContexts, storageToMarkdown } from '../../../src/convert/index.js';

/**
 * Round-trip property 1 on generated Markdown: S1 = push(M), M2 = pull(S1), S2 = push(M2);
 * S2 === S1 byte for byte and pull(S2) === M2. Documents are built from the constructs the push
 * converter reads, with text drawn from characters that are special somewhere.
 */
const contexts = roundTripContexts({
  file: 'docs/page.md',
  pages: [{ path: 'docs/other.md', title: 'Other' }],
  attachments: { 'a.png': 'docs/a.png' },
});

const WORDS = ['alpha', 'beta', 'x', ':tada:', 'www.example.com', 'a@b.io', 'https://e.com/x', '1.', '#', '*', '_', '`', '~', '|', '\\*', '&amp;', '&', '<b>', '[', ']', '!', 'é', '😀'];
const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

const inline = fc.oneof(
  words,
  words.map((s) => `**${s}**`),
  words.map((s) => `*${s}*`),
  words.map((s) => `~~${s}~~`),
  fc.constantFrom('`code`', '`a|b`', '``x`y``'),
  words.map((s) => `[${s}](https://example.com/p)`),
  fc.constantFrom('[other](other.md)', '[section](other.md#part)', '[top](#heading)', '![alt](a.png)', '![r](https://e.com/i.png "T")'),
  fc.constantFrom('<u>under</u>', 'H<sub>2</sub>O', '<br>', '<kbd>K</kbd>'),
);
const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const block = fc.oneof(
  line,
  fc.tuple(fc.integer({ min: 1, max: 4 }), line).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item, i) => `${i + 1}. ${item}`).join('\n\n')),
  fc.array(fc.tuple(fc.boolean(), line), { minLength: 1, maxLength: 3 }).map((items) => items.map(([done, item]) => `- [${done ? 'x' : ' '}] ${item}`).join('\n')),
  fc.tuple(line, line, line, line).map(([a, b, c, d]) => `| ${a.replace(/\|/g, '\\|')} | ${b.replace(/\|/g, '\\|')} |\n| --- | :-: |\n| ${c.replace(/\|/g, '\\|')} | ${d.replace(/\|/g, '\\|')} |`),
  fc.tuple(fc.constantFrom('', 'ts', 'python', 'text'), fc.array(fc.constantFrom('a', 'b = 1', '', '  indented', ']]>', '```'), { maxLength: 4 })).map(
    ([lang, lines]) => `~~~~${lang}\n${lines.join('\n')}\n~~~~`,
  ),
  fc.tuple(fc.constantFrom('NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'), fc.constantFrom('', ' Custom title'), line).map(([type, title, text]) => `> [!${type}]${title}\n> ${text}`),
  line.map((text) => `> ${text}`),
  fc.tuple(fc.constantFrom('Summary', 'More & less'), line).map(([title, text]) => `<details>\n<summary>${title.replace('&', '&amp;')}</summary>\n\n${text}\n\n</details>`),
  fc.tuple(fc.constantFrom('note', 'tip', 'danger'), line).map(([type, text]) => `!!! ${type} "Title"\n    ${text}`),
  fc.constantFrom('---', '[[_TOC_]]', '<ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="title">OK</ac:parameter></ac:structured-macro>'),
);

const markdown = fc.array(block, { minLength: 1, maxLength: 6 }).map((blocks) => `# Heading\n\n${blocks.join('\n\n')}\n`);

describe('round trip from generated Markdown (property 1)', () => {
  it('push(pull(push(M))) === push(M), and the pulled Markdown is a fixed point', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const s1 = markdownToStorage(input, contexts.push).storage;
        const m2 = storageToMarkdown(s1, contexts.pull).markdown;
        const s2 = markdownToStorage(m2, contexts.push).storage;
        expect(s2).toBe(s1);
        expect(storageToMarkdown(s2, contexts.pull).markdown).toBe(m2);
      }),
      { numRuns: 150 },
    );
  });
});
