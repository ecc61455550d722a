import type { Http } from '../http.js';
import type { Label } from '../types.js';

/** Labels are read through v2 and written through v1 (v2 has no label writes). */
export function labelsOf(http: Http, pageId: string): AsyncGenerator<Label> {
  return http.paginate<Label>(`/wiki/api/v2/pages/${encodeURIComponent(pageId)}/labels`);
}

export function blogPostLabelsOf(http: Http, blogPostId: string): AsyncGenerator<Label> {
  return http.paginate<Label>(`/wiki/api/v2/blogposts/${encodeURIComponent(blogPostId)}/labels`);
}

export async function addLabels(http: Http, contentId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await http.request('POST', `/wiki/rest/api/content/${encodeURIComponent(contentId)}/label`, {
    json: names.map((name) => ({ prefix: 'global', name })),
  });
}

/** Uses the query form: the path form fails for names containing `/`. */
export async function removeLabel(http: Http, contentId: string, name: string): Promise<void> {
  await http.request('DELETE', `/wiki/rest/api/content/${encodeURIComponent(contentId)}/label`, { query: { name } });
}
