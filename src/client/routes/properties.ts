import type { Http } from '../http.js';
import type { ContentProperty } from '../types.js';

const base = (pageId: string) => `/wiki/api/v2/pages/${encodeURIComponent(pageId)}/properties`;

export async function pageProperty(http: Http, pageId: string, key: string): Promise<ContentProperty | undefined> {
  const body = await http.get<{ results: ContentProperty[] }>(base(pageId), { key });
  return body.results.find((p) => p.key === key);
}

/** Creates the property, or updates it (its own version + 1) when it exists. Never bumps the page version. */
export async function setPageProperty(http: Http, pageId: string, key: string, value: unknown): Promise<ContentProperty> {
  const existing = await pageProperty(http, pageId, key);
  if (!existing) return (await http.request<ContentProperty>('POST', base(pageId), { json: { key, value } })).body;
  return (
    await http.request<ContentProperty>('PUT', `${base(pageId)}/${encodeURIComponent(existing.id)}`, {
      json: { key, value, version: { number: existing.version.number + 1, message: '' } },
    })
  ).body;
}

export async function createPageProperty(http: Http, pageId: string, key: string, value: unknown): Promise<ContentProperty> {
  return (await http.request<ContentProperty>('POST', base(pageId), { json: { key, value } })).body;
}
