import { createHash } from 'node:crypto';

/** Bumped whenever the converter renders anything differently, so an upgrade republishes those pages. */
export const RENDER_VERSION = '1';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Everything that decides whether a page must be written again: the storage we generate, the title,
 * the parent, the labels, the attachments' bytes and the renderer version.
 */
export function pageFingerprint(input: {
  readonly storageHash: string;
  readonly title: string;
  readonly parentKey: string;
  readonly labels: readonly string[];
  readonly attachments: ReadonlyArray<{ readonly filename: string; readonly sha256: string }>;
}): string {
  return sha256(
    JSON.stringify([
      RENDER_VERSION,
      input.storageHash,
      input.title,
      input.parentKey,
      [...input.labels].map((l) => l.toLowerCase()).sort(),
      [...input.attachments].map((a) => [a.filename, a.sha256]).sort(),
    ]),
  );
}

/** A Confluence folder's fingerprint: its title and its place. */
export function folderFingerprint(title: string, parentKey: string): string {
  return sha256(JSON.stringify(['folder', title, parentKey]));
}
