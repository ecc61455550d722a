import type { Attachment, ConfluenceClient } from '../client/index.js';
import type { PulledAttachment } from '../convert/index.js';
import { sha256 } from '../plan/fingerprint.js';

/** One attachment file a pulled page uses, and how it gets there. */
export interface AssetPlan {
  readonly filename: string;
  /** Where the Markdown points (tree path). */
  readonly path: string;
  readonly attachmentId: string;
  readonly version: number | undefined;
  /**
   * `keep`: the file is there already with the right bytes; `move`: it is at `from` (the page's
   * old assets folder); `download`: fetched from Confluence (`data`, unless a dry run).
   */
  readonly how: 'keep' | 'move' | 'download';
  readonly from?: string;
  readonly data?: Buffer;
  /** sha256 of the bytes; undefined only for a dry run's downloads. */
  readonly sha256: string | undefined;
  /** The file here was changed since the last sync: it is not overwritten (the next push sends it). */
  readonly keepLocal?: boolean;
}

/** What the last sync recorded about a page's attachments. */
export type RecordedAttachments = Readonly<Record<string, { readonly sha256: string; readonly id?: string; readonly version?: number }>>;

const COMMENT_SHA = /sha256=([0-9a-f]{64})/;

/**
 * The sha256 Confluence's current version of an attachment is known to have without downloading
 * it: the one recorded for the same attachment id and version, or the one push wrote into the
 * version comment of its own uploads.
 */
export function knownDigest(attachment: Attachment, recorded: RecordedAttachments | undefined): string | undefined {
  const record = recorded?.[attachment.title];
  if (record && record.id === attachment.id && record.version !== undefined && record.version === attachment.version?.number) return record.sha256;
  return COMMENT_SHA.exec(attachment.comment ?? attachment.version?.message ?? '')?.[1];
}

export interface AssetInput {
  readonly client: ConfluenceClient;
  /** The page or blog post the attachments belong to. */
  readonly containerId: string;
  readonly used: readonly PulledAttachment[];
  readonly remote: ReadonlyMap<string, Attachment>;
  readonly recorded: RecordedAttachments | undefined;
  /** The page's assets folder before this pull, when it moves. */
  readonly oldFolder: string | undefined;
  /** Whether a file exists under the docs root, and its sha256. */
  readonly exists: (path: string) => boolean;
  readonly digest: (path: string) => string;
  readonly dryRun: boolean;
  /** --force: files changed here are overwritten too. */
  readonly force: boolean;
}

/**
 * Plans the attachment files of one page: a file already there (or in the page's old assets folder)
 * with the bytes Confluence has is kept or moved; anything else is downloaded (not in a dry run).
 */
export async function planAssets(input: AssetInput): Promise<AssetPlan[]> {
  return Promise.all(
    input.used.map(async ({ filename, path }): Promise<AssetPlan> => {
      const attachment = input.remote.get(filename)!;
      const version = attachment.version?.number;
      const base = { filename, path, attachmentId: attachment.id, version };
      const expected = knownDigest(attachment, input.recorded);
      if (expected !== undefined) {
        const candidates = [path, ...(input.oldFolder !== undefined ? [`${input.oldFolder}/${filename}`] : [])];
        for (const candidate of candidates) {
          if (input.exists(candidate) && input.digest(candidate) === expected) {
            return candidate === path ? { ...base, how: 'keep', sha256: expected } : { ...base, how: 'move', from: candidate, sha256: expected };
          }
        }
      }
      if (input.dryRun) return { ...base, how: 'download', sha256: undefined };
      const data = await input.client.attachments.download(input.containerId, filename, version);
      const digest = sha256(data);
      const last = input.recorded?.[filename]?.sha256;
      const editedHere = input.exists(path) && last !== undefined && input.digest(path) !== last && input.digest(path) !== digest;
      return { ...base, how: 'download', data, sha256: digest, ...(editedHere && !input.force ? { keepLocal: true } : {}) };
    }),
  );
}
