import { ok } from '../http-types.js';
import type { Router } from '../router.js';
import type { Emulator } from '../server.js';

/** The admin API under `/__emulator/` (no auth, no faults, not counted). */
export function registerAdmin(router: Router, emulator: Emulator): void {
  router.get('/requests', () => ok(emulator.counters.snapshot()));
  router.delete('/requests', () => {
    emulator.counters.reset();
    return { status: 204 };
  });
}
