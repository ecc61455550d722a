import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { ConfluenceError, type Attachment, type ConfluenceClient } from '../client/index.js';
import { convertThreads, type Config } from '../config/schema.js';
import type { ToMarkdownResult, ToMarkdownWarning } from '../convert/index.js';
import { LockfileError, LockfileWriter, readLockfile } from '../lockfile/io.js';
import type { LockEntry } from '../lockfile/schema.js';
import type { RenderedPage } from '../plan/types.js';
import { childrenFolder, isFolderPath, layoutPages, nameOf } from '../pull/layout.js';
import { stripNotice } from '../pull/notice.js';
import { assetsFolder, attachmentTargets, pageFile, pageFileOf, pageResolver, pulledFields, type PageFile } from '../pull/page-file.js';
import { textsOnDemand, withoutTexts, type PulledAction } from '../pull/action-texts.js';
import { decidePage, decideRemoved, needsBase, needsBody, remotePathOf, type PageAction } from '../pull/plan.js';
import { linkNeedles, mayLinkTo } from '../pull/relink.js';
import type { PullWarning, RecordedPlace, RemoteDoc, SkippedPage } from '../pull/types.js';
import { asRemoteCopy, withFields, type PulledFields } from '../pull/file-text.js';
import type { LocalPage } from '../tree/build.js';
import { TreeError } from '../tree/errors.js';
import { parseSource } from '../tree/read.js';
import { ConvertPool, RENDER_YOUNG_GENERATION_MB } from './convert-pool.js';
import { sharePageFiles, type MarkdownTask } from './convert-tasks.js';
import { noticeFor } from './notice.js';
import { applyPull, type PullStep } from './pull-apply.js';
import { planAssets, type AssetPlan } from './pull-assets.js';
import { pullBlogPosts } from './pull-blog.js';
import { diskDigests, readLocal, renderFiles, treeOf, type LocalState } from './pull-local.js';
import { readRenderCache, storageStoreOf, writeRenderCache, type CacheEntry, type RenderCache } from './render-cache.js';
import { MIN_POOL_CONVERSIONS } from './render-parallel.js';
import { aheadEntry, aheadFacts } from './pull-ahead.js';
import { AheadRenders } from './pull-ahead-queue.js';
import { shareFacts } from './convert-tasks.js';
import { MemoryStorageStore } from './storage-store.js';
import { TextSpool } from './text-spool.js';
import { detached } from './detached.js';
import { attachmentsOf, fetchBodies, fetchVersion, forEach, labelsOf, listSpace } from './pull-remote.js';

export interface PullOptions {
  readonly config: Config;
  /** Where the config's relative paths start. */
  readonly baseDir: string;
  readonly client: ConfluenceClient;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly includeBlogposts: boolean;
  /** Called as each page that changed in Confluence is fetched and converted (a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * From this many pages to convert, the conversions run on a pool of workers (default
   * render-parallel.ts `MIN_POOL_CONVERSIONS` when the pulled files are rendered ahead, else
   * {@link MIN_POOL_PAGES}).
   */
  readonly minPoolPages?: number;
  /**
   * Whether each pulled file is rendered as push renders it while the other pages are still fetched
   * (pull-ahead.ts; the default), or all of them only before writing: the same files, lockfile and
   * cache either way.
   */
  readonly renderAhead?: boolean;
}

export interface PullResult {
  readonly spaceKey: string;
  readonly rootId: string;
  readonly dryRun: boolean;
  /** Pages, then blog posts. */
  readonly actions: readonly PulledAction[];
  readonly skipped: readonly SkippedPage[];
  readonly warnings: readonly PullWarning[];
  readonly attachments: { readonly downloaded: number; readonly kept: number };
  /** Files written or moved into place, and removed (none in a dry run). */
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly failed: ReadonlyArray<{ readonly path: string; readonly pageId: string; readonly title: string; readonly error: string }>;
  /** Markdown → storage conversions of the pulled files: while fetching (pull-ahead.ts), and in the render before writing. */
  readonly renders: { readonly ahead: number; readonly beforeWriting: number };
}

/** One page of the pulled tree while it is planned. */
interface Work {
  doc: RemoteDoc;
  /** Where the layout puts its file. */
  readonly path: string;
  readonly recorded: { readonly path: string; readonly entry: LockEntry } | undefined;
  /** Where its file is now. */
  readonly localPath: string | undefined;
  localChanged: boolean;
  /** Attachment file name → the file the page's Markdown uses for it here. */
  localAssets?: Map<string, string>;
  labels?: string[];
  attachments?: Map<string, Attachment>;
  /** The page's file as converted, but its text: that waits in the pull's spool of texts until every page is converted. */
  remote?: Omit<PageFile, 'text'>;
  /** The frontmatter fields the converted text was made with. */
  fields?: PulledFields;
  base?: PageFile;
}

/** A LocalPage for the notice template, which reads only the path. */
function noticePage(path: string): LocalPage {
  return { path, kind: 'file', title: '', parent: { kind: 'root' }, pageId: undefined, labels: [], body: '', bodyLine: 1, notify: undefined, toc: undefined };
}

const ATTACHMENT_REFERENCE = 'ri:attachment';

/**
 * Pulls the page tree below the root page (config rootPage, else the space homepage) into the
 * docs root: lists the pages, fetches the bodies of the pages that changed since the lockfile's
 * record (all of them the first time), converts them, decides per file (docs/pull.md), and writes
 * the files and the lockfile so that the next push plans nothing and the next pull writes nothing.
 */
export async function pull(options: PullOptions): Promise<PullResult> {
  // The fetched bodies wait for their conversion, and the converted files' texts for the end of the
  // conversions, on disk (text-spool.ts), not in the heap: by page id. While pages are converted the
  // heap holds neither, only what is converted at the moment (docs/benchmarks.md).
  const bodies = TextSpool.open();
  const texts = TextSpool.open();
  try {
    return await pullWith(options, { bodies, texts });
  } finally {
    bodies.close();
    texts.close();
  }
}

async function pullWith(options: PullOptions, { bodies, texts }: { bodies: TextSpool; texts: TextSpool }): Promise<PullResult> {
  const { config, client } = options;
  if (!config.space) throw new TreeError([{ file: '(config)', line: undefined, message: 'no space key: give --space or "space" in the config' }]);
  const docsRoot = resolve(options.baseDir, config.docs);
  const lockPath = resolve(options.baseDir, config.lockfile);
  const lock = await readLockfile(lockPath);
  if (lock.space !== undefined && lock.space.toLowerCase() !== config.space.toLowerCase()) {
    throw new LockfileError(`${lockPath} records space ${lock.space}, not ${config.space}: pull each space into its own docs folder with its own lockfile ("docs" and "lockfile" in the config)`);
  }
  const firstPull = Object.keys(lock.pages).length === 0;
  const listing = await listSpace(client, config.space, config.rootPage, firstPull ? bodies : undefined);
  const spaceKey = listing.space.key;
  const local = await readLocal(docsRoot, config);
  const digest = diskDigests(docsRoot);
  const notice = noticeFor(config, options.baseDir);
  const warnings: PullWarning[] = [];
  // Push's conversion cache: renders of the tree convert only files that changed since the last run.
  const cacheFile = config.cache === false ? undefined : resolve(options.baseDir, config.cache);
  let cache = cacheFile ? await readRenderCache(cacheFile) : undefined;
  const store = cacheFile ? storageStoreOf(cacheFile) : undefined;
  // The ahead renders' bodies (with no cache on disk, in memory until the render before writing).
  const aheadStore = store ?? new MemoryStorageStore();
  const render = async (files: Iterable<readonly [string, string]>, assets: ReadonlySet<string>, digestOf: (path: string) => string, ahead?: ReadonlyMap<string, CacheEntry>, spool?: TextSpool) => {
    const given: RenderCache | undefined = ahead && ahead.size > 0 ? { version: 2, entries: { ...cache?.entries, ...Object.fromEntries(ahead) } } : cache;
    const withStore = ahead && ahead.size > 0 ? aheadStore : store;
    const result = await renderFiles(files, { assets, digest: digestOf, notice, notifyByDefault: config.notify, folders: config.folders, threads: convertThreads(config), ...(given ? { cache: given } : {}), ...(withStore ? { store: withStore } : {}), ...(spool ? { spool } : {}) });
    if (cache) cache = result.cache;
    return result;
  };

  // Where each page's file was at the last sync, and where it is now.
  const entries = new Map<string, { path: string; entry: LockEntry }>();
  for (const [path, entry] of Object.entries(lock.pages)) entries.set(entry.pageId, { path, entry });
  const idAt = new Map<string, string>();
  for (const [id, path] of local.byPageId) idAt.set(path, id);
  const present = (path: string) => (path.endsWith('/') ? local.folders.has(path.slice(0, -1)) : local.files.has(path));
  const currentPath = (id: string): string | undefined => {
    const recorded = entries.get(id);
    if (recorded && present(recorded.path) && (recorded.path.endsWith('/') || (idAt.get(recorded.path) ?? id) === id)) return recorded.path;
    return local.byPageId.get(id);
  };
  const places = new Map<string, RecordedPlace>();
  for (const [id, { path, entry }] of entries) places.set(id, { path: currentPath(id) ?? path, title: entry.title, parentId: entry.parentId });
  for (const [id, path] of local.byPageId) {
    const doc = listing.pages.get(id);
    if (!places.has(id) && doc) places.set(id, { path, title: doc.title, parentId: doc.parentId });
  }

  const layout = layoutPages({
    rootId: listing.rootId,
    rootIsHomepage: listing.rootId === listing.space.homepageId,
    pages: [...listing.pages.values()],
    recorded: places,
    occupied: occupiedNames(local, places, listing.pages),
  });

  const works = new Map<string, Work>();
  for (const [id, layoutPath] of layout.paths) {
    const doc = listing.pages.get(id)!;
    const recorded = entries.get(id);
    // A folder page without a file (push made it for a folder without an index) gets one when it changes.
    const path = layoutPath.endsWith('/') && (!recorded || recorded.entry.version !== doc.version) ? `${layoutPath}index.md` : layoutPath;
    works.set(id, { doc, path, recorded, localPath: currentPath(id), localChanged: false });
  }
  const removed = [...entries].filter(([id]) => !works.has(id));

  // Files that move or go away: pages linking to them are converted again.
  const needles = [
    // (A folder page without a file that gets its index.md does not move: links to `guide/` still reach it.)
    ...[...works.values()].filter((w) => w.localPath !== undefined && w.localPath !== w.path && `${w.localPath}index.md` !== w.path).flatMap((w) => linkNeedles(w.localPath!)),
    ...removed.flatMap(([, r]) => linkNeedles(r.path)),
  ];
  const fetchInput = (w: Work) => ({
    remoteVersion: w.doc.version,
    path: w.path,
    recorded: w.recorded ? { path: w.recorded.path, version: w.recorded.entry.version } : undefined,
    localPath: w.localPath,
    relinked: needles.length > 0 && w.localPath !== undefined && mayLinkTo(local.files.get(w.localPath) ?? '', needles),
  });
  const pending = [...works.values()].filter((w) => needsBody(fetchInput(w)));

  // Whether each file changed since the last sync, as push sees it (only rendered when something is to be done).
  let renderedLocal = new Map<string, RenderedPage>();
  if (pending.length > 0 || removed.length > 0) {
    const rendered = (renderedLocal = new Map((await render(local.files, local.assets, digest)).pages));
    const changed = (path: string | undefined, entry: LockEntry | undefined) => path === undefined || entry === undefined || rendered.get(path)?.fingerprint !== entry.fingerprint;
    for (const w of works.values()) {
      w.localChanged = w.localPath !== undefined && changed(w.localPath, w.recorded?.entry);
      // Attachment files the page uses here stay where they are (a shared images folder of a tree
      // push published), except the page's own assets folder when the page moves.
      const own = w.localPath !== undefined && w.localPath !== w.path ? `${assetsFolder(w.localPath)}/` : undefined;
      const used = w.localPath !== undefined ? (rendered.get(w.localPath)?.attachments ?? []) : [];
      w.localAssets = new Map(used.filter((a) => own === undefined || !a.file.startsWith(own)).map((a) => [a.filename, a.file]));
    }
  }

  // Bodies: from the listing (first pull), else 250 a request; the last synced version where a merge needs it.
  const fetched = await fetchBodies(client, pending.filter((w) => !bodies.has(w.doc.id)).map((w) => w.doc.id), bodies);
  for (const w of pending) {
    // The body's version, title and parent (the listing may be a moment older).
    const doc = fetched.get(w.doc.id);
    if (doc) w.doc = doc;
  }
  // Convert: links resolve to the new places; the last synced version resolves them to the old ones.
  const newPaths = new Map([...works.values()].map((w) => [w.doc.title, w.path]));
  const oldPaths = new Map([...places].filter(([id]) => entries.has(id)).map(([, p]) => [p.title, p.path]));
  const resolveNew = pageResolver(spaceKey, newPaths);
  const resolveOldOnly = pageResolver(spaceKey, oldPaths);
  const resolveOld = (target: Parameters<typeof resolveNew>[0]) => resolveOldOnly(target) ?? resolveNew(target);
  const withoutNotice = (storage: string, ...paths: Array<string | undefined>) => {
    for (const path of paths) {
      if (path === undefined) continue;
      const stripped = stripNotice(storage, notice(noticePage(path)));
      if (stripped !== storage) return stripped;
    }
    return storage;
  };
  // Each pulled file is rendered as push will render it once converted, while other pages are still
  // fetched (pull-ahead.ts): not in a dry run (which renders nothing after), nor for a file changed
  // here too (it is merged, and its merged text rendered before writing).
  const renderAhead = !options.dryRun && options.renderAhead !== false;
  const facts = renderAhead
    ? aheadFacts({
        kept: keptFiles(renderedLocal, cache, [...pending.map((w) => w.localPath), ...removed.map(([, r]) => r.path)]),
        pulled: (function* () {
          for (const w of pending) yield { path: w.path, title: w.doc.title, storage: bodies.get(w.doc.id) ?? '' };
        })(),
        assets: local.assets,
      })
    : undefined;
  const ahead = new Map<string, CacheEntry>();
  // Enough pages to pay for worker threads: a worker for each thread but this one (config `threads`,
  // default the cores), this thread converting too (one V8 heap and converter fewer in memory). With
  // the texts on disk until written, a pull peaks while its workers run, so their young generation
  // is capped as a push's are (convert-pool.ts RENDER_YOUNG_GENERATION_MB).
  const threads = convertThreads(config);
  const minPool = options.minPoolPages ?? (facts ? MIN_POOL_CONVERSIONS : MIN_POOL_PAGES);
  const pool = pending.length >= minPool && threads >= 2 ? new ConvertPool({ threads: threads - 1, youngGenerationMb: RENDER_YOUNG_GENERATION_MB }) : undefined;
  // The workers render the pulled files ahead, this thread converts them storage → Markdown;
  // without those renders, the workers convert storage → Markdown with this thread.
  const renders = facts ? new AheadRenders(facts, (path, done) => ahead.set(path, aheadEntry(done, aheadStore)), pool && { pool, facts: shareFacts(facts) }) : undefined;
  // The pages' files by title, as the workers resolve page links (pageResolver's answers).
  const sharedPaths = pool && !renders ? sharePageFiles(spaceKey, newPaths) : undefined;
  // Two tasks in flight per worker (it never waits for the next); a page beyond them is converted here.
  let inPool = 0;
  const onPool = async (task: Omit<MarkdownTask, 'kind'>): Promise<ToMarkdownResult | undefined> => {
    if (!pool || inPool >= pool.threads * 2) return undefined;
    inPool += 1;
    try {
      return await pool.toMarkdown(task);
    } catch {
      // The pool failed (a worker could not start): this thread converts it, to the same result.
      return undefined;
    } finally {
      inPool -= 1;
    }
  };
  /** The page's file from its body, on the pool or on this thread (the same file); returns its text, kept in `texts`. */
  const convert = async (w: Work, storage: string): Promise<string> => {
    const input = {
      idKey: 'pageId' as const,
      id: w.doc.id,
      title: w.doc.title,
      labels: w.labels ?? [],
      path: w.path,
      attachments: w.attachments ? new Set(w.attachments.keys()) : undefined,
      ...(w.localAssets ? { assetPaths: w.localAssets } : {}),
      ...(w.localPath !== undefined ? { existing: local.files.get(w.localPath) } : {}),
    };
    const body = withoutNotice(storage, w.path, w.recorded?.path);
    const task: Omit<MarkdownTask, 'kind'> | undefined = sharedPaths && { storage: body, file: w.path, pages: sharedPaths, attachments: [...attachmentTargets(input)] };
    const converted = task ? await onPool(task) : undefined;
    const { text, ...rest } = converted ? pageFileOf(input, converted) : pageFile({ ...input, storage: body, resolvePage: resolveNew });
    texts.put(w.doc.id, text);
    // Kept until the pull writes, so cut loose from the page's storage (a worker's answer is a copy already).
    w.remote = converted ? rest : detached(rest);
    w.fields = pulledFields(input);
    return text;
  };
  /** The file as it was at the last sync (a merge's base), from that version's body. */
  const convertBase = (w: Work, baseStorage: string) => {
    if (w.localPath === undefined || !w.recorded) return;
    const parsed = parseSource(w.localPath, local.files.get(w.localPath) ?? '');
    const localParent = 'file' in parsed ? parsed.file.frontmatter.parent : undefined;
    w.base = pageFile({
      idKey: 'pageId',
      id: w.doc.id,
      title: w.recorded.entry.title,
      labels: w.recorded.entry.labels,
      path: w.localPath,
      storage: withoutNotice(baseStorage, w.recorded.path, w.localPath),
      resolvePage: resolveOld,
      attachments: w.attachments ? new Set(w.attachments.keys()) : undefined,
      ...(localParent !== undefined ? { parent: localParent } : {}),
      existing: local.files.get(w.localPath),
    });
  };
  let converted = 0;
  // Labels, attachments and the merge base of each page, then its conversion at once: converting one
  // page overlaps with the requests of the others. Once converted, the page's bodies are dropped.
  try {
    await forEach(pending, (w) =>
      naming(w, async () => {
        const base = needsBase({ ...fetchInput(w), localChanged: w.localChanged });
        // (An older version fetched for a merge's base waits in memory: merges are few.)
        const olderBase = base === 'fetch' ? await fetchVersion(client, w.doc.id, w.recorded!.entry.version) : undefined;
        w.labels = await labelsOf(client.labels.of(w.doc.id));
        // The body is read back from the spool only when its page's requests are answered: until
        // then thousands of pages wait for the client's concurrency, each holding nothing.
        if ((bodies.get(w.doc.id) ?? '').includes(ATTACHMENT_REFERENCE) || (olderBase ?? '').includes(ATTACHMENT_REFERENCE)) w.attachments = await attachmentsOf(client.attachments.of(w.doc.id));
        const storage = bodies.take(w.doc.id) ?? '';
        const baseStorage = base === 'same' ? storage : olderBase;
        const text = await convert(w, storage);
        if (renders && !w.localChanged && w.remote) renders.add({ path: w.path, text, assets: w.remote.attachments.map((a) => a.path) });
        if (baseStorage !== undefined) convertBase(w, baseStorage);
        options.onProgress?.(++converted, pending.length);
      }),
    );
    await renders?.finish();
  } finally {
    await pool?.close();
  }
  // The pulled files' texts stay in `texts` until they are written: each step below reads one at a
  // time (the tree, the decisions, the render before writing, the writing), so that no moment
  // holds them all (docs/benchmarks.md).
  const pulled = (w: Work): boolean => w.remote !== undefined;
  const remoteText = (w: Work): string | undefined => (pulled(w) ? spooledText(texts, w) : undefined);

  /**
   * The tree's files once the pull is written, path → text (local files first, then the pages the
   * pull gives a text: `given`; less the files that move away or go, and `gone`): the texts of
   * pulled pages are read (`textOf`) as the files are iterated, one at a time.
   */
  const afterPull = (given: (w: Work) => boolean, textOf: (w: Work) => string, gone: Iterable<string> = []): Iterable<[string, string]> => {
    const from = new Map<string, Work | undefined>([...local.files.keys()].map((path) => [path, undefined]));
    for (const w of works.values()) {
      if (!given(w)) continue;
      if (w.localPath !== undefined && w.localPath !== w.path) from.delete(w.localPath);
      from.set(w.path, w);
    }
    for (const [, r] of removed) from.delete(r.path);
    for (const path of gone) from.delete(path);
    return (function* (): Generator<[string, string]> {
      for (const [path, w] of from) yield [path, w ? textOf(w) : local.files.get(path)!];
    })();
  };
  // The page written to each path (the first, should two share one); a lookup per page of the tree.
  const idsByPath = new Map<string, string>();
  for (const w of works.values()) if (!idsByPath.has(w.path)) idsByPath.set(w.path, w.doc.id);
  const idOfPath = (path: string): string | undefined => idsByPath.get(path);
  const parentOf = (page: { parent: LocalPage['parent'] }) =>
    page.parent.kind === 'root' ? listing.rootId : page.parent.kind === 'page' ? page.parent.pageId : idOfPath(page.parent.path);
  // The folder implies the parent almost always; where it does not (a file kept where a `parent`
  // field put it), the parent is written into the frontmatter.
  const parentSpool = TextSpool.open();
  try {
    const tree = treeOf(afterPull(pulled, (w) => remoteText(w)!), parentSpool);
    for (const page of tree.pages) {
      const id = idOfPath(page.path);
      const w = id === undefined ? undefined : works.get(id);
      if (!w?.remote || !w.fields || parentOf(page) === w.doc.parentId) continue;
      const parent = w.doc.parentId === listing.rootId || w.doc.parentId === null ? listing.rootId : works.get(w.doc.parentId)?.path;
      const fields = { ...w.fields, parent: parent === undefined || parent === listing.rootId || parent.endsWith('/') ? (w.doc.parentId ?? listing.rootId) : posix.relative(posix.dirname(w.path), parent) };
      // The same conversion with the parent in the frontmatter.
      texts.put(w.doc.id, withFields(remoteText(w)!, w.fields, fields, w.localPath !== undefined ? local.files.get(w.localPath) : undefined));
      w.fields = fields;
    }
  } finally {
    parentSpool.close();
  }
  for (const w of pending) for (const warning of w.remote!.warnings) warnings.push(pageWarning(w, warning));

  // Decide.
  const actions: PageAction[] = [];
  for (const w of works.values()) {
    const remote = remoteText(w);
    const action = decidePage(
      {
        pageId: w.doc.id,
        title: w.doc.title,
        remoteVersion: w.doc.version,
        path: w.path,
        recorded: w.recorded ? { path: w.recorded.path, version: w.recorded.entry.version } : undefined,
        local: w.localPath !== undefined ? { path: w.localPath, text: local.files.get(w.localPath) ?? '', changed: w.localChanged } : undefined,
        remoteText: remote,
        baseText: w.base?.text,
      },
      { force: options.force },
    );
    // The action reads Confluence's side back from `texts` each time it is used, not holding it.
    actions.push(remote === undefined ? action : textsOnDemand(action, remote, () => spooledText(texts, w)));
  }
  for (const [id, { path, entry }] of removed) {
    const doc = listing.pages.get(id);
    const why = !doc ? 'deleted in Confluence' : doc.status === 'archived' ? 'archived in Confluence' : 'moved out of the pulled tree in Confluence';
    const localPath = currentPath(id);
    if (doc?.status === 'current' && doc.parentId === entry.parentId) {
      // Not moved: the pull's root is another than the last sync's. Its file is not this pull's to remove.
      actions.push({ type: 'local', pageId: id, title: entry.title, path: localPath ?? path, why: 'not below the root of this pull (the last sync had another root?): left as it is' });
      continue;
    }
    const text = localPath !== undefined ? local.files.get(localPath) : undefined;
    const localFile = localPath !== undefined && (text !== undefined || localPath.endsWith('/')) ? { path: localPath, text: text ?? '', changed: renderedLocal.get(localPath)?.fingerprint !== entry.fingerprint } : undefined;
    // A folder page without a file has nothing to remove: its folder goes when its files do.
    const action = decideRemoved({ pageId: id, title: entry.title, path, local: localPath?.endsWith('/') ? undefined : localFile, why }, { force: options.force });
    actions.push(action);
  }

  // Attachments of the files written, then what the lockfile records: the page as push renders the
  // files that Confluence's side gives (a merged file keeps its local part for the next push).
  const assets = new Map<string, AssetPlan[]>();
  await forEach(
    actions.filter((a): a is Extract<PageAction, { type: 'write' }> => a.type === 'write'),
    async (action) => {
      const w = works.get(action.pageId)!;
      await naming(w, async () => {
        const oldFolder = w.localPath !== undefined && w.localPath !== w.path && !w.localPath.endsWith('/') ? assetsFolder(w.localPath) : undefined;
        assets.set(
          action.pageId,
          await planAssets({
            client,
            containerId: w.doc.id,
            used: w.remote!.attachments,
            remote: w.attachments ?? new Map(),
            recorded: w.recorded?.entry.attachments,
            oldFolder,
            exists: (path) => local.all.has(path),
            digest,
            dryRun: options.dryRun,
            force: options.force,
          }),
        );
      });
    },
  );
  const aheadCount = ahead.size;
  const downloaded = [...assets.values()].flat().filter((a) => a.how === 'download').length;
  const kept = [...assets.values()].flat().length - downloaded;

  const steps: PullStep[] = [];
  let renderedCache: typeof cache;
  let renderedAtEnd = 0;
  if (!options.dryRun && actions.some((a) => a.type !== 'unchanged' && a.type !== 'local')) {
    const planned = new Map<string, string>();
    for (const list of assets.values()) for (const a of list) if (a.sha256 !== undefined) planned.set(a.path, a.sha256);
    const writes = new Map(actions.filter((a): a is Extract<PageAction, { type: 'write' }> => a.type === 'write').map((a) => [a.pageId, a]));
    const deleted = new Set(actions.filter((a) => a.type === 'delete').map((a) => a.path));
    const files = afterPull((w) => writes.has(w.doc.id), (w) => writes.get(w.doc.id)!.remoteText, deleted);
    const assetPaths = new Set([...local.assets, ...planned.keys()]);
    // The tree's bodies wait on disk while it renders, as the texts do.
    const renderSpool = TextSpool.open();
    const rendered = await render(files, assetPaths, (p) => planned.get(p) ?? digest(p), ahead, renderSpool).finally(() => renderSpool.close());
    ahead.clear();
    renderedCache = cache;
    renderedAtEnd = rendered.converted;
    for (const action of actions) {
      const w = works.get(action.pageId);
      if (action.type === 'write' && w) {
        const page = rendered.pages.get(action.path);
        const list = assets.get(action.pageId) ?? [];
        if (!page) {
          warnings.push({ file: action.path, line: undefined, code: 'not-published', message: `page ${w.doc.id} "${w.doc.title}": push would not publish this file (check "include" and "exclude" in the config); not recorded in the lockfile` });
        } else {
          if (page.title !== w.doc.title || parentOf(page) !== w.doc.parentId) {
            warnings.push({ file: action.path, line: undefined, code: 'placement', message: `page ${w.doc.id} "${w.doc.title}": the tree puts it ${page.title !== w.doc.title ? `under the title "${page.title}"` : 'under another parent'}, so the next push would change it in Confluence` });
          }
          const entry = lockEntry(w, page, list);
          steps.push({ action, assets: list, remove: staleFiles(w, list, local), record: [{ op: 'page', path: action.path, entry }] });
        }
      } else if (action.type === 'conflict' && action.remotePath !== undefined && action.remoteText !== undefined) {
        steps.push({ action, assets: [], remove: [], remoteCopy: { path: action.remotePath, text: asRemoteCopy(action.remoteText) } });
      } else if (action.type === 'delete') {
        const entry = entries.get(action.pageId)!.entry;
        const folder = assetsFolder(action.path);
        steps.push({
          action,
          assets: [],
          remove: [...Object.entries(entry.attachments).map(([name, a]) => ({ path: `${folder}/${name}`, sha256: a.sha256 })), { path: remotePathOf(action.path), sha256: undefined }],
          record: [{ op: 'forget', pageId: action.pageId }],
        });
      } else if (action.type === 'forget') steps.push({ action, assets: [], remove: [], record: [{ op: 'forget', pageId: action.pageId }] });
    }
  }

  const blog = options.includeBlogposts
    ? await pullBlogPosts({ client, spaceId: listing.space.id, lock, local, digest, resolvePage: resolveNew, dryRun: options.dryRun, force: options.force })
    : { actions: [], steps: [], warnings: [], downloaded: 0, kept: 0 };
  actions.push(...blog.actions);
  steps.push(...blog.steps);
  warnings.push(...blog.warnings);

  let written: string[] = [];
  let removedFiles: string[] = [];
  let failed: PullResult['failed'] = [];
  if (!options.dryRun) await removeStaleTemporaries(docsRoot, local, lockPath);
  if (!options.dryRun && steps.length > 0) {
    const writer = new LockfileWriter(lockPath, lock, { site: client.connection.siteUrl ?? lock.site, space: listing.space.key, spaceId: listing.space.id });
    const outcome = await applyPull({ docsRoot, steps, lock: writer, digest });
    // The cache now describes the tree as pulled: the next push converts only what changes after this.
    if (cacheFile && renderedCache && outcome.failed.length === 0 && outcome.written.length + outcome.removed.length > 0) await writeRenderCache(cacheFile, renderedCache, store);
    written = outcome.written;
    removedFiles = outcome.removed;
    failed = outcome.failed;
  }
  return {
    spaceKey,
    rootId: listing.rootId,
    dryRun: options.dryRun,
    actions: actions.map(withoutTexts),
    skipped: layout.skipped,
    warnings,
    attachments: { downloaded: downloaded + blog.downloaded, kept: kept + blog.kept },
    written,
    removed: removedFiles,
    failed,
    renders: { ahead: aheadCount, beforeWriting: renderedAtEnd },
  };
}

/**
 * Storage → Markdown takes 2 ms or so a page: below this many pages (under a second of converting)
 * a worker, which answers its first task 0.2–0.3 s after it starts and holds a V8 heap and a
 * converter of its own, saves next to nothing (render-parallel.ts `MIN_POOL_CONVERSIONS` is the
 * same reckoning for Markdown → storage, five times slower a page).
 */
const MIN_POOL_PAGES = 400;

/** What an atomic write leaves behind when the process dies between writing and renaming: `NAME.<pid>.<hex>.tmp`. */
const TEMPORARY = /\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Temporary files of an interrupted run (of the docs tree, and of the lockfile). */
async function removeStaleTemporaries(docsRoot: string, local: LocalState, lockPath: string): Promise<void> {
  const stale = [...local.all].filter((p) => TEMPORARY.test(p)).map((p) => resolve(docsRoot, p));
  const lockDir = dirname(lockPath);
  const lockName = basename(lockPath);
  stale.push(...(await readdir(lockDir).catch(() => [] as string[])).filter((n) => n.startsWith(`${lockName}.`) && TEMPORARY.test(n)).map((n) => join(lockDir, n)));
  await Promise.all(stale.map((file) => unlink(file).catch(() => undefined)));
}

/**
 * The files of the first render a pull leaves where they are (all but `leaving`: those of pages
 * that move or go): path → title, and the headings of their cached conversion.
 */
function keptFiles(rendered: ReadonlyMap<string, RenderedPage>, cache: RenderCache | undefined, leaving: ReadonlyArray<string | undefined>): Map<string, { title: string; headings?: CacheEntry['result']['headings'] }> {
  const gone = new Set(leaving);
  const out = new Map<string, { title: string; headings?: CacheEntry['result']['headings'] }>();
  for (const [path, page] of rendered) {
    if (gone.has(path)) continue;
    const headings = cache?.entries[path]?.result.headings;
    out.set(path, headings ? { title: page.title, headings } : { title: page.title });
  }
  return out;
}

/** The page's pulled text, kept in `texts` until it is written. */
function spooledText(texts: TextSpool, w: Work): string {
  const text = texts.get(w.doc.id);
  if (text === undefined) throw new Error(`the pulled text of page ${w.doc.id} "${w.doc.title}" is no longer in the pull's temporary file (${w.path}): run pull again`);
  return text;
}

/** Runs a page's requests; a failure names the page (id and title), with Confluence's answer and the hint. */
async function naming(w: Work, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ConfluenceError)) throw error;
    throw new ConfluenceError({
      method: error.method,
      path: error.path,
      status: error.status,
      code: error.code,
      apiMessage: `${error.apiMessage ?? ''} (page ${w.doc.id} "${w.doc.title}")`.trim(),
      requestId: error.requestId,
      hint: `${error.hint ? `${error.hint} ` : ''}Nothing was written: run pull again.`,
      body: error.body,
    });
  }
}

/** Folder → names used there by files and folders that are not pulled pages. */
function occupiedNames(local: LocalState, places: ReadonlyMap<string, RecordedPlace>, pages: ReadonlyMap<string, RemoteDoc>): Map<string, Set<string>> {
  const claimed = new Set([...places.values()].map((p) => p.path));
  for (const [id, path] of local.byPageId) if (pages.has(id)) claimed.add(path);
  const claimedFolders = new Set([...claimed].filter(isFolderPath).map(childrenFolder));
  // A folder is a name in use when it holds, at any depth, a file that is not a pulled page's (nor
  // in the assets folder of one, nor a temporary of a killed run): a folder holding only pulled
  // pages' files is one a pull killed before writing the folder's own page made.
  const ownAssets = new Set([...claimed].map(assetsFolder));
  const inOwnAssets = (path: string) => {
    for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder)) if (ownAssets.has(folder)) return true;
    return false;
  };
  const ours = (path: string) => claimed.has(path) || TEMPORARY.test(path) || inOwnAssets(path);
  const holding = new Set<string>();
  for (const path of local.all) {
    if (ours(path)) continue;
    for (let folder = posix.dirname(path); folder !== '.' && !holding.has(folder); folder = posix.dirname(folder)) holding.add(folder);
  }
  const out = new Map<string, Set<string>>();
  const add = (folder: string, name: string) => {
    const set = out.get(folder) ?? new Set<string>();
    set.add(name);
    out.set(folder, set);
  };
  for (const path of local.all) {
    if (claimed.has(path)) continue;
    const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    add(folder, /\.md$/i.test(path) ? nameOf(path) : posix.basename(path));
  }
  for (const folder of local.folders) {
    if (claimedFolders.has(folder) || !holding.has(folder)) continue;
    add(posix.dirname(folder) === '.' ? '' : posix.dirname(folder), posix.basename(folder));
  }
  return out;
}

function pageWarning(w: Work, warning: ToMarkdownWarning): PullWarning {
  return { file: w.path, line: undefined, code: warning.code, message: `page ${w.doc.id} "${w.doc.title}": ${warning.message}` };
}

/** The lockfile's record of a pulled page: Confluence's version, and what push renders from the file. */
function lockEntry(w: Work, page: RenderedPage, assets: readonly AssetPlan[]): LockEntry {
  const byName = new Map(assets.map((a) => [a.filename, a]));
  return {
    pageId: w.doc.id,
    title: w.doc.title,
    parentId: w.doc.parentId,
    version: w.doc.version,
    storageHash: page.storageHash,
    fingerprint: page.fingerprint,
    labels: [...page.labels],
    attachments: Object.fromEntries(
      page.attachments.map((a) => {
        const plan = byName.get(a.filename);
        return [a.filename, { sha256: a.sha256, ...(plan ? { id: plan.attachmentId } : {}), ...(plan?.version !== undefined ? { version: plan.version } : {}) }];
      }),
    ),
  };
}

/** Attachment files of the page's last sync it no longer uses, and its old `.remote.md`. */
function staleFiles(w: Work, used: readonly AssetPlan[], local: LocalState): PullStep['remove'] {
  const out: Array<{ path: string; sha256: string | undefined }> = [];
  const usedPaths = new Set(used.flatMap((a) => [a.path, ...(a.from !== undefined ? [a.from] : [])]));
  if (w.recorded && w.localPath !== undefined && !w.localPath.endsWith('/')) {
    const folder = assetsFolder(w.localPath);
    for (const [name, a] of Object.entries(w.recorded.entry.attachments)) {
      const path = `${folder}/${name}`;
      if (!usedPaths.has(path) && local.all.has(path)) out.push({ path, sha256: a.sha256 });
    }
  }
  if (w.localPath !== undefined && !w.localPath.endsWith('/')) {
    const copy = remotePathOf(w.localPath);
    if (local.all.has(copy)) out.push({ path: copy, sha256: undefined });
  }
  return out;
}
