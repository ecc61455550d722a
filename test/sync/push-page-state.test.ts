import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.js';
import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import { configSchema } from '../../src/config/schema.js';
import { push } from '../../src/sync/push.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

let h: Harness | undefined;
let client: ConfluenceClient | undefined;
let dir: string | undefined;
afterEach(async () => {
  await client?.close();
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setUp(files: Record<string, string>) {
  h = await startHarness();
  client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token } });
  dir = mkdtempSync(join(tmpdir(), 'cs-comments-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'docs', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'docs', path), text);
  }
  const events: ApplyEvent[] = [];
  const run = (force = false) => push({ config: configSchema.parse({ space: 'DEMO', docs: 'docs' }), baseDir: dir!, client: client!, dryRun: false, force, onEvent: (e) => events.push(e) });
  return { run, events, h: h!, client: client! };
}

describe('push and Confluence page state', () => {
  it('keeps inline comments whose text is still there, and warns, naming the page, for the others', async () => {
    const { run, events, client: c } = await setUp({ 'guide.md': '# Guide\n\nInstall the agent first.\n\nRestart the service.\n' });
    const first = await run();
    expect(first.report!.created).toEqual(['guide.md']);
    const pageId = (await c.pages.byTitle(first.plan.spaceId, 'Guide'))!.id;
    // Two inline comments added in Confluence: their markers sit in the stored body.
    const page = await c.pages.get(pageId, { bodyFormat: 'storage' });
    const commented = page.body!.storage!.value
      .replace('the agent', '<ac:inline-comment-marker ac:ref="c-1">the agent</ac:inline-comment-marker>')
      .replace('Restart', '<ac:inline-comment-marker ac:ref="c-2">Restart</ac:inline-comment-marker>');
    expect(commented).toContain('c-2');
    await c.pages.update(pageId, { title: 'Guide', body: commented, version: page.version!.number + 1, message: page.version!.message ?? '' });
    // The comments made a version that is not ours: a conflict, so nothing is written...
    writeFileSync(join(dir!, 'docs', 'guide.md'), `---\npageId: "${pageId}"\n---\n# Guide\n\nInstall the agent first, then check the logs.\n\nStop the service.\n`);
    expect((await run()).plan.actions.map((a) => a.type)).toEqual(['conflict']);
    // ...and with --force the new body goes out with the comments whose text is still there.
    const second = await run(true);
    expect(second.plan.actions.map((a) => a.type)).toEqual(['update']);
    expect(second.report!.updated).toEqual(['guide.md']);
    const after = (await c.pages.get(pageId, { bodyFormat: 'storage' })).body!.storage!.value;
    expect(after).toContain('<ac:inline-comment-marker ac:ref="c-1">the agent</ac:inline-comment-marker> first, then check the logs.');
    expect(after).not.toContain('c-2');
    const warnings = events.filter((e) => e.type === 'warning').map((e) => (e.type === 'warning' ? e.message : ''));
    expect(warnings).toEqual([expect.stringMatching(/guide\.md: the inline comment on "Restart" \(page "Guide", \d+\) lost its anchor/)]);
  });

  it('updates are minor edits (no notification) unless the page or the config asks to notify', async () => {
    const { run, client: c, h: harness } = await setUp({ 'quiet.md': '# Quiet\n\nv1\n', 'loud.md': '---\nnotify: true\n---\n# Loud\n\nv1\n' });
    const first = await run();
    const spaceId = first.plan.spaceId;
    const quiet = (await c.pages.byTitle(spaceId, 'Quiet'))!;
    const loud = (await c.pages.byTitle(spaceId, 'Loud'))!;
    for (const [file, title] of [['quiet.md', 'Quiet'], ['loud.md', 'Loud']] as const) {
      const text = `---\npageId: "${title === 'Quiet' ? quiet.id : loud.id}"${title === 'Loud' ? '\nnotify: true' : ''}\n---\n# ${title}\n\nv2\n`;
      writeFileSync(join(dir!, 'docs', file), text);
    }
    await run();
    const minor = async (id: string) => {
      const response = await fetch(`${harness.base}/wiki/api/v2/pages/${id}`, { headers: { authorization: `Basic ${Buffer.from('writer@example.com:test-api-token-123').toString('base64')}` } });
      return ((await response.json()) as { version: { number: number; minorEdit: boolean } }).version;
    };
    expect(await minor(quiet.id)).toMatchObject({ number: 2, minorEdit: true });
    expect(await minor(loud.id)).toMatchObject({ number: 2, minorEdit: false });
  });
});
