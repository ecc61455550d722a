import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * `confluence-sync demo` (what `npm run demo` runs): the README's first command for a newcomer.
 * It must publish the demo tree, show that a second push does nothing and an edit is one update,
 * and pull the space back into files, all on an embedded emulator on 127.0.0.1.
 */
describe('confluence-sync demo', () => {
  it('publishes, pushes again with nothing to do, updates one page, pulls the space, and cleans up', async () => {
    const r = await runCli(['demo']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/Embedded Confluence emulator on http:\/\/127\.0\.0\.1:\d+ \(space DOCS\); demo docs copied to (\S+)\/docs/);
    expect(out).toMatch(/== first push: Plan: 45 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 0 unchanged\./);
    expect(out).toMatch(/ {2}guides\/README\.md +http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/DOCS\/pages\/\d+\//);
    expect(out).toMatch(/== second push, nothing changed: Plan: 0 to create, 0 to update, 0 to move, 0 orphaned, 0 conflicts, 45 unchanged\.\n {3}2 requests/);
    expect(out).toMatch(/== push after editing index\.md: Plan: 0 to create, 1 to update, .* 44 unchanged\./);
    const pulled = /== pull into \S+: (\d+) files written, (\d+) attachments downloaded, 0 failed/.exec(out);
    expect(pulled, out).not.toBeNull();
    expect(Number(pulled![1])).toBeGreaterThanOrEqual(45);
    expect(Number(pulled![2])).toBeGreaterThan(0);
    expect(out).toMatch(/== pull again, nothing changed: 0 files written, 0 attachments downloaded, 0 failed\n {3}2 requests/);
    const work = /demo docs copied to (\S+)\/docs/.exec(out)![1]!;
    expect(existsSync(work)).toBe(false);
  });
});
