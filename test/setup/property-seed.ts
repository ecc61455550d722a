import fc from 'fast-check';

/**
 * Property tests explore new inputs on every local run (a random seed, printed with any
 * counterexample). In CI (`CI` set) they replay one fixed seed, so that a pipeline fails only on
 * a change of ours and never on a newly drawn input; `PROPERTY_SEED` replays any seed locally.
 * A counterexample found locally becomes a golden fixture (fixtures/to-markdown, fixtures/to-storage).
 */
const seed = process.env.PROPERTY_SEED ?? (process.env.CI ? '20261128' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
