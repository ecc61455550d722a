/**
 * Behaviours that the notes (docs/emulator.md) mark as unverified are options, with the most likely
 * behaviour as the default. Each names the open question it settles.
 */
export interface Fidelity {
  /** Title uniqueness within a space: Confluence's title lookup is case-insensitive (inferred). */
  readonly titleCase: 'insensitive' | 'sensitive';
  /** Status for a duplicate title on PUT: 400 as on create (inferred) or 409 (reported by one client). */
  readonly duplicateTitleOnUpdate: 400 | 409;
  /** `limit` above the maximum: clamp (default) or 400. */
  readonly limitAboveMaximum: 'clamp' | 'reject';
  /** Whether a `Link` header is sent on the last page (default: no). */
  readonly linkHeaderOnLastPage: boolean;
  /** Bad or missing credentials on v2: a bare 404 as observed (default), or 401 for clients under test that want it. */
  readonly v2AuthFailure: 404 | 401;
  /** Add `ri:version-at-save` to resolvable `ri:page`/`ri:attachment` on save (observed). */
  readonly versionAtSave: boolean;
  /** Maximum request body (Confluence: 413 above 5 MB). */
  readonly maxBodyBytes: number;
  /** Largest attachment file in bytes (unverified: Confluence's default site setting is taken as 100 MiB). */
  readonly maxAttachmentBytes: number;
  /** Status for a file over `maxAttachmentBytes`: 413 (default) or 404, which is what the v1 spec documents. */
  readonly attachmentTooLargeStatus: 413 | 404;
  /** Body of the 403 for a multipart write without `X-Atlassian-Token` (unverified): v1 JSON envelope or plain text. */
  readonly xsrfFailureBody: 'envelope' | 'text';
  /** `GET /wiki/download/attachments/…`: serve the bytes (default) or answer 302 to the media URL (unverified). */
  readonly downloadRedirect: boolean;
  /** Whether the v1 move (`PUT /content/{id}/move/…`) saves a new page version (unverified; default no). */
  readonly moveBumpsVersion: boolean;
}

export const defaultFidelity: Fidelity = {
  titleCase: 'insensitive',
  duplicateTitleOnUpdate: 400,
  limitAboveMaximum: 'clamp',
  linkHeaderOnLastPage: false,
  v2AuthFailure: 404,
  versionAtSave: true,
  maxBodyBytes: 5 * 1024 * 1024,
  maxAttachmentBytes: 100 * 1024 * 1024,
  attachmentTooLargeStatus: 413,
  xsrfFailureBody: 'envelope',
  downloadRedirect: false,
  moveBumpsVersion: false,
};
