import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';
import { describe, expect, it } from 'vitest';
import { BLOCK_NAMES, RAW_NAMES, htmlKind } from '../../../../src/convert/to-markdown/serialize/html-kind.js';

describe('htmlKind (the fast serializer\'s joins)', () => {
  it('knows the tag names the Markdown parser (micromark) knows', () => {
    expect([...BLOCK_NAMES].sort()).toEqual([...htmlBlockNames].sort());
    expect([...RAW_NAMES].sort()).toEqual([...htmlRawNames].sort());
  });

  it('tells the kinds apart', () => {
    expect(['<pre>', '<!-- -->', '<?x?>', '<!DOCTYPE html>', '<![CDATA[x]]>', '<details>', '</table>', '<ac:layout>', '<pre/>', '[[_TOC_]]', '<1>'].map(htmlKind)).toEqual([
      1, 2, 3, 4, 5, 6, 6, 7, 7, undefined, undefined,
    ]);
  });
});
