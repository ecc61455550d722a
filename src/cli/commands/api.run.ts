import { readFile } from 'node:fs/promises';
import { CliError, ExitCode } from '../errors.js';
import { METHODS } from './api.js';
import { clientFromEnv } from '../client-from-env.js';
import { withClientErrors } from '../client-errors.js';

export interface ApiFlags {
  readonly data?: string;
  readonly query: string[];
  readonly paginate?: boolean;
  readonly v1?: boolean;
  readonly header: string[];
}


/** `/pages` → `/wiki/api/v2/pages` (or `/wiki/rest/api/...` with --v1); `/wiki/...` is taken as is. */
export function apiPath(path: string, v1: boolean): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (clean.startsWith('/wiki/')) return clean;
  return `${v1 ? '/wiki/rest/api' : '/wiki/api/v2'}${clean}`;
}

export function parseQuery(pairs: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--query expects key=value (got '${pair}')`, ExitCode.usage);
    query[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return query;
}

async function readData(data: string | undefined): Promise<unknown> {
  if (data === undefined) return undefined;
  const text = data.startsWith('@') ? await readFile(data.slice(1), 'utf8').catch((error: Error) => {
    throw new CliError(`Cannot read --data file ${data.slice(1)}: ${error.message}`, ExitCode.usage);
  }) : data;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`--data is not valid JSON${data.startsWith('@') ? ` (${data.slice(1)})` : ''}: ${(error as Error).message}`, ExitCode.usage);
  }
}

export async function runApi(method: string, path: string, flags: ApiFlags): Promise<void> {
  const verb = method.toUpperCase();
  if (!METHODS.includes(verb)) throw new CliError(`Unknown method '${method}': use one of ${METHODS.join(', ')}`, ExitCode.usage);
  const json = await readData(flags.data);
  const headers: Record<string, string> = {};
  for (const h of flags.header) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new CliError(`--header expects name:value (got '${h}')`, ExitCode.usage);
    headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  const client = await clientFromEnv(process.env);
  try {
    await withClientErrors(async () => {
      const [route, inlineQuery] = apiPath(path, Boolean(flags.v1)).split('?', 2) as [string, string | undefined];
      const query = { ...Object.fromEntries(new URLSearchParams(inlineQuery ?? '')), ...parseQuery(flags.query) };
      if (flags.paginate) {
        if (verb !== 'GET') throw new CliError('--paginate works with GET only', ExitCode.usage);
        for await (const item of client.http.paginate(route, query)) process.stdout.write(`${JSON.stringify(item)}\n`);
        return;
      }
      const response = await client.http.request(verb, route, { query, json, headers });
      const body = response.body;
      if (body === undefined || (Buffer.isBuffer(body) && body.length === 0)) return;
      process.stdout.write(Buffer.isBuffer(body) ? body : `${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}\n`);
    });
  } finally {
    await client.close();
  }
}
