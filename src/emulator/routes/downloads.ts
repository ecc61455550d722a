import { attachmentNamed, findContainer, latestVersion } from '../attachments-store.js';
import { errors } from '../errors.js';
import type { ApiResponse } from '../http-types.js';
import { fileResponse, mediaUrl } from '../media.js';
import { integer } from '../params.js';
import type { Router } from '../router.js';

/**
 * `GET /wiki/download/attachments/{pageId}/{filename}[?version=N]`: the `downloadLink` of v2 and the
 * `_links.download` of v1, relative to `<site>/wiki`. Authenticated like the site's v1 routes. It
 * answers the bytes with the stored media type, or (option `downloadRedirect`) a 302 to the media
 * service as the v1 download route does. What is not there is Tomcat's HTML 404.
 */
export function registerDownloads(router: Router): void {
  router.get('/attachments/{pageId}/{filename}', (req): ApiResponse => {
    const site = req.site;
    const container = findContainer(site, req.params.pageId ?? '');
    if (!container || container.status === 'trashed') throw errors.noRoute();
    const record = attachmentNamed(site, container.id, req.params.filename ?? '');
    if (!record) throw errors.noRoute();
    const number = integer(req, 'version') ?? latestVersion(record).number;
    if (!record.versions.some((v) => v.number === number)) throw errors.noRoute();
    if (site.fidelity.downloadRedirect) {
      return { status: 302, headers: { location: mediaUrl(site, req.headers.host ?? '127.0.0.1', record, number) } };
    }
    return fileResponse(record, number, 'attachment')!;
  });
}
