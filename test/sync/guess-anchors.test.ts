import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../src/convert/index.js';
import { guessAnchors } from '../../src/sync/guess-anchors.js';
import { anchorsOf } from '../../src/sync/render-resolve.js';

/** The anchors the conversion itself gives: what the guess stands in for. */
const real = (markdown: string) => anchorsOf(markdownToStorage(markdown, { file: 'x.md' }).headings);

describe('guessAnchors', () => {
  it.each([
    ['ATX headings of every depth, with closing hashes', '# One\n\n## Two words ##\n\n###### Six\n'],
    ['setext headings', 'Title here\n==========\n\nSecond one\n---\n\ntext\n'],
    ['repeated headings get GitHub suffixes', '## Setup\n\n## Setup\n\n## setup\n'],
    ['inline markup taken off', '## The `config` file\n\n## **Bold** and _em_ and *it*\n\n## A [link](x.md) here\n\n## Café Section!\n'],
    ['escaped characters', '## Not \\*emphasis\\*\n'],
    ['headings in fenced code are not headings', '```md\n# not a heading\n```\n\n~~~~\n## nor this\n```\n## nor this\n~~~~\n\n## Real\n'],
    ['a rule after a blank line or a list item is no setext heading', 'text\n\n---\n\n- item\n---\n\n## After\n'],
    ['no headings', 'Just a paragraph.\n'],
  ])('%s: the same as the conversion', (_, markdown) => {
    expect(guessAnchors(markdown)).toEqual(real(markdown));
  });

  it('may be wrong (an entity, a multi-line setext heading): the render then converts again', () => {
    expect(guessAnchors('## Fish &amp; Chips\n')).not.toEqual(real('## Fish &amp; Chips\n'));
    expect(guessAnchors('two\nlines\n===\n')).not.toEqual(real('two\nlines\n===\n'));
  });
});
