import { watch } from 'chokidar';
import { isAbsolute, relative } from 'node:path';
import type { FileEvent } from './batch.js';
import { watchIgnored } from './ignore.js';

export interface TreeWatcher {
  close(): Promise<void>;
}

/**
 * Watches the docs root with chokidar and reports file events relative to it (with `/`). chokidar's
 * atomic option turns an editor's write-to-temp-then-rename into one change, and awaitWriteFinish
 * waits until a file stops growing, so a half-written file is not read. Resolves once the initial
 * scan is done (existing files produce no event).
 */
export async function watchTree(root: string, own: ReadonlySet<string>, onEvent: (event: FileEvent) => void, onError: (error: Error) => void): Promise<TreeWatcher> {
  const rel = (path: string) => (isAbsolute(path) ? relative(root, path) : path).replace(/\\/g, '/');
  const watcher = watch(root, {
    ignoreInitial: true,
    atomic: true,
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
    ignored: (path: string) => watchIgnored(rel(path), own),
  });
  for (const kind of ['add', 'change', 'unlink'] as const) watcher.on(kind, (path: string) => onEvent({ kind, path: rel(path) }));
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));
  return { close: () => watcher.close() };
}
