import { ConfluenceError } from '../errors.js';
import type { Http } from '../http.js';
import type { ContentProperty, Folder } from '../types.js';

const v2 = '/wiki/api/v2';

/** A folder with its content properties (one request), or `undefined` when it does not exist. */
export async function folder(http: Http, id: string): Promise<Folder | undefined> {
  try {
    return await http.get<Folder>(`${v2}/folders/${encodeURIComponent(id)}`, { 'include-properties': true });
  } catch (error) {
    if (error instanceof ConfluenceError && error.status === 404) return undefined;
    throw error;
  }
}

interface Child {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly status: string;
}

/** The current folder of this exact title directly under `parentId` (a page or a folder), if any. */
export async function folderUnder(http: Http, parentId: string, parentType: 'page' | 'folder', title: string): Promise<Folder | undefined> {
  const route = `${v2}/${parentType === 'page' ? 'pages' : 'folders'}/${encodeURIComponent(parentId)}/direct-children`;
  for await (const child of http.paginate<Child>(route, {})) {
    if (child.type === 'folder' && child.status === 'current' && child.title === title) return folder(http, child.id);
  }
  return undefined;
}

const MAX_CREATE_ATTEMPTS = 3;

/**
 * Creates a folder. As for pages, a create is never retried blindly: after an ambiguous failure,
 * and after the 400 that says a folder of this title exists (our own earlier attempt that landed),
 * the folder is looked up under its parent and returned when it is there.
 */
export async function createFolder(http: Http, input: { spaceId: string; title: string; parentId: string; parentType: 'page' | 'folder' }): Promise<Folder> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await http.request<Folder>('POST', `${v2}/folders`, { json: { spaceId: input.spaceId, title: input.title, parentId: input.parentId } });
      return response.body;
    } catch (error) {
      if (!(error instanceof ConfluenceError)) throw error;
      const duplicate = error.status === 400 && /folder exists with the same title/i.test(error.message);
      if (!duplicate && (!error.ambiguous || attempt >= MAX_CREATE_ATTEMPTS)) throw error;
      const existing = await folderUnder(http, input.parentId, input.parentType, input.title);
      if (existing) return existing;
      if (duplicate) throw error;
    }
  }
}

/** Moves a folder to the trash (its children move up to its parent); `false` when it was gone already. */
export async function deleteFolder(http: Http, id: string): Promise<boolean> {
  try {
    await http.request('DELETE', `${v2}/folders/${encodeURIComponent(id)}`);
    return true;
  } catch (error) {
    if (error instanceof ConfluenceError && error.status === 404) return false;
    throw error;
  }
}

const propertiesOf = (id: string) => `${v2}/folders/${encodeURIComponent(id)}/properties`;

export async function folderProperty(http: Http, id: string, key: string): Promise<ContentProperty | undefined> {
  const body = await http.get<{ results: ContentProperty[] }>(propertiesOf(id), { key });
  return body.results.find((p) => p.key === key);
}

export async function createFolderProperty(http: Http, id: string, key: string, value: unknown): Promise<ContentProperty> {
  return (await http.request<ContentProperty>('POST', propertiesOf(id), { json: { key, value } })).body;
}
