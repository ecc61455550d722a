import { describe, expect, it } from 'vitest';
import { watchIgnored } from '../../src/watch/ignore.js';

describe('watchIgnored', () => {
  const own = new Set(['confluence-sync.lock.json', 'confluence-sync.lock.json.journal', 'build/cache.json', 'build/cache.storage']);

  it('reacts to Markdown files and assets, in any folder', () => {
    for (const path of ['index.md', 'guide/install.md', 'img/chart.png', 'assets/sample.yaml', '.']) expect(watchIgnored(path, own), path).toBe(false);
  });

  it('ignores hidden files and folders, node_modules, atomic-write temp files and editor swap and backup files', () => {
    for (const path of ['.git/index', '.DS_Store', 'guide/.notes.md', 'node_modules/x/readme.md', 'guide.md.1234.ab12cd34.tmp', 'guide.md~', 'guide/.guide.md.swp', 'guide.md.swx', '4913', '#guide.md#']) {
      expect(watchIgnored(path, own), path).toBe(true);
    }
  });

  it('ignores the files the tool writes when they are under the docs root', () => {
    expect(watchIgnored('confluence-sync.lock.json', own)).toBe(true);
    expect(watchIgnored('confluence-sync.lock.json.journal', own)).toBe(true);
    expect(watchIgnored('build/cache.json', own)).toBe(true);
    // The cache's bodies: everything in its folder.
    expect(watchIgnored('build/cache.storage', own)).toBe(true);
    expect(watchIgnored(`build/cache.storage/${'a'.repeat(64)}.xml`, own)).toBe(true);
    expect(watchIgnored('build/cache.storage-notes.md', own)).toBe(false);
    expect(watchIgnored('guide/confluence-sync.lock.json', own)).toBe(false);
  });
});
