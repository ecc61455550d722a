import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { noticeFor } from '../../src/sync/notice.js';
import type { LocalPage } from '../../src/tree/build.js';

const page = { path: 'guide/a & b.md' } as LocalPage;

describe('noticeFor', () => {
  it('is empty unless enabled', () => {
    expect(noticeFor(configSchema.parse({}), '/')(page)).toBe('');
  });

  it('fills the default template with the escaped source path and a link to the repository', () => {
    const notice = noticeFor(configSchema.parse({ docs: 'docs', notice: { enabled: true, repositoryUrl: 'https://git.example/acme/docs/blob/main/' } }), '/')(page);
    expect(notice).toContain('<ac:structured-macro ac:name="info">');
    expect(notice).toContain('<a href="https://git.example/acme/docs/blob/main/docs/guide/a &amp; b.md">docs/guide/a &amp; b.md</a>');
    expect(notice).toContain('Edits made here will be overwritten');
  });

  it('uses a template of the project when configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs-notice-'));
    await writeFile(join(dir, 'notice.xml'), '<p>From {{path}}: {{link}}</p>\n');
    const notice = noticeFor(configSchema.parse({ notice: { enabled: true, template: 'notice.xml' } }), dir)(page);
    expect(notice).toBe('<p>From docs/guide/a &amp; b.md: <code>docs/guide/a &amp; b.md</code></p>');
  });
});
