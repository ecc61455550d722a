import type { Http } from '../http.js';
import type { CurrentUser } from '../types.js';

export function currentUser(http: Http): Promise<CurrentUser> {
  return http.get<CurrentUser>('/wiki/rest/api/user/current');
}
