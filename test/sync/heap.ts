import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The heap in use after a full collection, which frees exactly what nothing refers to: what tests
 * of what a value keeps alive measure (no timing involved).
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

export const MB = 1024 * 1024;
