import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../../client/index.js';
import { configSchema } from '../../config/schema.js';
import { launchEmulator } from '../../emulator/index.js';
import { countPlan, renderPlanText, summary } from '../../plan/render.js';
import { pull } from '../../sync/pull.js';
import { push } from '../../sync/push.js';

const DEMO_DOCS = fileURLToPath(new URL('../../../fixtures/docs-demo', import.meta.url));

/**
 * `confluence-sync demo`: publishes the demo docs tree to an embedded emulator, shows the plan, the
 * pages and their URLs, then pushes again (nothing to do) and after an edit (one update), and pulls
 * the space into an empty folder (and again: nothing to write), printing the requests each run cost.
 * Nothing leaves 127.0.0.1; the temporary folders are deleted afterwards.
 */
export async function runDemo(flags: { serve?: boolean }): Promise<void> {
  const email = 'demo@example.com';
  const token = `demo-${randomBytes(12).toString('hex')}`;
  const running = await launchEmulator({ credentials: { apiTokens: [{ email, token }], accessTokens: [], matonKeys: [] }, seed: { spaces: [{ key: 'DOCS', name: 'Product documentation' }] } });
  const work = await mkdtemp(join(tmpdir(), 'confluence-sync-demo-'));
  const out = (line = '') => process.stdout.write(`${line}\n`);
  try {
    await cp(DEMO_DOCS, join(work, 'docs'), { recursive: true });
    const config = configSchema.parse({ space: 'DOCS', docs: 'docs' });
    const client = await createClient({ auth: { mode: 'api-token', baseUrl: `${running.url}/wiki`, email, token } });
    const counters = running.emulator.counters;
    const run = async (label: string) => {
      counters.reset();
      const started = performance.now();
      const urls: string[] = [];
      const result = await push({
        config,
        baseDir: work,
        client,
        dryRun: false,
        force: false,
        onEvent: (event) => {
          if (event.type === 'done' && event.url) urls.push(`  ${event.action.path.padEnd(40)} ${event.url}`);
        },
      });
      const ms = Math.round(performance.now() - started);
      out(`== ${label}: ${summary(countPlan(result.plan))}`);
      out(`   ${counters.snapshot().total} requests, ${ms} ms`);
      return { result, urls };
    };
    out(`Embedded Confluence emulator on ${running.url} (space DOCS); demo docs copied to ${work}/docs\n`);
    const first = await run('first push');
    out(renderPlanText(first.result.plan));
    out('Published pages:');
    for (const line of first.urls.sort()) out(line);
    out();
    await run('second push, nothing changed');
    const file = join(work, 'docs', 'index.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\nEdited for the demo.\n`);
    const third = await run('push after editing index.md');
    out(renderPlanText(third.result.plan));

    // The other direction: the space into an empty folder, as a team starting from Confluence would.
    const pulled = join(work, 'pulled');
    const pullConfig = configSchema.parse({ space: 'DOCS', docs: 'docs' });
    const pullOnce = async (label: string) => {
      counters.reset();
      const started = performance.now();
      const result = await pull({ config: pullConfig, baseDir: pulled, client, dryRun: false, force: false, includeBlogposts: false });
      out(`== ${label}: ${result.written.length} files written, ${result.attachments.downloaded} attachments downloaded, ${result.failed.length} failed`);
      out(`   ${counters.snapshot().total} requests, ${Math.round(performance.now() - started)} ms`);
      return result;
    };
    const firstPull = await pullOnce(`pull into ${pulled}/docs`);
    for (const path of [...firstPull.written].sort().slice(0, 8)) out(`  ${path}`);
    if (firstPull.written.length > 8) out(`  … and ${firstPull.written.length - 8} more`);
    await pullOnce('pull again, nothing changed');
    await client.close();
    if (flags.serve) {
      out(`The emulator keeps running: try\n  curl -u '${email}:${token}' '${running.url}/wiki/api/v2/spaces?keys=DOCS'\nStop with Ctrl+C.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
  } finally {
    await running.close();
    await rm(work, { recursive: true, force: true });
  }
}
