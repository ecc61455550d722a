import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { ConfluenceError, type ConfluenceClient, type Folder, type Page } from '../client/index.js';
import type { LockEntry } from '../lockfile/schema.js';
import type { LockfileWriter } from '../lockfile/io.js';
import { ORPHAN_ARCHIVED, ORPHAN_GONE, type Action, type ParentTarget, type Plan, type RenderedPage } from '../plan/types.js';
import { taggedFingerprint, versionMessage, sameFingerprint } from '../plan/version-tag.js';
import { writePageId } from '../tree/write-page-id.js';
import type { ApplyEvent, ApplyReport } from './events.js';
import { commentMarkers, keepCommentMarkers } from './inline-comments.js';
import { mediaTypeOf } from './media-type.js';

export const MARKER_KEY = 'confluence-sync';

/**
 * Creates and updates under way at once (their parent known), per request the client sends at a
 * time: enough that a free request slot always finds an action ready to use it, few enough that the
 * pages of a large tree do not all read their body and wait in the request queue holding it (a
 * 5,000-page first push held about 70 MB of bodies that way).
 */
const ACTIONS_PER_REQUEST = 4;

export interface ApplyInput {
  readonly plan: Plan;
  readonly pages: ReadonlyMap<string, RenderedPage>;
  readonly client: ConfluenceClient;
  readonly lock: LockfileWriter;
  /** The docs root on disk: attachments are read from it, page IDs written into its files. */
  readonly docsRoot: string;
  readonly force: boolean;
  readonly onEvent: (event: ApplyEvent) => void;
}

type Outcome = { ok: true; pageId: string } | { ok: false };

/**
 * Applies a plan: creates and updates run concurrently (bounded by the client's limit) but every
 * page waits for its parent; every success is recorded in the lockfile at once (a create is also
 * recorded as pending before it is sent), and a new page's ID is written into its file. Orphans
 * are archived or deleted last, and only when nothing else failed.
 */
export async function applyPlan(input: ApplyInput): Promise<ApplyReport> {
  const report: ApplyReport = { created: [], updated: [], unchanged: [], conflicts: [], archived: [], deleted: [], kept: [], failed: [] };
  const outcomes = new Map<string, Promise<Outcome>>();
  const underWay = pLimit(input.client.concurrency * ACTIONS_PER_REQUEST);
  const base = input.client.connection.siteUrl ?? input.client.connection.root;

  // Folders that pages may be created in: kept ones now, created ones as they are made.
  const folderIds = new Set(input.plan.actions.flatMap((a) => (a.type === 'noop' && a.kind === 'folder' ? [a.pageId] : [])));
  // A created page's id, as soon as Confluence answers the create: its children need nothing else
  // (its labels, attachments and marker are finished meanwhile).
  const createdIds = new Map<string, { promise: Promise<string | undefined>; resolve: (id: string | undefined) => void }>();
  for (const action of input.plan.actions) {
    if (action.type !== 'create') continue;
    let resolve!: (id: string | undefined) => void;
    const promise = new Promise<string | undefined>((r) => (resolve = r));
    createdIds.set(action.path, { promise, resolve });
  }
  const parentId = async (target: ParentTarget): Promise<string | undefined> => {
    if (target.kind === 'id') return target.id;
    const created = createdIds.get(target.path);
    if (created) return created.promise;
    const outcome = await outcomes.get(target.path);
    return outcome?.ok ? outcome.pageId : undefined;
  };

  const fail = (action: Action, error: unknown): Outcome => {
    const message = error instanceof Error ? error.message : String(error);
    report.failed.push({ path: action.path, error: message });
    input.onEvent({ type: 'failed', action, error: message });
    return { ok: false };
  };

  const run = async (action: Action): Promise<Outcome> => {
    const outcome = await attempt(action);
    // Unblocks the children of a create that failed (they fail too, saying why).
    createdIds.get(action.path)?.resolve(outcome.ok ? outcome.pageId : undefined);
    return outcome;
  };

  const attempt = async (action: Action): Promise<Outcome> => {
    const page = input.pages.get(action.path);
    const onId = (id: string) => createdIds.get(action.path)?.resolve(id);
    try {
      switch (action.type) {
        case 'create': {
          const parent = await parentId(action.parent);
          if (parent === undefined) return fail(action, new Error('not created because its parent page could not be created'));
          if (action.kind === 'folder') {
            const folder = await underWay(() => createFolder(input, page!, parent, folderIds.has(parent) ? 'folder' : 'page', action.replaces));
            folderIds.add(folder.id);
            onId(folder.id);
            report.created.push(action.path);
            input.onEvent({ type: 'done', action, pageId: folder.id, url: webUrl(base, folder) });
            return { ok: true, pageId: folder.id };
          }
          const created = await underWay(() => create(input, page!, parent, onId));
          report.created.push(action.path);
          input.onEvent({ type: 'done', action, pageId: created.id, url: webUrl(base, created) });
          return { ok: true, pageId: created.id };
        }
        case 'update': {
          const parent = await parentId(action.parent);
          if (parent === undefined) return fail(action, new Error('not updated because its parent page could not be created'));
          const result = await underWay(() => update(input, page!, action, parent));
          if (result === 'conflict') {
            report.conflicts.push(action.path);
            input.onEvent({ type: 'conflict', action, error: 'the page changed in Confluence while this run was writing it; run again to re-plan' });
            return { ok: true, pageId: action.pageId };
          }
          report.updated.push(action.path);
          input.onEvent({ type: 'done', action, pageId: action.pageId, url: webUrl(base, result) });
          return { ok: true, pageId: action.pageId };
        }
        case 'noop': {
          await recordNoop(input, page!, action);
          await rememberPageId(input, page!, action.pageId);
          report.unchanged.push(action.path);
          input.onEvent({ type: 'done', action, pageId: action.pageId, url: undefined });
          return { ok: true, pageId: action.pageId };
        }
        case 'conflict':
          report.conflicts.push(action.path);
          input.onEvent({ type: 'conflict', action, error: `edited in Confluence (version ${action.remoteVersion}${action.by ? ` by ${action.by}` : ''}${action.at ? ` at ${action.at}` : ''}) since it was published (version ${action.lockedVersion}); use --force to overwrite` });
          return { ok: true, pageId: action.pageId };
        case 'orphan':
          return { ok: true, pageId: action.pageId };
      }
    } catch (error) {
      return fail(action, error);
    }
  };

  try {
    const pageActions = input.plan.actions.filter((a) => a.type !== 'orphan');
    for (const action of pageActions) outcomes.set(action.path, run(action));
    await Promise.all(outcomes.values());

    for (const action of input.plan.actions) {
      if (action.type !== 'orphan') continue;
      await orphan(input, action, report);
    }
  } finally {
    // The lockfile written whole, its journal folded in, even when the run stops on an error.
    await input.lock.close();
  }
  return report;
}

function webUrl(base: string, page: Pick<Page, '_links'>): string | undefined {
  const webui = page._links?.webui;
  if (!webui) return undefined;
  return `${(page._links?.base ?? `${base}/wiki`).replace(/\/$/, '')}${webui}`;
}

function entryFor(page: RenderedPage, pageId: string, parentId: string, version: number, complete: boolean): LockEntry {
  return {
    ...(page.kind === 'folder' ? { kind: 'folder' as const } : {}),
    pageId,
    title: page.title,
    parentId,
    version,
    storageHash: page.storageHash,
    // Until a create's labels, attachments and marker are done, the fingerprint is left empty, so a rerun finishes them.
    fingerprint: complete ? page.fingerprint : '',
    labels: complete ? [...page.labels] : [],
    attachments: complete ? Object.fromEntries(page.attachments.map((a) => [a.filename, { sha256: a.sha256 }])) : {},
  };
}

async function create(input: ApplyInput, page: RenderedPage, parent: string, onId: (id: string) => void): Promise<Page> {
  const { client, lock } = input;
  await lock.record({ op: 'pending', path: page.path, title: page.title, storageHash: page.storageHash });
  const created = await client.pages.create({ spaceId: input.plan.spaceId, title: page.title, body: page.storage, parentId: parent });
  const version = created.version?.number ?? 1;
  await lock.record({ op: 'page', path: page.path, entry: entryFor(page, created.id, parent, version, false) });
  onId(created.id);
  if (!page.path.endsWith('/')) await writePageId(join(input.docsRoot, page.path), created.id);
  await finish(input, page, created.id, page.labels, [], page.attachments.map((a) => a.filename));
  // Last: the marker with the fingerprint says the create is complete, labels and attachments included.
  await writeMarker(input, page, created.id, true);
  await lock.record({ op: 'page', path: page.path, entry: entryFor(page, created.id, parent, version, true) });
  return created;
}

/**
 * Creates a Confluence folder (after deleting the one it replaces: folders cannot be renamed or
 * moved), marks it as ours and records it. Recorded as pending first, like a page: a folder whose
 * create outcome was lost is found by the client under its parent, never made twice.
 */
async function createFolder(input: ApplyInput, page: RenderedPage, parent: string, parentType: 'page' | 'folder', replaces: string | undefined): Promise<Folder> {
  const { client, lock } = input;
  await lock.record({ op: 'pending', path: page.path, title: page.title });
  if (replaces !== undefined) await client.folders.delete(replaces);
  const folder = await client.folders.create({ spaceId: input.plan.spaceId, title: page.title, parentId: parent, parentType });
  await client.folders.createProperty(folder.id, MARKER_KEY, { path: page.path }).catch((error: unknown) => {
    if (!(error instanceof ConfluenceError && error.status === 409)) throw error;
  });
  await lock.record({ op: 'page', path: page.path, entry: entryFor(page, folder.id, parent, 1, true) });
  return folder;
}

/**
 * Our marker property: the source path, and (`complete`) the storage hash and fingerprint of the
 * page as created, which tell a run without the lockfile that version 1 is up to date.
 */
async function writeMarker(input: ApplyInput, page: RenderedPage, pageId: string, complete: boolean): Promise<void> {
  const value = complete ? { path: page.path, storageHash: page.storageHash, fingerprint: page.fingerprint } : { path: page.path };
  await input.client.properties.create(pageId, MARKER_KEY, value).catch(async (error: unknown) => {
    if (!(error instanceof ConfluenceError && error.status === 409)) throw error;
    // It exists (an earlier attempt, or Confluence made it): a complete marker replaces it.
    if (complete) await input.client.properties.set(pageId, MARKER_KEY, value);
  });
}

async function update(input: ApplyInput, page: RenderedPage, action: Extract<Action, { type: 'update' }>, parent: string): Promise<Page | 'conflict'> {
  const { client, lock } = input;
  // Labels, attachments and the marker first: none changes the page version, and a version tagged
  // with our fingerprint must mean that everything the fingerprint covers is in place (a crash
  // after the PUT leaves nothing for the next run to finish).
  await finish(input, page, action.pageId, action.labels.add, action.labels.remove, action.attachments);
  if (action.changes.includes('marker')) await writeMarker(input, page, action.pageId, !action.writesVersion);
  let result: Page | undefined;
  let version = action.fromVersion;
  if (action.writesVersion) {
    try {
      const body = action.changes.includes('body') ? await withCommentMarkers(input, page, action.pageId) : page.storage;
      result = await client.pages.update(action.pageId, {
        title: page.title,
        body,
        parentId: parent,
        version: action.fromVersion + 1,
        message: versionMessage(page.fingerprint, page.path),
        minorEdit: !page.notify,
      });
    } catch (error) {
      if (!(error instanceof ConfluenceError) || error.status !== 409) throw error;
      // Someone wrote in between, or our own earlier attempt landed: read it back to tell which.
      const now = await client.pages.get(action.pageId);
      if (!sameFingerprint(page.fingerprint, taggedFingerprint(now.version?.message ?? ''))) return 'conflict';
      result = now;
    }
    version = result.version?.number ?? action.fromVersion + 1;
  }
  await lock.record({ op: 'page', path: page.path, entry: entryFor(page, action.pageId, parent, version, true) });
  await rememberPageId(input, page, action.pageId);
  return result ?? (await client.pages.get(action.pageId));
}

/**
 * The new body with the inline-comment markers of the current remote body kept where their text
 * still is; a warning names the page for each comment that loses its anchor.
 */
async function withCommentMarkers(input: ApplyInput, page: RenderedPage, pageId: string): Promise<string> {
  const current = await input.client.pages.get(pageId, { bodyFormat: 'storage' });
  const markers = commentMarkers(current.body?.storage?.value ?? '');
  if (markers.length === 0) return page.storage;
  const { storage, lost } = keepCommentMarkers(page.storage, markers);
  for (const marker of lost) {
    input.onEvent({
      type: 'warning',
      path: page.path,
      message: `${page.path}: the inline comment on "${marker.text.length > 60 ? `${marker.text.slice(0, 57)}...` : marker.text}" (page "${page.title}", ${pageId}) lost its anchor: that text is no longer in the page`,
    });
  }
  return storage;
}

/** Labels and attachments: neither changes the page version. */
async function finish(input: ApplyInput, page: RenderedPage, pageId: string, add: readonly string[], remove: readonly string[], uploads: readonly string[]): Promise<void> {
  const { client } = input;
  if (add.length > 0) await client.labels.add(pageId, add);
  for (const name of remove) {
    await client.labels.remove(pageId, name).catch((error: unknown) => {
      if (!(error instanceof ConfluenceError && error.status === 404)) throw error;
    });
  }
  for (const filename of uploads) {
    const attachment = page.attachments.find((a) => a.filename === filename);
    if (!attachment) continue;
    const data = await readFile(join(input.docsRoot, attachment.file));
    await client.attachments.put(pageId, { filename, data, mediaType: mediaTypeOf(filename), comment: `confluence-sync sha256=${attachment.sha256} path=${attachment.file}` });
  }
}

async function recordNoop(input: ApplyInput, page: RenderedPage, action: Extract<Action, { type: 'noop' }>): Promise<void> {
  const current = input.lock.current.pages[page.path];
  if (current?.pageId === action.pageId && current.fingerprint === page.fingerprint && current.version === action.version) return;
  // Adopted (no lockfile, renamed file, or a lost record): record what the snapshot saw.
  await input.lock.record({ op: 'page', path: page.path, entry: entryFor(page, action.pageId, action.parentId ?? '', action.version, true) });
}

/** A page found without its file's pageId (moved file, lost write-back after a crash): write it back. */
async function rememberPageId(input: ApplyInput, page: RenderedPage, pageId: string): Promise<void> {
  if (page.pageId === undefined && !page.path.endsWith('/')) await writePageId(join(input.docsRoot, page.path), pageId);
}

async function orphan(input: ApplyInput, action: Extract<Action, { type: 'orphan' }>, report: ApplyReport): Promise<void> {
  // By path and id: the path may be in use again already (a folder that became a page, or back).
  const forget = () => input.lock.record({ op: 'forget', pageId: action.pageId, path: action.path });
  if (action.blocked === ORPHAN_GONE || action.blocked === ORPHAN_ARCHIVED) {
    await forget();
    input.onEvent({ type: 'done', action, pageId: action.pageId, url: undefined, note: action.blocked === ORPHAN_GONE ? 'already gone from Confluence; forgotten' : 'archived already; forgotten' });
    return;
  }
  if (action.policy === 'keep' || action.blocked !== undefined || report.failed.length > 0) {
    report.kept.push(action.path);
    const why = action.policy === 'keep' ? 'kept (orphans: keep)' : action.blocked ? `kept: ${action.blocked}` : 'kept: other operations of this run failed';
    input.onEvent({ type: 'warning', path: action.path, message: `${action.path} is gone but its page "${action.title}" (${action.pageId}) is ${why}` });
    return;
  }
  try {
    // Only a page that carries our marker is ever deleted or archived.
    const folder = action.kind === 'folder';
    const marker = folder ? await input.client.folders.property(action.pageId, MARKER_KEY) : await input.client.properties.get(action.pageId, MARKER_KEY);
    if (!marker) {
      report.kept.push(action.path);
      input.onEvent({ type: 'warning', path: action.path, message: `${action.path} is gone but its ${folder ? 'folder' : 'page'} "${action.title}" (${action.pageId}) is kept: it does not carry the confluence-sync marker` });
      return;
    }
    if (folder) {
      await input.client.folders.delete(action.pageId);
      report.deleted.push(action.path);
    } else if (action.policy === 'delete') {
      await input.client.pages.delete(action.pageId);
      report.deleted.push(action.path);
    } else {
      await input.client.http.request('POST', '/wiki/rest/api/content/archive', { json: { pages: [{ id: Number(action.pageId) }] } });
      report.archived.push(action.path);
    }
    await forget();
    input.onEvent({ type: 'done', action, pageId: action.pageId, url: undefined });
  } catch (error) {
    report.failed.push({ path: action.path, error: error instanceof Error ? error.message : String(error) });
    input.onEvent({ type: 'failed', action, error: error instanceof Error ? error.message : String(error) });
  }
}
