import { describe, expect, it } from 'vitest';
import { tokenizeXhtml } from '../../../src/convert/to-storage/xhtml-tokenize.js';

describe('tokenizeXhtml', () => {
  it('decodes the XHTML 1.0 entities and keeps attributes in source order', () => {
    expect(tokenizeXhtml('<td b="2" a="&amp;">&nbsp;&rarr;&apos;</td>', [])).toEqual({
      ok: true,
      events: [
        { type: 'open', name: 'td', attributes: { b: '2', a: '&' } },
        { type: 'text', value: '\u00A0→\'' },
        { type: 'close', name: 'td' },
      ],
    });
  });

  it('closes elements opened by earlier pieces and leaves its own open', () => {
    expect(tokenizeXhtml('</summary>\n<div>', ['details', 'summary'])).toEqual({
      ok: true,
      events: [
        { type: 'close', name: 'summary' },
        { type: 'text', value: '\n' },
        { type: 'open', name: 'div', attributes: {} },
      ],
    });
  });

  it('keeps trailing text and CDATA sections', () => {
    const result = tokenizeXhtml('<![CDATA[a < b]]> tail', []);
    expect(result).toEqual({ ok: true, events: [{ type: 'cdata', value: 'a < b' }, { type: 'text', value: ' tail' }] });
  });

  it('accepts an element left open for a later piece', () => {
    expect(tokenizeXhtml('<div>', []).ok).toBe(true);
  });

  it.each([
    ['</span>', ['div']],
    ['<a></b>', []],
    ['<a href=x>', []],
    ['<details open>', []],
    ['&bogus;', []],
    ['<span title="x', []],
    ['<!-- open comment', []],
    ['<!DOCTYPE html>', []],
  ] as Array<[string, string[]]>)('refuses %j inside %j', (value, open) => {
    expect(tokenizeXhtml(value, open).ok).toBe(false);
  });
});
