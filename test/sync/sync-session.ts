import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createClient, type ConfluenceClient } from '../../src/client/index.js';
import { startHarness, testCredentials, type Harness } from '../emulator/harness.js';

/** The temporary folder when this module loads (a test may point TMPDIR elsewhere afterwards). */
const baseTmp = tmpdir();

export interface SyncSession {
  /** Starts an emulator (loaded with `seed` when given) and a client on it. */
  start(seed?: unknown): Promise<{ readonly h: Harness; readonly client: ConfluenceClient }>;
  /** A new empty folder under the system's temporary folder. */
  tempDir(prefix: string): string;
}

/**
 * An emulator with a client on it, and temporary folders, for in-process tests of push and pull:
 * after each test of the file that calls this, the client and the emulator are closed and the
 * folders removed.
 */
export function syncSession(): SyncSession {
  let h: Harness | undefined;
  let client: ConfluenceClient | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await client?.close();
    await h?.close();
    client = undefined;
    h = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async start(seed) {
      h = await startHarness();
      if (seed !== undefined) {
        const seeded = await h.call('POST', '/__emulator/seed', seed);
        expect(seeded.status, seeded.text).toBe(201);
      }
      client = await createClient({ auth: { mode: 'api-token', baseUrl: `${h.base}/wiki`, email: 'writer@example.com', token: testCredentials.apiTokens[0].token } });
      return { h, client };
    },
    tempDir(prefix) {
      const dir = mkdtempSync(join(baseTmp, prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
