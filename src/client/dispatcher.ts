import { Agent, interceptors, type Dispatcher } from 'undici';
import { decideRetry, defaultRetrySettings, type RetrySettings } from './retry-policy.js';

/** What the dispatcher reports about retries (for logs and the adaptive concurrency limit). */
export type RetryEvent =
  | { readonly kind: 'retry'; readonly method: string; readonly path: string; readonly status: number | undefined; readonly code: string | undefined; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'throttled'; readonly method: string; readonly path: string };

export interface DispatcherOptions {
  readonly retry?: RetrySettings;
  /** Epoch milliseconds by which the run must end; waits beyond it are not made. */
  readonly deadline?: number;
  /** Connections per origin in the pool. */
  readonly connections?: number;
  /** Time to the response headers and between body chunks, per attempt. */
  readonly attemptTimeoutMs?: number;
  readonly onEvent?: (event: RetryEvent) => void;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * One pooled keep-alive undici Agent composed with undici's retry interceptor, whose decisions are
 * made by `decideRetry` (retry-policy.ts). Everything the client sends goes through it.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const settings = options.retry ?? defaultRetrySettings;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timeout = options.attemptTimeoutMs ?? 60_000;
  const agent = new Agent({
    connections: options.connections ?? 32,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    connect: { timeout: Math.min(timeout, 30_000) },
  });
  return agent.compose(
    interceptors.retry({
      throwOnError: false,
      maxRetries: settings.maxRetries,
      statusCodes: [429, 500, 502, 503, 504],
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
      retry(err, { state, opts }, callback) {
        const e = err as Error & { statusCode?: number; code?: string; headers?: Record<string, string | string[] | undefined> };
        const status = e.code === 'UND_ERR_REQ_RETRY' ? e.statusCode : undefined;
        const header = e.headers?.['retry-after'];
        const method = String(opts.method).toUpperCase();
        const path = String(opts.path ?? '').split('?')[0] ?? '';
        if (status === 429) options.onEvent?.({ kind: 'throttled', method, path });
        const decision = decideRetry(
          {
            method,
            status,
            code: status === undefined ? e.code : undefined,
            retryAfter: Array.isArray(header) ? header[0] : header,
            retry: state.counter,
            remainingMs: options.deadline === undefined ? Infinity : options.deadline - now(),
            now: now(),
            random: random(),
          },
          settings,
        );
        if (!decision.retry) {
          callback(err);
          return;
        }
        options.onEvent?.({ kind: 'retry', method, path, status, code: e.code, attempt: state.counter, delayMs: decision.delayMs });
        setTimeout(() => callback(null), decision.delayMs);
      },
    }),
  );
}
