import type { ConfluenceClient, Page, Space } from '../client/index.js';
import type { RemotePage, RemoteSnapshot } from '../plan/types.js';

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
export async function fetchSnapshot(client: ConfluenceClient, spaceKey: string, rootPage: string | undefined): Promise<{ snapshot: RemoteSnapshot; space: Space }> {
  const space = await client.spaces.byKey(spaceKey);
  const pages = new Map<string, RemotePage>();
  for await (const page of client.pages.inSpace(space.id)) pages.set(page.id, remotePage(page));
  const rootId = rootPage ?? space.homepageId;
  if (!rootId) throw new SnapshotError(`Space ${space.key} has no homepage: give a root page with --root-page or "rootPage" in the config.`);
  if (rootPage !== undefined && !pages.has(rootPage)) {
    throw new SnapshotError(`The root page ${rootPage} is not a current page of space ${space.key}: check --root-page or "rootPage" in the config.`);
  }
  return { snapshot: { spaceId: space.id, spaceKey: space.key, rootId, pages }, space };
}
