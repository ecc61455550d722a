import { randomBytes } from 'node:crypto';
import type { ApiResponse } from './http-types.js';
import type { AttachmentRecord } from './model.js';
import type { Site } from './site.js';

/**
 * The emulator's stand-in for Atlassian's media service (api.media.atlassian.com). The v1 download
 * route answers 302 to a media URL that carries a short-lived token in its query string; the client
 * fetches it **without** Authorization (obs 2026-08-07, [MF-api]). Here the media URL is
 * `/__media/file/{fileId}/binary?token=…&client=…&collection=contentId-{pageId}&dl=true&max-age=…`
 * on the emulator's own address.
 */

export const MEDIA_PREFIX = '/__media/';
/** Token lifetime: the media service's are short-lived; the exact figure is not recorded (unverified). */
export const MEDIA_TOKEN_TTL_MS = 15 * 60 * 1000;

interface Grant {
  readonly attachmentId: string;
  readonly fileId: string;
  readonly version: number;
  readonly expiresAt: number;
}

/** Tokens issued for one site. */
export class MediaTokens {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly clock: () => number = Date.now) {}

  issue(record: AttachmentRecord, version: number): string {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { attachmentId: record.id, fileId: record.fileId, version, expiresAt: this.clock() + MEDIA_TOKEN_TTL_MS });
    return token;
  }

  /** The grant of a token, if it exists and has not expired. */
  redeem(token: string): Grant | undefined {
    const grant = this.grants.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.clock()) {
      this.grants.delete(token);
      return undefined;
    }
    return grant;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
  }
}

const tokensBySite = new WeakMap<Site, MediaTokens>();

export function mediaTokens(site: Site): MediaTokens {
  let tokens = tokensBySite.get(site);
  if (!tokens) {
    tokens = new MediaTokens();
    tokensBySite.set(site, tokens);
  }
  return tokens;
}

/** The absolute media URL for one version of an attachment, on the host the client used. */
export function mediaUrl(site: Site, host: string, record: AttachmentRecord, version: number): string {
  const token = mediaTokens(site).issue(record, version);
  const query = new URLSearchParams({
    token,
    client: site.cloudId,
    collection: `contentId-${record.containerId}`,
    dl: 'true',
    'max-age': String(MEDIA_TOKEN_TTL_MS / 1000),
  });
  return `http://${host}${MEDIA_PREFIX}file/${record.fileId}/binary?${query.toString()}`;
}

/** RFC 6266 `Content-Disposition` for a download, with the UTF-8 name in `filename*`. */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The bytes of one attachment version as a download response. */
export function fileResponse(record: AttachmentRecord, versionNumber: number, disposition: 'attachment' | 'inline'): ApiResponse | undefined {
  const version = record.versions.find((v) => v.number === versionNumber);
  if (!version) return undefined;
  return {
    status: 200,
    body: version.data,
    headers: { 'content-type': version.mediaType, 'content-disposition': contentDisposition(disposition, record.title) },
  };
}

/**
 * Serves `GET /__media/file/{fileId}/binary?token=…` with no Authorization. A missing, expired or
 * foreign token is a 401 (the media service's exact error body is not recorded: unverified).
 */
export function serveMedia(sites: readonly Site[], method: string, url: URL): ApiResponse {
  const m = /^\/__media\/file\/([^/]+)\/binary$/.exec(url.pathname);
  if (!m) return { status: 404, body: { error: { code: 'NotFound', title: 'Not Found' } } };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET,HEAD' }, body: { error: { code: 'MethodNotAllowed', title: 'Method Not Allowed' } } };
  const token = url.searchParams.get('token') ?? '';
  for (const site of sites) {
    const grant = mediaTokens(site).redeem(token);
    if (!grant) continue;
    const record = site.attachments.get(grant.attachmentId);
    if (!record || grant.fileId !== m[1]) break;
    const response = fileResponse(record, grant.version, url.searchParams.get('dl') === 'true' ? 'attachment' : 'inline');
    if (response) return response;
    break;
  }
  return { status: 401, body: { error: { code: 'Unauthorized', title: 'The media token is missing, invalid or expired.' } } };
}
