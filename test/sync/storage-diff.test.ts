import { describe, expect, it } from 'vitest';
import { readableStorage, storageDiff } from '../../src/sync/storage-diff.js';

describe('readableStorage', () => {
  it('puts blocks on lines and ignores what Confluence adds on save', () => {
    const remote = '<p>Don&rsquo;t</p><ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="abc"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro><p>a<br />b</p>';
    const local = '<p>Don’t</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro><p>a<br/>b</p>';
    expect(readableStorage(remote)).toBe(readableStorage(local));
    expect(readableStorage(local)).toBe('<p>Don’t</p>\n<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>\n<p>a<br />b</p>\n');
  });

  it('shows only the changed block in the diff', () => {
    const patch = storageDiff('a.md', '<h1>T</h1><p>old</p><p>same</p>', '<h1>T</h1><p>new</p><p>same</p>');
    expect(patch).toContain('--- confluence/a.md');
    expect(patch).toContain('-<p>old</p>');
    expect(patch).toContain('+<p>new</p>');
    expect(patch).not.toContain('-<p>same</p>');
  });

  it('returns an unparsable body unchanged', () => {
    expect(readableStorage('<p>broken')).toBe('<p>broken');
  });
});
