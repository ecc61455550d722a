import { describe, expect, it } from 'vitest';
import { confluenceHeadingAnchor, decodeAnchor, encodeAnchor, githubSlug, GithubSlugger } from '../../../src/convert/shared/anchors.js';
import { confluenceCodeLanguage } from '../../../src/convert/shared/code-languages.js';
import { emojiForShortcode } from '../../../src/convert/shared/emoji.js';
import { cdata, escapeXmlAttribute, escapeXmlText, toXmlChars } from '../../../src/convert/shared/xml.js';

describe('heading anchors', () => {
  it.each([
    ['Café Section', 'Café-Section'],
    ['Getting Started: Quick Tour', 'Getting-Started:-Quick-Tour'],
    ['  padded\t\ttabs  and   runs ', 'padded-tabs-and-runs'],
    ['Keep-Case & Punctuation!', 'Keep-Case-&-Punctuation!'],
    ['日本語 の 見出し', '日本語-の-見出し'],
  ])('Confluence anchor of %j is %j', (text, anchor) => {
    expect(confluenceHeadingAnchor(text)).toBe(anchor);
  });

  it('percent-encodes anchors as the editor writes them, and decodes them back', () => {
    expect(encodeAnchor('Café-Section')).toBe('Caf%C3%A9-Section');
    expect(encodeAnchor('Step-2:-Go')).toBe('Step-2%3A-Go');
    expect(decodeAnchor('Caf%C3%A9-Section')).toBe('Café-Section');
    expect(decodeAnchor('100%-sure')).toBe('100%-sure');
  });

  it('slugs like GitHub, with -1, -2 for repeats', () => {
    expect(githubSlug('Getting Started: Quick Tour')).toBe('getting-started-quick-tour');
    const slugger = new GithubSlugger();
    expect([slugger.slug('Setup'), slugger.slug('Setup'), slugger.slug('Setup')]).toEqual(['setup', 'setup-1', 'setup-2']);
  });
});

describe('code languages', () => {
  it.each([
    ['ts', 'typescript'], ['TypeScript', 'typescript'], ['sh', 'bash'], ['shell', 'bash'], ['console', 'bash'], ['yml', 'yaml'],
    ['py', 'python'], ['c++', 'cpp'], ['js', 'js'], ['javascript', 'js'], ['cs', 'c#'], ['Dockerfile', 'docker'], ['text', 'none'],
    ['go', 'go'], ['rust', 'rust'], ['erlang', 'erl'], ['tf', 'hcl'],
  ])('%s → %s', (fence, confluence) => {
    expect(confluenceCodeLanguage(fence)).toBe(confluence);
  });

  it('has no name for unknown languages, including prototype keys', () => {
    expect(confluenceCodeLanguage('brainfuck')).toBeUndefined();
    expect(confluenceCodeLanguage('constructor')).toBeUndefined();
    expect(confluenceCodeLanguage('__proto__')).toBeUndefined();
  });
});

describe('emoji', () => {
  it('maps GitHub shortcodes and nothing else', () => {
    expect(emojiForShortcode('tada')).toBe('🎉');
    expect(emojiForShortcode('+1')).toBe('👍');
    expect(emojiForShortcode('toString')).toBeUndefined();
    expect(emojiForShortcode('material-check')).toBeUndefined();
  });
});

describe('XML helpers', () => {
  it('escapes text including > so ]]> never appears', () => {
    expect(escapeXmlText('a<b>&c]]>')).toBe('a&lt;b&gt;&amp;c]]&gt;');
  });

  it('escapes attributes, keeping whitespace characters as references', () => {
    expect(escapeXmlAttribute('"a" <b> & c\td\ne\r')).toBe('&quot;a&quot; &lt;b&gt; &amp; c&#9;d&#10;e&#13;');
  });

  it('splits CDATA around every ]]>', () => {
    expect(cdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
    expect(cdata('')).toBe('<![CDATA[]]>');
  });

  it('replaces characters XML cannot hold', () => {
    expect(toXmlChars('a\u0000b\u000Cc\uD800d\uFFFEe\t\n')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\t\n');
    expect(toXmlChars('😀')).toBe('😀');
  });
});
