import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import type { FaultOptions } from '../../src/emulator/faults.js';
import { createSpace } from '../../src/emulator/routes/spaces.js';
import { startEmulator } from '../../src/emulator/server.js';
import { testCredentials } from '../emulator/harness.js';

export interface WorkloadResult {
  /** Every page at the end: title, version and body, sorted by title. */
  readonly pages: ReadonlyArray<{ title: string; version: number; body: string }>;
  readonly requests: number;
  readonly byRoute: Record<string, number>;
  readonly retries: number;
  readonly wallMs: number;
}

/**
 * A fixed client workload against a fresh emulator with the given faults: create `pages` pages,
 * update each once, list them all, read each back. The result describes the final state, so a run
 * with faults can be compared with a fault-free one.
 */
export async function runWorkload(pages: number, faults: Partial<FaultOptions>, concurrency = 8): Promise<WorkloadResult> {
  const emulator = await startEmulator({ credentials: testCredentials, faults: { seed: 7, ...faults } });
  const space = createSpace(emulator.defaultSite, emulator.user, { key: 'LOAD', name: 'Load' });
  let retries = 0;
  let client: ConfluenceClient | undefined;
  const started = performance.now();
  try {
    client = await createClient({
      auth: { mode: 'api-token', baseUrl: `${emulator.url}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token },
      concurrency,
      retry: { maxRetries: 10, baseDelayMs: 50, maxDelayMs: 1000, maxRetryAfterMs: 5000 },
      onRetry: (event) => {
        if (event.kind === 'retry') retries++;
      },
    });
    const c = client;
    const created = await Promise.all(Array.from({ length: pages }, (_, i) => c.pages.create({ spaceId: space.id, title: `Page ${String(i).padStart(4, '0')}`, body: `<p>first ${i}</p>` })));
    await Promise.all(created.map((p, i) => c.pages.update(p.id, { title: p.title, body: `<p>second ${i}</p>`, version: 2, message: `update ${i}` })));
    const listed: string[] = [];
    for await (const p of c.pages.inSpace(space.id)) listed.push(p.id);
    const read = await Promise.all(listed.map((id) => c.pages.get(id, { bodyFormat: 'storage' })));
    const wallMs = performance.now() - started;
    const counters = emulator.counters.snapshot();
    return {
      pages: read.map((p) => ({ title: p.title, version: p.version?.number ?? 0, body: p.body?.storage?.value ?? '' })).sort((a, b) => (a.title < b.title ? -1 : 1)),
      requests: counters.total,
      byRoute: counters.byRoute,
      retries,
      wallMs,
    };
  } finally {
    await client?.close();
    await emulator.close();
  }
}
