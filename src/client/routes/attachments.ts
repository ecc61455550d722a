import { encodeMultipart } from '../multipart.js';
import type { Http } from '../http.js';
import type { Attachment } from '../types.js';

export function attachmentsOf(http: Http, pageId: string): AsyncGenerator<Attachment> {
  return http.paginate<Attachment>(`/wiki/api/v2/pages/${encodeURIComponent(pageId)}/attachments`);
}

export function blogPostAttachmentsOf(http: Http, blogPostId: string): AsyncGenerator<Attachment> {
  return http.paginate<Attachment>(`/wiki/api/v2/blogposts/${encodeURIComponent(blogPostId)}/attachments`);
}

/**
 * The bytes of one attachment version: `GET /wiki/download/attachments/{containerId}/{filename}?version=N`
 * (the v2 `downloadLink`, relative to the site's `/wiki`).
 */
export function downloadAttachment(http: Http, containerId: string, filename: string, version: number | undefined): Promise<Buffer> {
  return http.download(`/wiki/download/attachments/${encodeURIComponent(containerId)}/${encodeURIComponent(filename)}`, { version });
}

export interface Upload {
  readonly filename: string;
  readonly data: Buffer;
  readonly mediaType: string;
  readonly comment?: string;
}

/**
 * Creates or updates (new version) an attachment by file name: v1 `PUT …/child/attachment`, multipart,
 * with the XSRF header Confluence requires and the comment sent as UTF-8 text.
 */
export async function putAttachment(http: Http, pageId: string, upload: Upload): Promise<unknown> {
  const { body, contentType } = encodeMultipart([
    { name: 'file', filename: upload.filename, contentType: upload.mediaType, data: upload.data },
    { name: 'minorEdit', contentType: 'text/plain; charset=UTF-8', data: 'true' },
    ...(upload.comment !== undefined ? [{ name: 'comment', contentType: 'text/plain; charset=UTF-8', data: upload.comment }] : []),
  ]);
  const response = await http.request('PUT', `/wiki/rest/api/content/${encodeURIComponent(pageId)}/child/attachment`, {
    body,
    headers: { 'x-atlassian-token': 'no-check', 'content-type': contentType },
  });
  return response.body;
}
