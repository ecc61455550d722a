import { describe, expect, it } from 'vitest';
import { parseConvertOptions, runConvert } from '../../../src/cli/commands/convert.js';
import type { ConvertIo } from '../../../src/cli/commands/convert.js';
import { CliError } from '../../../src/cli/errors.js';
import { buildProgram } from '../../../src/cli/program.js';

function fakeIo(files: Record<string, string>, stdin = ''): ConvertIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
    readStdin: async () => stdin,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
}

describe('convert command', () => {
  it('is registered', () => {
    expect(buildProgram().commands.map((c) => c.name())).toContain('convert');
  });

  it('prints the storage of a file without its frontmatter, warnings on stderr with file:line', async () => {
    const io = fakeIo({ 'docs/a.md': '---\ntitle: A\n---\n# A\n\n[b](b.md)\n' });
    await runConvert(parseConvertOptions('docs/a.md', { to: 'storage', mermaid: 'code' }), io);
    expect(io.out.join('')).toBe('<h1>A</h1>\n<p><a href="b.md">b</a></p>\n');
    expect(io.err.join('')).toMatch(/^docs\/a\.md:6:1: warning \[link-unresolved\] Link b\.md: /);
  });

  it('reads standard input for -', async () => {
    const io = fakeIo({}, 'hello');
    await runConvert(parseConvertOptions('-', { to: 'storage', mermaid: 'code' }), io);
    expect(io.out.join('')).toBe('<p>hello</p>\n');
  });

  it('fails with a clear message when the file cannot be read', async () => {
    const io = fakeIo({});
    await expect(runConvert(parseConvertOptions('missing.md', { to: 'storage', mermaid: 'code' }), io)).rejects.toThrow(
      /cannot read missing\.md: ENOENT/,
    );
  });

  it('accepts --to storage and --to markdown only', () => {
    expect(() => parseConvertOptions('a.md', { to: 'html', mermaid: 'code' })).toThrow(CliError);
    expect(() => parseConvertOptions('a.md', { to: 'html', mermaid: 'code' })).toThrow(/use 'storage' \(Markdown in\) or 'markdown' \(storage in\)/);
    expect(parseConvertOptions('a.xml', { to: 'markdown', mermaid: 'code' }).to).toBe('markdown');
  });

  it('prints the Markdown of a storage file with --to markdown, warnings on stderr with file:line', async () => {
    const io = fakeIo({ 'page.xml': '<h1>A</h1>\n<p>See <ac:link><ri:page ri:content-title="Elsewhere" /></ac:link></p>\n' });
    await runConvert(parseConvertOptions('page.xml', { to: 'markdown', mermaid: 'code' }), io);
    expect(io.out.join('')).toBe('# A\n\nSee <ac:link><ri:page ri:content-title="Elsewhere" /></ac:link>\n');
    expect(io.err.join('')).toMatch(/^page\.xml:2: warning \[page-unresolved\] Link to page "Elsewhere": /);
  });

  it('passes converter options through', () => {
    expect(parseConvertOptions(undefined, { to: 'storage', mermaid: 'macro', toc: true })).toEqual({
      input: '-',
      to: 'storage',
      converter: { mermaid: 'macro', toc: true },
    });
    expect(() => parseConvertOptions('a.md', { to: 'storage', mermaid: 'svg' })).toThrow(/--mermaid/);
  });
});
