import { ConfluenceError, type Attachment, type ConfluenceClient, type Page, type Space } from '../client/index.js';
import type { RemoteDoc } from '../pull/types.js';
import { SnapshotError } from './snapshot.js';
import type { TextSpool } from './text-spool.js';

/** The space's pages as one listing shows them. */
export interface RemoteListing {
  readonly space: Space;
  readonly rootId: string;
  readonly pages: ReadonlyMap<string, RemoteDoc>;
}

function remoteDoc(page: Page): RemoteDoc {
  return { id: page.id, title: page.title, parentId: page.parentId ?? null, status: page.status, version: page.version?.number ?? 1 };
}

/**
 * The space and its pages: one request for the space, then ceil(pages / 250) for the listing,
 * with the bodies in the same requests when given a spool to keep them in (`bodies`, by page id:
 * a first pull needs them all).
 */
export async function listSpace(client: ConfluenceClient, spaceKey: string, rootPage: string | undefined, bodies: TextSpool | undefined): Promise<RemoteListing> {
  const space = await client.spaces.byKey(spaceKey);
  const pages = new Map<string, RemoteDoc>();
  for await (const page of client.pages.inSpace(space.id, bodies ? { bodyFormat: 'storage' } : {})) {
    pages.set(page.id, remoteDoc(page));
    const body = page.body?.storage?.value;
    if (bodies && body !== undefined) bodies.put(page.id, body);
  }
  const rootId = rootPage ?? space.homepageId;
  if (!rootId) throw new SnapshotError(`Space ${space.key} has no homepage: give a root page with --root-page or "rootPage" in the config.`);
  if (pages.get(rootId)?.status !== 'current') {
    throw new SnapshotError(`The root page ${rootId} is not a current page of space ${space.key}: check --root-page or "rootPage" in the config.`);
  }
  return { space, rootId, pages };
}

/**
 * The current bodies of these pages, 250 a request (`GET /pages?id=…&body-format=storage`), kept
 * in `bodies` by page id; returns each page as the request showed it (its version, title and parent).
 */
export async function fetchBodies(client: ConfluenceClient, ids: readonly string[], bodies: TextSpool): Promise<Map<string, RemoteDoc>> {
  const out = new Map<string, RemoteDoc>();
  if (ids.length === 0) return out;
  for await (const page of client.pages.byIds(ids, { bodyFormat: 'storage' })) {
    out.set(page.id, remoteDoc(page));
    bodies.put(page.id, page.body?.storage?.value ?? '');
  }
  return out;
}

/** The body of an older version (the base of a merge), or undefined when Confluence no longer has it. */
export async function fetchVersion(client: ConfluenceClient, id: string, version: number): Promise<string | undefined> {
  try {
    return (await client.pages.get(id, { bodyFormat: 'storage', version })).body?.storage?.value ?? '';
  } catch (error) {
    if (error instanceof ConfluenceError && error.status === 404) return undefined;
    throw error;
  }
}

/** Global labels of a page or blog post (the ones push sets; personal and team labels are left out). */
export async function labelsOf(list: AsyncIterable<{ name: string; prefix: string }>): Promise<string[]> {
  const names: string[] = [];
  for await (const label of list) if (label.prefix === 'global') names.push(label.name);
  return names.sort();
}

/** Current attachments of a page or blog post, by file name. */
export async function attachmentsOf(list: AsyncIterable<Attachment>): Promise<Map<string, Attachment>> {
  const out = new Map<string, Attachment>();
  for await (const attachment of list) if (attachment.status === 'current') out.set(attachment.title, attachment);
  return out;
}

/** Runs `work` for every item with the client's concurrency (the client's limit bounds requests). */
export async function forEach<T, R>(items: Iterable<T>, work: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all([...items].map(work));
}
