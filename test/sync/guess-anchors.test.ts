import { describe, expect, it } from 'vitest';
import { markdownToStorage, storageToMarkdown } from '../../src/convert/index.js';
import { guessAnchors, guessStorageAnchors } from '../../src/sync/guess-anchors.js';
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

/** The anchors of what a storage body pulls to, as push converts it: what the guess from storage stands in for. */
const pulled = (storage: string) => real(storageToMarkdown(storage, { file: 'x.md' }).markdown);

describe('guessStorageAnchors', () => {
  it.each([
    ['headings of every depth', '<h1>One</h1><h2>Two words</h2><h6>Six</h6>'],
    ['repeated headings get GitHub suffixes', '<h2>Setup</h2><h2>Setup</h2><h3>setup</h3>'],
    ['inline markup taken off', '<h2>The <code>config</code> file</h2><h2><strong>Bold</strong> and <em>em</em></h2><h2>A <a href="https://example.com">link</a> here</h2>'],
    ['character references', '<h2>Fish &amp; Chips</h2><h2>Caf&eacute; &#8220;quoted&#8221; &#x2014; dash</h2><h2>It&apos;s &lt;here&gt;</h2>'],
    ['a heading in a macro body', '<ac:structured-macro ac:name="info"><ac:rich-text-body><h3>Inside</h3><p>x</p></ac:rich-text-body></ac:structured-macro><h2>After</h2>'],
    ['no headings', '<p>Just a paragraph.</p>'],
  ])('%s: the same as pulling and converting', (_, storage) => {
    expect(guessStorageAnchors(storage)).toEqual(pulled(storage));
  });

  it('may be wrong (an emoticon becomes an emoji in the heading): the pull then converts the linking page again', () => {
    const storage = '<h2>Smile <ac:emoticon ac:name="smile" /></h2>';
    expect(guessStorageAnchors(storage)).not.toEqual(pulled(storage));
  });
});
