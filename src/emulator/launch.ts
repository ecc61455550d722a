import { readFile } from 'node:fs/promises';
import type { Credentials } from './auth.js';
import { demoSeed } from './demo.js';
import type { FaultOptions } from './faults.js';
import type { Fidelity } from './options.js';
import { StateWriter, loadStateFile, serializeSites } from './persistence.js';
import { SeedError, parseSeedText, type Seed } from './seed.js';
import { Emulator } from './server.js';

/**
 * Starts an emulator the way `confluence-sync serve` runs it: start data (a seed, else the demo
 * data, unless turned off), optional persistence to a data file, faults and fidelity options.
 */
export interface LaunchOptions {
  /** 0 (default): a free port. */
  readonly port?: number;
  readonly credentials: Credentials;
  /** Keep the state in this JSON file: loaded at start if it exists, written after each change. */
  readonly dataFile?: string;
  /** Start data; without it the demo data is loaded unless `demo` is false. */
  readonly seed?: Seed;
  /** Where the seed came from (its file), for error messages. */
  readonly seedSource?: string;
  readonly demo?: boolean;
  readonly faults?: Partial<FaultOptions>;
  readonly fidelity?: Partial<Fidelity>;
  /** How long after a change the data file is written (a burst of changes is one write). */
  readonly persistDelayMs?: number;
  readonly onPersistError?: (error: Error) => void;
}

export interface RunningEmulator {
  readonly emulator: Emulator;
  /** `http://127.0.0.1:N` */
  readonly url: string;
  readonly cloudId: string;
  /** Where the state came from at start. */
  readonly startedFrom: 'data-file' | 'seed' | 'demo' | 'empty';
  /** How many times the data file has been written (0 without one). */
  dataWrites(): number;
  /** Writes pending changes to the data file now (no-op without one). */
  flush(): Promise<void>;
  /** Stops listening, then flushes the data file. */
  close(): Promise<void>;
}

/** Reads and validates a seed file; errors name the file, the JSON path and what to fix. */
export async function readSeedFile(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedError(path, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseSeedText(text, path);
}

export async function launchEmulator(options: LaunchOptions): Promise<RunningEmulator> {
  const initialData = options.seed ?? (options.demo === false ? undefined : demoSeed);
  let writer: StateWriter | undefined;
  let emulator: Emulator;
  try {
    emulator = new Emulator({
      port: options.port ?? 0,
      credentials: options.credentials,
      fidelity: options.fidelity,
      faults: options.faults,
      initialData,
      onChange: () => writer?.schedule(),
    });
  } catch (error) {
    // The seed passed validation but broke an API rule while loading: name its file.
    if (error instanceof SeedError && options.seedSource !== undefined) throw new SeedError(options.seedSource, error.problems);
    throw error;
  }
  let startedFrom: RunningEmulator['startedFrom'] = options.seed ? 'seed' : initialData ? 'demo' : 'empty';
  if (options.dataFile !== undefined) {
    const file = options.dataFile;
    if (await loadStateFile(file, emulator.sites)) startedFrom = 'data-file';
    writer = new StateWriter(file, () => serializeSites(emulator.sites), { delayMs: options.persistDelayMs, onError: options.onPersistError });
    // A new data file exists from the start, holding the start data.
    if (startedFrom !== 'data-file') {
      writer.schedule();
      await writer.flush();
    }
  }
  const url = await emulator.listen();
  return {
    emulator,
    url,
    cloudId: emulator.defaultSite.cloudId,
    startedFrom,
    dataWrites: () => writer?.writes ?? 0,
    flush: async () => writer?.flush(),
    close: async () => {
      await emulator.close();
      await writer?.flush();
    },
  };
}
