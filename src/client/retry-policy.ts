/**
 * When to retry, and how long to wait: a pure function, so that every rule has a unit test.
 *
 * - 429: the request was refused before it was processed, so every method may be retried; wait as
 *   `Retry-After` says (seconds or an HTTP date, clamped), else exponential backoff with jitter.
 *   A wait that would end after the run's deadline is not waited: the caller stops with a message
 *   saying when to retry (an hourly points quota can ask for most of an hour).
 * - 5xx, connection resets and timeouts: the request may or may not have been applied, so only
 *   idempotent methods are retried here. A create (POST) is never retried blindly: the caller looks
 *   the page up first (see `routes/pages.ts`).
 */
export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest `Retry-After` honoured before giving up on the request (also bounded by the deadline). */
  readonly maxRetryAfterMs: number;
}

export const defaultRetrySettings: RetrySettings = {
  maxRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 15 * 60_000,
};

export const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Network failures after which an idempotent request is retried. */
export const RETRIABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export interface Attempt {
  readonly method: string;
  /** The HTTP status, or undefined for a network failure. */
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryAfter: string | undefined;
  /** 1 for the first retry. */
  readonly retry: number;
  /** Milliseconds left until the deadline (Infinity without one). */
  readonly remainingMs: number;
  /** Wall clock now, for HTTP-date `Retry-After`. */
  readonly now: number;
  /** A number in [0, 1) for jitter. */
  readonly random: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'not-retriable' | 'exhausted' | 'beyond-deadline'; readonly waitMs?: number };

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds, clamping nonsense. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds < 0 ? undefined : Math.min(seconds * 1000, Number.MAX_SAFE_INTEGER);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function backoffMs(retry: number, settings: RetrySettings, random: number): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  // Jitter between 0.7 and 1.3 of the delay (Atlassian's advice).
  return Math.round(exponential * (0.7 + 0.6 * random));
}

export function decideRetry(attempt: Attempt, settings: RetrySettings = defaultRetrySettings): RetryDecision {
  const throttled = attempt.status === 429;
  const transient =
    (attempt.status !== undefined && (attempt.status === 500 || attempt.status === 502 || attempt.status === 503 || attempt.status === 504)) ||
    (attempt.status === undefined && attempt.code !== undefined && RETRIABLE_CODES.has(attempt.code));
  if (!throttled && !(transient && IDEMPOTENT.has(attempt.method))) return { retry: false, reason: 'not-retriable' };
  if (attempt.retry > settings.maxRetries) return { retry: false, reason: 'exhausted' };
  const asked = retryAfterMs(attempt.retryAfter, attempt.now);
  const delayMs = asked !== undefined ? asked : backoffMs(attempt.retry, settings, attempt.random);
  if (asked !== undefined && asked > settings.maxRetryAfterMs) return { retry: false, reason: 'beyond-deadline', waitMs: asked };
  if (delayMs >= attempt.remainingMs) return { retry: false, reason: 'beyond-deadline', waitMs: delayMs };
  return { retry: true, delayMs };
}
