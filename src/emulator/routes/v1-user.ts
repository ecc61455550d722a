import { ok } from '../http-types.js';
import type { Router } from '../router.js';
import { userView } from '../v1-views.js';

/**
 * `GET /user/current` ([V1] `getCurrentUser`): the caller as a v1 `User`. Bad credentials never reach
 * it: server.ts answers 403 `caller cannot access Confluence` (obs 2026-08-21, [MF-api]).
 */
export function registerV1User(router: Router): void {
  router.get('/user/current', (req) => ok(userView(req.site, req.user, req.user.accountId)));
}
