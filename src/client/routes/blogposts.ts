import type { Http } from '../http.js';
import type { BlogPost } from '../types.js';

const v2 = '/wiki/api/v2';

/** The current blog posts of a space, with their bodies when asked (250 a request). */
export function blogPostsInSpace(http: Http, spaceId: string, options: { readonly bodyFormat?: 'storage' } = {}): AsyncGenerator<BlogPost> {
  return http.paginate<BlogPost>(`${v2}/spaces/${encodeURIComponent(spaceId)}/blogposts`, { 'body-format': options.bodyFormat });
}

/** One blog post, optionally at an older version, with its body when asked. */
export function blogPost(http: Http, id: string, options: { readonly bodyFormat?: 'storage'; readonly version?: number } = {}): Promise<BlogPost> {
  return http.get<BlogPost>(`${v2}/blogposts/${encodeURIComponent(id)}`, { 'body-format': options.bodyFormat, version: options.version });
}
