import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/tree/read.js';
import { editInConfluence, pullCli, report } from './pull-helpers.js';
import { localFiles, push, remoteState, startPushEnv, Workspace, writesByRoute, type PushEnv } from './push-helpers.js';

/**
 * `pull` in a tree that `push` published (the demo docs: README.md folder pages, a folder without
 * an index, a file placed by a `parent` field): the paths push chose are kept, and pulling
 * Confluence's edits leaves push with nothing to write.
 */
let pe: PushEnv;
let ws: Workspace;
beforeEach(async () => {
  pe = await startPushEnv();
  ws = new Workspace();
  const first = await push(pe, ws);
  expect(first.code, first.stderr).toBe(0);
});
afterEach(async () => {
  ws.dispose();
  await pe.close();
});

const pull = (args: readonly string[] = []) => pullCli(pe, ws, 'DEMO', ['--json', ...args]);

describe('pull after push', () => {
  it('finds nothing to do: no body fetched, no file written', async () => {
    const lock = ws.lockText();
    const r = await pull();
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.written).toEqual([]);
    expect(json.actions).toEqual([]);
    expect(r.requests.byRoute).toEqual({ 'GET /wiki/api/v2/spaces': 1, 'GET /wiki/api/v2/spaces/{id}/pages': 1 });
    expect(ws.lockText()).toBe(lock);
  }, 90_000);

  it('brings Confluence edits into the files push made, where push put them', async () => {
    const state = await remoteState(pe);
    // A page placed by a `parent` field, a README.md folder page, and a folder page push made without a file.
    await editInConfluence(pe, state.get('Contributing to the docs')!.id, { body: '<p>Contributions welcome, edited in Confluence.</p>' });
    await editInConfluence(pe, state.get('REST API')!.id, { body: '<p>The API, edited in Confluence.</p>' });
    await editInConfluence(pe, state.get('experiments')!.id, { body: '<p>About experiments.</p>' });
    // A page whose image push uploaded from a shared folder: saved again in the editor.
    await editInConfluence(pe, state.get('Percentage rollouts')!.id, {});
    const r = await pull();
    expect(r.code, r.stderr).toBe(0);
    const json = report(r.stdout);
    expect(json.written.sort()).toEqual(['contributing.md', 'guides/experiments/index.md', 'guides/flags/percentage-rollouts.md', 'reference/api/README.md']);
    // The image stays where the tree has it: known by the sha256 push wrote into its comment, not downloaded.
    expect(json.attachments).toEqual({ downloaded: 0, kept: 1 });
    expect(ws.read('guides/flags/percentage-rollouts.md')).toContain('![Rollout over two weeks](images/rollout-chart.png)');
    expect(localFiles(ws)['guides/flags/percentage-rollouts.assets/rollout-chart.png']).toBeUndefined();

    const contributing = parseSource('contributing.md', ws.read('contributing.md'));
    expect('file' in contributing && contributing.file.frontmatter).toMatchObject({ title: 'Contributing to the docs', parent: 'getting-started/index.md' });
    expect(ws.read('contributing.md')).toContain('Contributions welcome, edited in Confluence.');
    expect(ws.read('reference/api/README.md')).toContain('The API, edited in Confluence.');
    expect(ws.read('guides/experiments/index.md')).toMatch(/^---\npageId: "\d+"\ntitle: "experiments"\n---\n\nAbout experiments\.\n$/);
    expect(Object.keys(ws.lock().pages)).toContain('guides/experiments/index.md');
    expect(Object.keys(ws.lock().pages)).not.toContain('guides/experiments/');

    const after = await push(pe, ws);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(writesByRoute(after.requests)).toEqual({});
    const again = await pull();
    expect(report(again.stdout).written).toEqual([]);
  }, 90_000);
});
