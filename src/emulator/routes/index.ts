import type { Router } from '../router.js';
import { registerPages } from './pages.js';
import { registerSpaces } from './spaces.js';

/** Every v2 route module (base `/wiki/api/v2`). */
export function registerV2(router: Router): void {
  registerSpaces(router);
  registerPages(router);
}

/** Every v1 route module (base `/wiki/rest/api`). */
export function registerV1(router: Router): void {
  void router;
}
