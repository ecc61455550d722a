/**
 * The module each thread of the conversion pool (convert-pool.ts) loads: piscina calls the default
 * export with each task. All the work is in convert-tasks.ts, shared with the main thread.
 */
import { runTask } from './convert-tasks.js';

export default runTask;
