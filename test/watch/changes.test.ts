import { describe, expect, it } from 'vitest';
import { baselineOf, nextBaseline, selectChanged } from '../../src/watch/changes.js';

const page = (path: string, fingerprint: string) => ({ path, fingerprint });

describe('selectChanged', () => {
  const before = baselineOf([page('index.md', 'a'), page('guide.md', 'b'), page('faq.md', 'c'), page('old/', 'd'), page('old/x.md', 'e')]);

  it('nothing changed: nothing to push', () => {
    expect(selectChanged([page('index.md', 'a'), page('guide.md', 'b'), page('faq.md', 'c'), page('old/', 'd'), page('old/x.md', 'e')], before)).toEqual([]);
  });

  it('the pages whose fingerprint changed, new pages, then the paths that are gone', () => {
    // guide.md saved; faq.md changed through a link or image it uses; new.md added; old/ deleted with its file.
    const now = [page('index.md', 'a'), page('guide.md', 'B'), page('faq.md', 'C'), page('new.md', 'f')];
    expect(selectChanged(now, before)).toEqual(['faq.md', 'guide.md', 'new.md', 'old/', 'old/x.md']);
  });

  it('a rename selects the new path and the old one (the planner recognises the move)', () => {
    const now = [page('index.md', 'a'), page('guide.md', 'b'), page('questions.md', 'c'), page('old/', 'd'), page('old/x.md', 'e')];
    expect(selectChanged(now, before)).toEqual(['questions.md', 'faq.md']);
  });
});

describe('nextBaseline', () => {
  it('is what the run rendered, minus the pages that failed (tried again by the next run)', () => {
    const next = nextBaseline([page('index.md', 'a2'), page('guide.md', 'b2')], ['guide.md']);
    expect([...next]).toEqual([['index.md', 'a2']]);
    expect(selectChanged([page('index.md', 'a2'), page('guide.md', 'b2')], next)).toEqual(['guide.md']);
  });
});
