import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';

/** writeSync fails with ENOSPC while `full` is set: a temporary folder that fills up during a run. */
const state = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (...args: Parameters<typeof fs.writeSync>) => {
      if (state.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return fs.writeSync(...args);
    },
  };
});
const { TextSpool } = await import('../../src/sync/text-spool.js');

const realTmp = process.env.TMPDIR;
const dirs: string[] = [];
afterEach(() => {
  state.full = false;
  if (realTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = realTmp;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('keeps in memory the texts it cannot write once the temporary folder is full, and loses none', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cs-spool-full-'));
  dirs.push(tmp);
  process.env.TMPDIR = tmp;
  const spool = TextSpool.open();
  expect(spool.onDisk).toBe(true);
  spool.put('before', 'written to the file');
  spool.put('replaced', 'first, on disk');
  state.full = true;
  spool.put('during', 'Grüße, kept in memory');
  spool.put('replaced', 'second, in memory');
  state.full = false;
  spool.put('after', 'written again');
  expect(spool.size).toBe(4);
  expect(spool.get('before')).toBe('written to the file');
  expect(spool.get('during')).toBe('Grüße, kept in memory');
  expect(spool.get('replaced')).toBe('second, in memory');
  expect(spool.take('after')).toBe('written again');
  // Written to the file again after living in memory: the file's copy is the one read.
  spool.put('during', 'back on disk');
  expect(spool.get('during')).toBe('back on disk');
  spool.close();
  expect(readdirSync(tmp)).toEqual([]);
});
