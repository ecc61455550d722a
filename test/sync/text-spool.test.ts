import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextSpool } from '../../src/sync/text-spool.js';

const realTmp = process.env.TMPDIR;
const dirs: string[] = [];
/** A fresh temporary folder as the spool's TMPDIR (os.tmpdir() reads TMPDIR at each call). */
function freshTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-spool-test-'));
  dirs.push(dir);
  process.env.TMPDIR = dir;
  return dir;
}
afterEach(() => {
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('TextSpool', () => {
  it('gives back each text as it was put, by key, from one file under TMPDIR', () => {
    const tmp = freshTmp();
    const spool = TextSpool.open();
    expect(spool.onDisk).toBe(true);
    const texts = {
      ascii: '<p>plain</p>',
      empty: '',
      wide: 'Grüße — 你好 😀 ✓\r\n\u0000 end',
      long: 'x'.repeat(300_000) + 'é',
    };
    for (const [key, text] of Object.entries(texts)) spool.put(key, text);
    expect(spool.size).toBe(4);
    for (const [key, text] of Object.entries(texts)) {
      expect(spool.has(key)).toBe(true);
      expect(spool.get(key)).toBe(text);
    }
    // One folder of its own, readable by this user only.
    const [folder, ...others] = readdirSync(tmp);
    expect(others).toEqual([]);
    expect(folder).toMatch(/^confluence-sync-/);
    expect(statSync(join(tmp, folder!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(tmp, folder!, 'texts')).mode & 0o777).toBe(0o600);
    spool.close();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('take forgets the text; put again replaces it; an unknown key is undefined', () => {
    freshTmp();
    const spool = TextSpool.open();
    spool.put('a', 'first');
    spool.put('a', 'second, longer than the first');
    expect(spool.get('a')).toBe('second, longer than the first');
    expect(spool.size).toBe(1);
    expect(spool.take('a')).toBe('second, longer than the first');
    expect(spool.has('a')).toBe(false);
    expect(spool.take('a')).toBeUndefined();
    expect(spool.get('missing')).toBeUndefined();
    spool.close();
  });

  it('a closed spool takes nothing more', () => {
    freshTmp();
    const spool = TextSpool.open();
    spool.put('a', 'text');
    spool.close();
    expect(spool.has('a')).toBe(false);
    expect(() => spool.put('b', 'text')).toThrow(/closed/);
  });

  it('keeps the texts in memory when TMPDIR cannot take a file, leaving nothing behind', () => {
    const tmp = freshTmp();
    // TMPDIR is a file, not a folder: no temporary folder can be made in it.
    const notAFolder = join(tmp, 'file');
    writeFileSync(notAFolder, '');
    process.env.TMPDIR = notAFolder;
    const spool = TextSpool.open();
    expect(spool.onDisk).toBe(false);
    spool.put('a', 'Grüße');
    expect(spool.take('a')).toBe('Grüße');
    spool.close();
    expect(readdirSync(tmp)).toEqual(['file']);
    process.env.TMPDIR = join(tmp, 'missing', 'folder');
    const missing = TextSpool.open();
    expect(missing.onDisk).toBe(false);
    missing.close();
    expect(existsSync(join(tmp, 'missing'))).toBe(false);
  });
});
