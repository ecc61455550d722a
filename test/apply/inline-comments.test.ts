import { describe, expect, it } from 'vitest';
import { commentMarkers, keepCommentMarkers } from '../../src/apply/inline-comments.js';

const remote =
  '<p>Install the <ac:inline-comment-marker ac:ref="c1">agent &amp; CLI</ac:inline-comment-marker> first.</p>' +
  '<p>Then <ac:inline-comment-marker ac:ref="c2">restart &rsquo;em</ac:inline-comment-marker>.</p>' +
  '<p><ac:inline-comment-marker ac:ref="c3">removed text</ac:inline-comment-marker></p>';

describe('inline comment markers', () => {
  it('reads the markers of a Confluence body, entities resolved', () => {
    expect(commentMarkers(remote)).toEqual([
      { ref: 'c1', text: 'agent & CLI' },
      { ref: 'c2', text: 'restart ’em' },
      { ref: 'c3', text: 'removed text' },
    ]);
    expect(commentMarkers('<p>no markers</p>')).toEqual([]);
    expect(commentMarkers('<p><ac:inline-comment-marker ac:ref="x">broken</p>')).toEqual([]);
  });

  it('keeps each marker whose text is still there, in order, and reports the others', () => {
    const next = '<h1>Setup</h1><p>Install the agent &amp; CLI first, then restart ’em.</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[removed text]]></ac:plain-text-body></ac:structured-macro>';
    const { storage, lost } = keepCommentMarkers(next, commentMarkers(remote));
    expect(storage).toBe(
      '<h1>Setup</h1><p>Install the <ac:inline-comment-marker ac:ref="c1">agent &amp; CLI</ac:inline-comment-marker> first, then <ac:inline-comment-marker ac:ref="c2">restart ’em</ac:inline-comment-marker>.</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[removed text]]></ac:plain-text-body></ac:structured-macro>',
    );
    // Text inside CDATA (code) or attributes is not commentable text.
    expect(lost.map((m) => m.ref)).toEqual(['c3']);
  });

  it('does not match inside attribute values', () => {
    const { storage, lost } = keepCommentMarkers('<p><a href="https://x/removed text">link</a></p>', [{ ref: 'c', text: 'removed text' }]);
    expect(storage).toBe('<p><a href="https://x/removed text">link</a></p>');
    expect(lost).toHaveLength(1);
  });
});
