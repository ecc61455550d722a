import { MARKER_KEY } from '../apply/execute.js';
import type { ConfluenceClient, Folder, Page, Space } from '../client/index.js';
import type { RemoteFolder, RemotePage, RemoteSnapshot } from '../plan/types.js';

function remotePage(page: Page): RemotePage {
  return {
    id: page.id,
    title: page.title,
    parentId: page.parentId ?? null,
    status: page.status,
    version: page.version?.number ?? 1,
    versionMessage: page.version?.message ?? '',
    authorId: page.version?.authorId,
    modifiedAt: page.version?.createdAt,
  };
}

/** The space or root page the config names cannot be published into (invalid input: nothing is written). */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/**
 * The pages of the space (current and archived) with titles, parents and versions, in
 * ceil(pages / 250) list requests, plus one to resolve the space key.
 */
export async function fetchSnapshot(
  client: ConfluenceClient,
  spaceKey: string,
  rootPage: string | undefined,
): Promise<{ snapshot: RemoteSnapshot; space: Space; folderParents: ReadonlySet<string> }> {
  const space = await client.spaces.byKey(spaceKey);
  const pages = new Map<string, RemotePage>();
  const folderParents = new Set<string>();
  for await (const page of client.pages.inSpace(space.id)) {
    pages.set(page.id, remotePage(page));
    if (page.parentType === 'folder' && page.parentId) folderParents.add(page.parentId);
  }
  const rootId = rootPage ?? space.homepageId;
  if (!rootId) throw new SnapshotError(`Space ${space.key} has no homepage: give a root page with --root-page or "rootPage" in the config.`);
  if (rootPage !== undefined && !pages.has(rootPage)) {
    throw new SnapshotError(`The root page ${rootPage} is not a current page of space ${space.key}: check --root-page or "rootPage" in the config.`);
  }
  return { snapshot: { spaceId: space.id, spaceKey: space.key, rootId, pages }, space, folderParents };
}

function remoteFolder(folder: Folder): RemoteFolder {
  const marker = folder.properties?.results.find((p) => p.key === MARKER_KEY)?.value as { path?: unknown } | undefined;
  return {
    id: folder.id,
    title: folder.title,
    parentId: folder.parentId ?? null,
    status: folder.status,
    ...(typeof marker?.path === 'string' ? { markerPath: marker.path } : {}),
  };
}

/**
 * The folders with these IDs, with our marker, and the folders they are in: the API cannot list
 * the folders of a space, so each is one `GET /folders/{id}` (concurrent). A folder that no longer
 * exists is absent from the result.
 */
export async function fetchFolders(client: ConfluenceClient, ids: Iterable<string>): Promise<Map<string, RemoteFolder>> {
  const folders = new Map<string, RemoteFolder>();
  const seen = new Set<string>();
  let wave = [...new Set(ids)];
  while (wave.length > 0) {
    for (const id of wave) seen.add(id);
    const found = await Promise.all(wave.map((id) => client.folders.get(id)));
    const next: string[] = [];
    for (const folder of found) {
      if (!folder) continue;
      folders.set(folder.id, remoteFolder(folder));
      if (folder.parentType === 'folder' && folder.parentId && !seen.has(folder.parentId)) next.push(folder.parentId);
    }
    wave = next;
  }
  return folders;
}
