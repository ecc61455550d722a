import { redact } from './redact.js';

/** What went wrong, in the words of the API and of the request (never with a secret). */
export interface ConfluenceErrorDetails {
  readonly method: string;
  /** The request path below the site (`/wiki/api/v2/pages/1`), without query secrets. */
  readonly path: string;
  readonly status: number | undefined;
  /** Confluence's own message (v2 `errors[0].title`, v1 `message`, gateway `message`). */
  readonly apiMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly hint: string | undefined;
  /** For network failures: the undici/Node error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, …). */
  readonly code?: string;
  /** The parsed body, when it was JSON. */
  readonly body?: unknown;
}

/** The one error type of the client. Its message is safe to print. */
export class ConfluenceError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly hint: string | undefined;
  readonly code: string | undefined;
  readonly body: unknown;

  constructor(details: ConfluenceErrorDetails) {
    const what = details.status !== undefined ? `${details.status}` : (details.code ?? 'network error');
    const parts = [`${details.method} ${details.path} failed: ${what}`];
    if (details.apiMessage) parts[0] += ` ${details.apiMessage}`;
    if (details.requestId) parts.push(`(request id ${details.requestId})`);
    if (details.hint) parts.push(`\nhint: ${details.hint}`);
    super(redact(parts.join(' ')));
    this.name = 'ConfluenceError';
    this.method = details.method;
    this.path = redact(details.path);
    this.status = details.status;
    this.apiMessage = details.apiMessage === undefined ? undefined : redact(details.apiMessage);
    this.requestId = details.requestId;
    this.hint = details.hint;
    this.code = details.code;
    this.body = details.body;
  }

  /** True when the request may or may not have been applied (network failure, 5xx, timeout). */
  get ambiguous(): boolean {
    return this.status === undefined || this.status >= 500;
  }
}

/** Confluence's message from any of its error bodies. */
export function apiMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    const first = b.errors[0] as Record<string, unknown>;
    const title = typeof first.title === 'string' ? first.title : undefined;
    const detail = typeof first.detail === 'string' ? first.detail : undefined;
    return [title, detail].filter(Boolean).join(': ') || undefined;
  }
  if (typeof b.message === 'string') return b.message;
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { message?: unknown }).message === 'string') {
    return (b.error as { message: string }).message;
  }
  return undefined;
}
