import { randomBytes } from 'node:crypto';
import {
  FidelityFlagError,
  SeedError,
  StateFileError,
  launchEmulator,
  parseFidelityPairs,
  readSeedFile,
  type Credentials,
  type FaultOptions,
  type LaunchOptions,
  type RunningEmulator,
} from '../../emulator/index.js';
import { credentialVariables, readCredentialEnv, type CredentialEnv } from '../env.js';
import { CliError, ExitCode } from '../errors.js';

export interface ServeFlags {
  readonly port?: string;
  readonly data?: string;
  readonly seed?: string;
  readonly latency?: string;
  readonly jitter?: string;
  readonly rateLimit?: string;
  readonly rateLimitBurst?: string;
  readonly errorRate?: string;
  readonly throttleRate?: string;
  readonly resetRate?: string;
  readonly faultSeed?: string;
  readonly betaRateLimitHeaders?: boolean;
  readonly demo: boolean;
  readonly fidelity?: readonly string[];
}

/** `confluence-sync serve`: the local Confluence Cloud emulator on 127.0.0.1 (docs/emulator.md, "Running the emulator"). */
export async function runServe(flags: ServeFlags): Promise<void> {
  const options = await launchOptions(flags, readCredentialEnv(process.env));
  const running = await start(options.launch, flags.port ?? '0');
  process.stdout.write(banner(running, options));
  await stopSignal();
  await running.close();
  process.stdout.write('Emulator stopped.\n');
}

interface Prepared {
  readonly launch: LaunchOptions;
  /** How each credential is shown: its value if generated, its variable if it came from the environment. */
  readonly shown: { readonly email: string; readonly apiToken: string; readonly accessToken: string; readonly matonKey: string };
  readonly fromEnv: { readonly apiToken: boolean; readonly accessToken: boolean; readonly matonKey: boolean };
  readonly seedFile: string | undefined;
  readonly dataFile: string | undefined;
}

async function launchOptions(flags: ServeFlags, env: CredentialEnv): Promise<Prepared> {
  const port = integer('--port', flags.port ?? '0', 0, 65_535);
  const faults: Partial<FaultOptions> = {
    ...(flags.latency !== undefined ? { latencyMs: integer('--latency', flags.latency, 0, 600_000) } : {}),
    ...(flags.jitter !== undefined ? { jitterMs: integer('--jitter', flags.jitter, 0, 600_000) } : {}),
    ...(flags.errorRate !== undefined ? { errorRate: share('--error-rate', flags.errorRate) } : {}),
    ...(flags.throttleRate !== undefined ? { throttleRate: share('--throttle-rate', flags.throttleRate) } : {}),
    ...(flags.resetRate !== undefined ? { resetRate: share('--reset-rate', flags.resetRate) } : {}),
    ...(flags.faultSeed !== undefined ? { seed: integer('--fault-seed', flags.faultSeed, 0, 2 ** 32 - 1) } : {}),
    ...(flags.betaRateLimitHeaders ? { betaRateLimitHeaders: true } : {}),
  };
  if (flags.rateLimitBurst !== undefined && flags.rateLimit === undefined) throw usage('--rate-limit-burst needs --rate-limit');
  if (flags.rateLimit !== undefined) {
    const perSecond = perSecondRate(flags.rateLimit);
    const capacity = flags.rateLimitBurst !== undefined ? integer('--rate-limit-burst', flags.rateLimitBurst, 1, 1_000_000) : Math.max(1, Math.ceil(perSecond));
    Object.assign(faults, { rateLimit: { perSecond, capacity } });
  }
  let fidelity;
  try {
    fidelity = parseFidelityPairs(flags.fidelity ?? []);
  } catch (error) {
    if (error instanceof FidelityFlagError) throw usage(`--fidelity ${error.message}`);
    throw error;
  }
  if (env.apiToken !== undefined && env.email === undefined) {
    throw usage(`${credentialVariables.apiToken} is set but ${credentialVariables.email} is not: set both, or neither to get generated credentials`);
  }
  const email = env.email ?? 'emulator@example.com';
  const apiToken = env.apiToken ?? generated('emu-api');
  const accessToken = env.accessToken ?? generated('emu-oauth');
  const matonKey = env.matonKey ?? generated('emu-maton');
  const credentials: Credentials = { apiTokens: [{ email, token: apiToken }], accessTokens: [accessToken], matonKeys: [matonKey] };
  let seed;
  if (flags.seed !== undefined) {
    try {
      seed = await readSeedFile(flags.seed);
    } catch (error) {
      if (error instanceof SeedError) throw new CliError(error.message, ExitCode.failure);
      throw error;
    }
  }
  const showEnv = (name: string) => `(from ${name})`;
  return {
    launch: { port, credentials, dataFile: flags.data, seed, seedSource: flags.seed, demo: flags.demo, faults, fidelity, onPersistError: (e) => process.stderr.write(`confluence-sync serve: could not save ${flags.data}: ${e.message}\n`) },
    shown: {
      email,
      apiToken: env.apiToken !== undefined ? showEnv(credentialVariables.apiToken) : apiToken,
      accessToken: env.accessToken !== undefined ? showEnv(credentialVariables.accessToken) : accessToken,
      matonKey: env.matonKey !== undefined ? showEnv(credentialVariables.matonKey) : matonKey,
    },
    fromEnv: { apiToken: env.apiToken !== undefined, accessToken: env.accessToken !== undefined, matonKey: env.matonKey !== undefined },
    seedFile: flags.seed,
    dataFile: flags.data,
  };
}

async function start(options: LaunchOptions, portFlag: string): Promise<RunningEmulator> {
  try {
    return await launchEmulator(options);
  } catch (error) {
    if (error instanceof StateFileError || error instanceof SeedError) throw new CliError(error.message, ExitCode.failure);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`--port ${portFlag}: the port is already in use on 127.0.0.1; choose another, or 0 for a free one`, ExitCode.failure);
    if (code === 'EACCES') throw new CliError(`--port ${portFlag}: not allowed to listen on this port; choose one above 1023, or 0`, ExitCode.failure);
    throw error;
  }
}

function banner(running: RunningEmulator, prepared: Prepared): string {
  const { url, cloudId, startedFrom } = running;
  const { shown, fromEnv } = prepared;
  const data = {
    'data-file': `state loaded from ${prepared.dataFile}`,
    seed: `seed ${prepared.seedFile}`,
    demo: 'demo data: space DEMO',
    empty: 'no data',
  }[startedFrom];
  const basic = fromEnv.apiToken ? `"$${credentialVariables.email}:$${credentialVariables.apiToken}"` : `'${shown.email}:${shown.apiToken}'`;
  const lines = [
    `Confluence Cloud emulator on ${url} (${data}${prepared.dataFile ? `; changes are saved to ${prepared.dataFile}` : ''})`,
    '',
    'Site (API token, Basic auth):',
    `  base URL   ${url}/wiki`,
    `  email      ${shown.email}`,
    `  API token  ${shown.apiToken}`,
    'OAuth 2.0 through the api.atlassian.com form (Bearer):',
    `  base URL   ${url}/ex/confluence/${cloudId}/wiki`,
    `  token      ${shown.accessToken}`,
    'Maton gateway (Bearer):',
    `  base URL   ${url}/confluence/ex/confluence/${cloudId}/wiki`,
    `  API key    ${shown.matonKey}`,
    `Cloud ID: ${cloudId}`,
    '',
    'For confluence-sync in another terminal:',
    `  export CONFLUENCE_BASE_URL=${url}/wiki`,
    `  export CONFLUENCE_API_BASE=${url}      # OAuth: api.atlassian.com stand-in`,
    `  export MATON_GATEWAY_URL=${url}        # Maton: gateway stand-in`,
    ...(fromEnv.apiToken ? [] : [`  export ${credentialVariables.email}='${shown.email}' ${credentialVariables.apiToken}='${shown.apiToken}'`]),
    '',
    'Try:',
    `  curl -u ${basic} '${url}/wiki/api/v2/spaces${startedFrom === 'demo' ? '?keys=DEMO' : ''}'`,
    `Admin API (no auth): ${url}/__emulator/state`,
    'Stop with Ctrl+C.',
    '',
  ];
  return lines.join('\n');
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** A throwaway emulator credential (only valid against this emulator; printing it is the point). */
function generated(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

function usage(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw usage(`${flag} must be a whole number from ${min} to ${max} (got '${raw}')`);
  return n;
}

function share(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw usage(`${flag} must be a number from 0 to 1, e.g. 0.05 (got '${raw}')`);
  return n;
}

function perSecondRate(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*s)?\s*$/.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  if (!(n > 0) || n > 1_000_000) throw usage(`--rate-limit must be requests per second, e.g. 10/s or 0.5/s (got '${raw}')`);
  return n;
}
