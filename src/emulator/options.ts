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
  /** Folder titles unique among the space's current folders (observed by a third party), or no rule. */
  readonly folderTitles: 'unique-in-space' | 'unrestricted';
  /** Label limits from Confluence's (server) label validator: names per write request, labels per content. */
  readonly labelLimits: { readonly perRequest: number; readonly perContent: number };
  /** `GET /spaces/{id}/content/labels` without `prefix`: every prefix (inferred), or the spec's literal default `my, team`. */
  readonly spaceContentLabelsDefault: 'all' | 'my-team';
  /** Largest content/space property value in bytes of JSON (unknown in Confluence: no limit by default). */
  readonly maxPropertyValueBytes: number | null;
  /** `PUT /tasks/{id}`: flip the task in the stored body of the current version in place (inferred), or save a new page version. */
  readonly taskStatusWrite: 'in-place' | 'new-version';
  /** Custom content types the site knows (an unknown type is a 404 per the spec); `any` accepts every type. */
  readonly customContentTypes: 'any' | readonly string[];
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
  folderTitles: 'unique-in-space',
  labelLimits: { perRequest: 20, perContent: 500 },
  spaceContentLabelsDefault: 'all',
  maxPropertyValueBytes: null,
  taskStatusWrite: 'in-place',
  customContentTypes: 'any',
  maxAttachmentBytes: 100 * 1024 * 1024,
  attachmentTooLargeStatus: 413,
  xsrfFailureBody: 'envelope',
  downloadRedirect: false,
  moveBumpsVersion: false,
};
