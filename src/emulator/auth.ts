import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The credentials the emulator accepts. Every one acts as the emulator's single user. */
export interface Credentials {
  /** Atlassian API tokens (Basic `email:token`), valid on the site domain and through api.atlassian.com. */
  readonly apiTokens: ReadonlyArray<{ readonly email: string; readonly token: string }>;
  /** OAuth 2.0 (3LO) access tokens (Bearer), valid only through api.atlassian.com. */
  readonly accessTokens: readonly string[];
  /** Maton API keys (Bearer), valid only on the Maton gateway. */
  readonly matonKeys: readonly string[];
  /**
   * Access tokens whose grant holds only classic scopes: v1 works, v2 answers
   * 401 "Unauthorized; scope does not match" (observed through the gateway).
   */
  readonly classicScopeTokens?: readonly string[];
}

export type Presented =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly email: string; readonly token: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'malformed' };

export function presented(headers: IncomingHttpHeaders): Presented {
  const header = headers.authorization;
  if (!header) return { kind: 'none' };
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'malformed' };
    return { kind: 'basic', email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  }
  if (/^bearer$/i.test(scheme ?? '') && value) return { kind: 'bearer', token: value };
  return { kind: 'malformed' };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function validApiToken(credentials: Credentials, p: Presented): boolean {
  return p.kind === 'basic' && credentials.apiTokens.some((c) => same(c.email.toLowerCase(), p.email.toLowerCase()) && same(c.token, p.token));
}

export function validAccessToken(credentials: Credentials, p: Presented): boolean {
  return p.kind === 'bearer' && [...credentials.accessTokens, ...(credentials.classicScopeTokens ?? [])].some((t) => same(t, p.token));
}

export function validMatonKey(credentials: Credentials, p: Presented): boolean {
  return p.kind === 'bearer' && credentials.matonKeys.some((t) => same(t, p.token));
}

export function classicOnly(credentials: Credentials, p: Presented): boolean {
  return p.kind === 'bearer' && (credentials.classicScopeTokens ?? []).some((t) => same(t, p.token));
}

/** A stable, non-secret fingerprint of the credential (rate-limit buckets, logs). */
export function fingerprint(headers: IncomingHttpHeaders): string {
  return createHash('sha256').update(headers.authorization ?? 'anonymous').digest('hex').slice(0, 12);
}
