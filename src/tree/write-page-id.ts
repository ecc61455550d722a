import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * Returns `text` with `pageId: "<id>"` in its frontmatter, changing nothing else byte for byte:
 * an existing `pageId` line gets the new value; otherwise the line is added right after the opening
 * `---`; a file without frontmatter gets one. Line endings follow the file's.
 */
export function withPageId(text: string, pageId: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  const line = `pageId: "${pageId}"`;
  const open = /^---[ \t]*\r?\n/.exec(body);
  if (open) {
    const rest = body.slice(open[0].length);
    const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest);
    if (close) {
      const block = rest.slice(0, close.index);
      const existing = /^pageId[ \t]*:.*$/m.exec(block);
      if (existing) {
        return bom + open[0] + block.slice(0, existing.index) + line + block.slice(existing.index + existing[0].length) + rest.slice(close.index);
      }
      return bom + open[0] + line + eol + rest;
    }
  }
  return `${bom}---${eol}${line}${eol}---${eol}${body}`;
}

/** Writes `pageId` into a file's frontmatter atomically (temp file + rename). */
export async function writePageId(file: string, pageId: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = withPageId(text, pageId);
  if (next === text) return;
  await writeFileAtomic(file, next);
}

export async function writeFileAtomic(file: string, content: string | Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}
