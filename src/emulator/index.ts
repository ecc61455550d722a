/**
 * The emulator's public entry: a local Confluence Cloud for tests, benchmarks and the demo
 * (docs/emulator.md). Everything else in `src/emulator/` is internal.
 */
export { Emulator, startEmulator, DEFAULT_CLOUD_ID, type EmulatorOptions, type MatonConnection, type SiteConfig } from './server.js';
export type { Credentials } from './auth.js';
export { defaultFidelity, type Fidelity } from './options.js';
export { noFaults, type FaultOptions, type QueuedFault } from './faults.js';
export { FidelityFlagError, parseFidelityPairs } from './fidelity-flags.js';
export { launchEmulator, readSeedFile, type LaunchOptions, type RunningEmulator } from './launch.js';
export { StateFileError } from './persistence.js';
export {
  SeedError,
  parseSeed,
  parseSeedText,
  type Seed,
  type SeedAttachment,
  type SeedBlogPost,
  type SeedHomepage,
  type SeedNode,
  type SeedSpace,
  type SeedUpdate,
} from './seed.js';
export { applySeed, type SeedResult } from './seed-apply.js';
export { demoSeed } from './demo.js';
