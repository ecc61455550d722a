import type { ApiRequest, ApiResponse } from './http-types.js';

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
}

export type Match =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Record<string, string>; readonly pattern: string }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[]; readonly pattern: string }
  | { readonly kind: 'none' };

/** A method + path-pattern table. Patterns use `{name}` segments, as the OpenAPI paths do. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }
  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }
  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler);
  }
  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler);
  }

  match(method: string, path: string): Match {
    const parts = split(path);
    const allow: string[] = [];
    let allowPattern = '';
    // Literal segments win over parameters (`/pages/{id}/title` vs. `/pages/{id}/{x}`).
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method.toUpperCase() && !(method.toUpperCase() === 'HEAD' && route.method === 'GET')) {
        allow.push(route.method);
        allowPattern = route.pattern;
        continue;
      }
      const score = route.segments.filter((s) => !s.startsWith('{')).length;
      if (!best || score > best.score) best = { route, params, score };
    }
    if (best) return { kind: 'found', handler: best.route.handler, params: best.params, pattern: best.route.pattern };
    if (allow.length > 0) return { kind: 'method-not-allowed', allow: [...new Set(allow)], pattern: allowPattern };
    return { kind: 'none' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith('{') && p.endsWith('}')) {
      try {
        params[p.slice(1, -1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}
