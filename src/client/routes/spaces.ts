import { ConfluenceError } from '../errors.js';
import type { Http } from '../http.js';
import type { Space } from '../types.js';

export async function spaceByKey(http: Http, key: string): Promise<Space> {
  const body = await http.get<{ results: Space[] }>('/wiki/api/v2/spaces', { keys: key });
  const space = body.results.find((s) => s.key.toLowerCase() === key.toLowerCase());
  if (!space) {
    throw new ConfluenceError({
      method: 'GET',
      path: '/wiki/api/v2/spaces',
      status: 404,
      apiMessage: `No space with key '${key}'`,
      requestId: undefined,
      hint: `Check the space key (--space or "space" in the config) and that ${http.connection.description} may see it.`,
    });
  }
  return space;
}

export function space(http: Http, id: string): Promise<Space> {
  return http.get<Space>(`/wiki/api/v2/spaces/${encodeURIComponent(id)}`);
}
