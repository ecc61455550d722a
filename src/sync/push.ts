import fg from 'fast-glob';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyPlan } from '../apply/execute.js';
import type { ApplyEvent, ApplyReport } from '../apply/events.js';
import type { ConfluenceClient } from '../client/index.js';
import { convertThreads, type Config } from '../config/schema.js';
import type { ConversionWarning } from '../convert/index.js';
import { LockfileWriter, readLockfile } from '../lockfile/io.js';
import type { Lockfile } from '../lockfile/schema.js';
import { sha256 } from '../plan/fingerprint.js';
import { planPush } from '../plan/push.js';
import type { Action, Plan, RemotePage, RemoteSnapshot, RenderedPage } from '../plan/types.js';
import { taggedFingerprint } from '../plan/version-tag.js';
import { buildTree, type LocalTree } from '../tree/build.js';
import { TreeError } from '../tree/errors.js';
import { readTree, scanTree } from '../tree/scan.js';
import { MARKER_KEY } from '../apply/execute.js';
import { noticeFor } from './notice.js';
import { renderTreeParallel } from './render-parallel.js';
import { readRenderCache, renderCacheChanged, storageStoreOf, writeRenderCache } from './render-cache.js';
import { fetchFolders, fetchSnapshot } from './snapshot.js';
import { spooledTree } from './spooled-tree.js';
import { TextSpool } from './text-spool.js';

export interface PushOptions {
  readonly config: Config;
  /** Where the config's relative paths start. */
  readonly baseDir: string;
  readonly client: ConfluenceClient;
  readonly dryRun: boolean;
  readonly force: boolean;
  /** Limit the run to these files (relative to the docs root); a function picks them from the rendered pages (watch). */
  readonly paths?: readonly string[] | ((pages: readonly RenderedPage[]) => readonly string[]);
  /** With `paths`: the orphans among them (files gone since the last run) get their orphan policy too (watch). */
  readonly orphansOfPaths?: boolean;
  readonly onEvent: (event: ApplyEvent) => void;
  /** Called with the plan before anything is written (to show it, with diffs). */
  readonly onPlan?: (plan: Plan, pages: ReadonlyMap<string, RenderedPage>, warnings: readonly ConversionWarning[]) => Promise<void> | void;
}

export interface PushResult {
  readonly plan: Plan;
  readonly warnings: readonly ConversionWarning[];
  readonly report: ApplyReport | undefined;
}

export class PlanError extends Error {
  constructor(readonly problems: ReadonlyArray<{ path: string; message: string }>) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

/** Reads the tree, renders it, plans against Confluence and the lockfile, and applies unless dry-run. */
export async function push(options: PushOptions): Promise<PushResult> {
  const { config } = options;
  const docsRoot = resolve(options.baseDir, config.docs);
  try {
    if (!statSync(docsRoot).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new TreeError([{ file: config.docs, line: undefined, message: 'the docs root does not exist or is not a directory: check --docs or "docs" in the config' }]);
  }
  const spaceKey = config.space;
  if (!spaceKey) throw new TreeError([{ file: '(config)', line: undefined, message: 'no space key: give --space or "space" in the config' }]);

  // The space is listed while the tree renders (after the tree is read: a bad file makes no request).
  let fetching: ReturnType<typeof fetchSnapshot> | undefined;
  const rendered = await renderLocal(options, docsRoot, () => {
    fetching = fetchSnapshot(options.client, spaceKey, config.rootPage);
    fetching.catch(() => undefined);
  });

  const lockPath = resolve(options.baseDir, config.lockfile);
  const lock = await readLockfile(lockPath);
  // Set by renderLocal once the tree was read (it returns only after that).
  const fetched = await fetching!;
  const snapshot = await withFolders(options.client, fetched.snapshot, fetched.folderParents, rendered.pages, lock);
  const withMarkers = await fetchMarkers(options.client, snapshot, rendered.pages.filter((p) => p.kind === 'page'), lock.pages);
  const wanted = typeof options.paths === 'function' ? options.paths(rendered.pages) : options.paths;
  const selected = wanted && (wanted.length > 0 || typeof options.paths === 'function') ? new Set(wanted.map((p) => p.replace(/^\.\//, ''))) : undefined;
  let plan = planPush(rendered.pages, withMarkers, lock, { orphans: config.orphans, force: options.force, partial: selected !== undefined && !options.orphansOfPaths });
  if (selected) plan = { ...plan, actions: restrict(plan.actions, selected) };
  if (plan.problems.length > 0) throw new PlanError(plan.problems);
  await options.onPlan?.(plan, new Map(rendered.pages.map((p) => [p.path, p])), rendered.warnings);
  if (options.dryRun) return { plan, warnings: rendered.warnings, report: undefined };

  const writer = new LockfileWriter(lockPath, lock, { site: options.client.connection.siteUrl, space: snapshot.spaceKey, spaceId: snapshot.spaceId });
  const report = await applyPlan({
    plan,
    pages: new Map(rendered.pages.map((p) => [p.path, p])),
    client: options.client,
    lock: writer,
    docsRoot,
    force: options.force,
    onEvent: options.onEvent,
  });
  return { plan, warnings: rendered.warnings, report };
}

/**
 * Reads, checks and renders the tree (the conversion cache read and written), calling `onRead`
 * once the files are read and valid. The files' Markdown waits in a temporary file while the tree
 * renders (spooled-tree.ts), removed when this returns or throws. Only the rendered pages and
 * warnings leave this function, so the tree and the cache's entries are not kept while the plan is
 * applied.
 */
async function renderLocal(options: PushOptions, docsRoot: string, onRead: () => void): Promise<{ pages: RenderedPage[]; warnings: ConversionWarning[] }> {
  const bodies = TextSpool.open();
  try {
    const tree = spooledTree(await readLocalTree(docsRoot, options.config), bodies);
    onRead();
    return await renderRead(options, docsRoot, tree);
  } finally {
    bodies.close();
  }
}

/** Reads and checks the tree: a function of its own, so that the files read are not kept (in an async function's frame) once it is built. */
async function readLocalTree(docsRoot: string, config: Config): Promise<LocalTree> {
  const paths = await scanTree(docsRoot, config);
  const { files, problems: readProblems } = await readTree(docsRoot, paths);
  const { tree, problems } = buildTree(files);
  if (readProblems.length + problems.length > 0) throw new TreeError([...readProblems, ...problems], config.docs);
  return tree;
}

/** Renders the tree read, with the conversion cache (read, and written when it changed), and applies --strict. */
async function renderRead(options: PushOptions, docsRoot: string, tree: LocalTree): Promise<{ pages: RenderedPage[]; warnings: ConversionWarning[] }> {
  const { config } = options;
  const assets = new Set((await fg(['**/*'], { cwd: docsRoot, ignore: ['**/node_modules/**', '**/.git/**', '**/*.md'], onlyFiles: true, dot: false })).map(String));
  const digests = new Map<string, string>();
  const digest = (path: string) => {
    let d = digests.get(path);
    if (d === undefined) {
      d = sha256(readFileSync(resolve(docsRoot, path)));
      digests.set(path, d);
    }
    return d;
  };
  const notice = noticeFor(config, options.baseDir);
  const cacheFile = config.cache === false ? undefined : resolve(options.baseDir, config.cache);
  const cache = cacheFile ? await readRenderCache(cacheFile) : undefined;
  const store = cacheFile ? storageStoreOf(cacheFile) : undefined;
  const rendered = await renderTreeParallel({ tree, assets, digest, notice, notifyByDefault: config.notify, folders: config.folders, cache, ...(store ? { store } : {}) }, undefined, { threads: convertThreads(config) });
  if (cacheFile && renderCacheChanged(cache, rendered.cache)) await writeRenderCache(cacheFile, rendered.cache, store);
  if (config.strict) {
    const strictProblems = rendered.warnings.filter((w) => w.code === 'link-unresolved' || w.code === 'attachment-unresolved' || w.code === 'anchor-not-found');
    if (strictProblems.length > 0) throw new TreeError(strictProblems.map((w) => ({ file: w.file, line: w.line, message: `${w.message} (--strict)` })), config.docs);
  }
  return { pages: rendered.pages, warnings: rendered.warnings };
}

/**
 * Adds the folders the plan needs: those in the lockfile (checked, since the API cannot list them),
 * and, when a folder of the tree is not in the lockfile, the folders that listed pages are in, so
 * that it can be found by our marker or its title. Without folders in play, no request.
 */
async function withFolders(
  client: ConfluenceClient,
  snapshot: RemoteSnapshot,
  folderParents: ReadonlySet<string>,
  pages: readonly RenderedPage[],
  lock: Lockfile,
): Promise<RemoteSnapshot> {
  const locked = Object.values(lock.pages).filter((e) => e.kind === 'folder').map((e) => e.pageId);
  const unknown = pages.some((p) => p.kind === 'folder' && lock.pages[p.path]?.kind !== 'folder');
  const ids = unknown ? [...locked, ...folderParents] : locked;
  if (ids.length === 0) return snapshot;
  return { ...snapshot, folders: await fetchFolders(client, ids) };
}

/**
 * Reads our marker property of the remote pages that local pages resolve to (by frontmatter pageId,
 * else by title) when neither the lockfile nor a version tag of ours says what they are: a fresh
 * checkout without the lockfile, a pageId written by hand, a crash before anything was recorded.
 * The marker tells whether a page is ours, from which file, and what its first version carries.
 * With a lockfile that knows every page, this makes no request at all.
 */
async function fetchMarkers(
  client: ConfluenceClient,
  snapshot: RemoteSnapshot,
  pages: ReadonlyArray<{ path: string; title: string; pageId: string | undefined }>,
  locked: Readonly<Record<string, { pageId: string }>>,
): Promise<RemoteSnapshot> {
  const live = [...snapshot.pages.values()].filter((r) => r.status === 'current' || r.status === 'archived');
  const byTitle = new Map(live.map((r) => [r.title.toLowerCase(), r]));
  const known = new Set(Object.values(locked).map((e) => e.pageId));
  const candidates = new Map<string, RemotePage>();
  for (const p of pages) {
    const r = p.pageId !== undefined ? snapshot.pages.get(p.pageId) : byTitle.get(p.title.toLowerCase());
    if (!r || known.has(r.id) || taggedFingerprint(r.versionMessage) !== undefined) continue;
    if (r.status === 'current' || r.status === 'archived') candidates.set(r.id, r);
  }
  if (candidates.size === 0) return snapshot;
  const updated = new Map(snapshot.pages);
  await Promise.all(
    [...candidates.values()].map(async (r) => {
      const marker = (await client.properties.get(r.id, MARKER_KEY))?.value as { path?: unknown; fingerprint?: unknown; storageHash?: unknown } | undefined;
      if (typeof marker?.path !== 'string') return;
      updated.set(r.id, {
        ...r,
        markerPath: marker.path,
        ...(typeof marker.fingerprint === 'string' ? { markerFingerprint: marker.fingerprint } : {}),
        ...(typeof marker.storageHash === 'string' ? { markerStorageHash: marker.storageHash } : {}),
      });
    }),
  );
  return { ...snapshot, pages: updated };
}

/** Keeps the actions of the selected files, plus the creates their new parents need. */
function restrict(actions: readonly Action[], selected: ReadonlySet<string>): Action[] {
  const keep = new Set<string>();
  const byPath = new Map(actions.map((a) => [a.path, a]));
  const add = (path: string) => {
    if (keep.has(path)) return;
    keep.add(path);
    const action = byPath.get(path);
    if (action && (action.type === 'create' || action.type === 'update') && action.parent.kind === 'created') add(action.parent.path);
  };
  for (const action of actions) if (selected.has(action.path)) add(action.path);
  return actions.filter((a) => keep.has(a.path));
}
