import { access, mkdir, readFile, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import type { LockfileWriter } from '../lockfile/io.js';
import type { LockChange } from '../lockfile/changes.js';
import type { PageAction } from '../pull/plan.js';
import { writeFileAtomic } from '../tree/write-page-id.js';
import type { AssetPlan } from './pull-assets.js';

/** One step of a pull on disk: an action with the files it writes and removes, and its lockfile record. */
export interface PullStep {
  readonly action: PageAction;
  /** Attachment files the page uses. */
  readonly assets: readonly AssetPlan[];
  /** Files removed (attachments no longer used, an old `.remote.md`), each only when it still has these bytes' digest (or any bytes, when undefined). */
  readonly remove: ReadonlyArray<{ readonly path: string; readonly sha256: string | undefined }>;
  /** Confluence's side of a conflict, beside the local file. */
  readonly remoteCopy?: { readonly path: string; readonly text: string };
  /** How the lockfile changes once the files are in place (undefined: it does not). */
  readonly record?: readonly LockChange[];
}

export interface ApplyPullInput {
  readonly docsRoot: string;
  readonly steps: readonly PullStep[];
  readonly lock: LockfileWriter;
  readonly digest: (path: string) => string;
}

export interface ApplyPullResult {
  /** Files written or moved into place (Markdown and attachments). */
  readonly written: string[];
  readonly removed: string[];
  readonly failed: Array<{ readonly path: string; readonly pageId: string; readonly title: string; readonly error: string }>;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Carries the steps out, one page at a time: attachments first, then the Markdown file (each
 * written to a temporary file and renamed, so no file is ever half-written), then the file's old
 * place is removed, then the lockfile records it. A run that stops anywhere leaves every file
 * whole, and the next pull finishes the job: a file already holding what Confluence has is only
 * recorded. Folders left empty are removed.
 */
export async function applyPull(input: ApplyPullInput): Promise<ApplyPullResult> {
  const result: ApplyPullResult = { written: [], removed: [], failed: [] };
  const emptied = new Set<string>();
  const at = (path: string) => resolve(input.docsRoot, path);
  const write = async (path: string, content: string | Buffer) => {
    const file = at(path);
    if (typeof content === 'string' && (await readText(file)) === content) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, content);
    result.written.push(path);
  };
  const remove = async (path: string) => {
    try {
      await unlink(at(path));
      result.removed.push(path);
      emptied.add(posix.dirname(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };

  for (const step of input.steps) {
    const { action } = step;
    try {
      for (const asset of step.assets) {
        if (asset.how === 'move' && asset.from !== undefined && (await exists(at(asset.from)))) {
          await mkdir(dirname(at(asset.path)), { recursive: true });
          await rename(at(asset.from), at(asset.path));
          result.written.push(asset.path);
          emptied.add(posix.dirname(asset.from));
        } else if (asset.how === 'download' && asset.data !== undefined && !asset.keepLocal) await write(asset.path, asset.data);
      }
      if (action.type === 'write') {
        if (action.kind !== 'record' || action.from !== undefined) await write(action.path, action.text);
        // A folder page without a file (`guide/`) that gets one has no old file to remove.
        if (action.from !== undefined && action.from !== action.path && !action.from.endsWith('/')) await remove(action.from);
      }
      if (action.type === 'delete') await remove(action.path);
      if (step.remoteCopy) await write(step.remoteCopy.path, step.remoteCopy.text);
      for (const file of step.remove) {
        if (file.sha256 === undefined || (await exists(at(file.path))) && input.digest(file.path) === file.sha256) await remove(file.path);
      }
      // Not awaited: records made while an append is in flight are appended together, after the
      // files they describe are in place; a failure is reported by \`close\`.
      for (const change of step.record ?? []) input.lock.record(change).catch(() => undefined);
    } catch (error) {
      result.failed.push({ path: action.path, pageId: action.pageId, title: action.title, error: `${(error as Error).message}` });
    }
  }
  // Folders this run emptied (an old assets folder, a renamed page's folder), up to the docs root.
  for (const folder of [...emptied].sort((a, b) => b.length - a.length)) {
    for (let dir = folder; dir !== '.' && dir !== ''; dir = posix.dirname(dir)) {
      try {
        await rmdir(at(dir));
      } catch {
        break;
      }
    }
  }
  try {
    await input.lock.close();
  } catch (error) {
    result.failed.push({ path: input.lock.file, pageId: '', title: '', error: `the lockfile could not be written: ${(error as Error).message}; run pull again` });
  }
  return result;
}
