import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server.js';
import { createSpace } from '../../src/emulator/routes/spaces.js';
import { assertContract } from './contract.js';

/** Test credentials: fake values, never real secrets. */
export const testCredentials = {
  apiTokens: [{ email: 'writer@example.com', token: 'test-api-token-123' }],
  accessTokens: ['test-oauth-access-token'],
  matonKeys: ['test-maton-key'],
  classicScopeTokens: ['test-classic-only-token'],
} as const;

export const basicAuth = `Basic ${Buffer.from('writer@example.com:test-api-token-123').toString('base64')}`;

export interface Harness {
  readonly emulator: Emulator;
  readonly base: string;
  /** The id of the `DEMO` space created for the test. */
  readonly spaceId: string;
  readonly homepageId: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  close(): Promise<void>;
}

/** Starts an emulator on a free port with a `DEMO` space. */
export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const emulator = await startEmulator({ credentials: testCredentials, ...options });
  const space = createSpace(emulator.defaultSite, emulator.user, { key: 'DEMO', name: 'Demo' });
  const base = emulator.url;
  return {
    emulator,
    base,
    spaceId: space.id,
    homepageId: space.homepageId!,
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: basicAuth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      // Every answer must match Atlassian's OpenAPI description of its route and status (test/emulator/contract.ts).
      // After a followed redirect, the answer is the target's: check it under the target's path.
      const answered = response.redirected ? `${new URL(response.url).pathname}${new URL(response.url).search}` : path;
      assertContract({ method, path: answered, status: response.status, contentType: response.headers.get('content-type'), text });
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    close: () => emulator.close(),
  };
}
