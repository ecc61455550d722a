/**
 * The routes the emulator registers, found by running its registration functions against a router
 * that records them, and the documented operation each corresponds to.
 */
import { Router, type Handler } from '../../src/emulator/router.js';
import { routesNotInSpec } from './allow-lists.js';
import { loadSpec, sameShape, type Family } from './spec.js';

export interface RegisteredRoute {
  readonly family: Family;
  readonly method: string;
  /** Full site path with the emulator's parameter names: `/wiki/api/v2/pages/{page-id}/versions/{version-number}`. */
  readonly template: string;
}

class RecordingRouter extends Router {
  readonly recorded: Array<{ method: string; pattern: string }> = [];
  override add(method: string, pattern: string, handler: Handler): this {
    this.recorded.push({ method: method.toUpperCase(), pattern });
    return super.add(method, pattern, handler);
  }
}

const prefixes: Record<Family, string> = { v2: '/wiki/api/v2', v1: '/wiki/rest/api' };

/** The routes a registration function (e.g. `registerV2`, `registerPages`) adds. */
export function routesOf(family: Family, register: (router: Router) => void): RegisteredRoute[] {
  const router = new RecordingRouter();
  register(router);
  return router.recorded.map((r) => ({ family, method: r.method, template: `${prefixes[family]}${r.pattern}` }));
}

/** The documented template of a registered route, or the allow-listed one, or undefined when neither knows it. */
export function documentedTemplate(route: RegisteredRoute): { template: string; source: 'spec' | 'allow-list' } | undefined {
  const spec = loadSpec(route.family);
  const inSpec = Object.entries(spec.paths).find(([template, ops]) => sameShape(template, route.template) && ops[route.method.toLowerCase()] !== undefined);
  if (inSpec) return { template: inSpec[0], source: 'spec' };
  const listed = routesNotInSpec.find((r) => r.family === route.family && r.method === route.method && sameShape(r.template, route.template));
  return listed ? { template: listed.template, source: 'allow-list' } : undefined;
}

export const routeName = (r: RegisteredRoute): string => `${r.family} ${r.method} ${r.template}`;
