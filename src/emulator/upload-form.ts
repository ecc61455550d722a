import type { IncomingHttpHeaders } from 'node:http';
import type { Upload } from './attachments-store.js';
import { ApiError } from './errors.js';
import { isMultipart, MultipartError, parseMultipart, partText } from './multipart.js';
import type { Fidelity } from './options.js';

/**
 * The form of the v1 attachment writes ([V1] `createAttachment`, `createOrUpdateAttachments`,
 * `updateAttachmentData`): `file` (binary, required, may repeat), `minorEdit` (required, "true" or
 * "false"), `comment` (optional, one per file in the same order), behind the XSRF header.
 */

/**
 * Multipart writes need `X-Atlassian-Token: no-check` (the value Atlassian promotes now) or `nocheck`
 * (the v1 spec's spelling); without it the request is refused with 403 (notes §4.10). The body of that
 * 403 is unverified: the text `XSRF check failed`, in the v1 envelope by default.
 */
export function requireXsrfToken(headers: IncomingHttpHeaders, fidelity: Fidelity): void {
  const raw = headers['x-atlassian-token'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
  if (value === 'no-check' || value === 'nocheck') return;
  throw fidelity.xsrfFailureBody === 'text'
    ? new ApiError(403, 'Forbidden', { raw: { contentType: 'text/plain;charset=UTF-8', body: 'XSRF check failed' } })
    : new ApiError(403, 'Forbidden', { v1Message: 'XSRF check failed' });
}

/** Spring's 400 for a missing part of a multipart request (inferred: Confluence Cloud's v1 runs on Spring). */
function missingPart(name: string): ApiError {
  return new ApiError(400, 'Bad Request', {
    v1Message: `org.springframework.web.multipart.support.MissingServletRequestPartException: Required request part '${name}' is not present`,
  });
}

/** Reads the files of an upload form. Throws the 4xx Confluence answers for a form it cannot use. */
export function readUploadForm(headers: IncomingHttpHeaders, body: Buffer): Upload[] {
  const contentType = headers['content-type'];
  if (!isMultipart(contentType)) {
    throw new ApiError(415, 'Unsupported Media Type', {
      raw: {
        contentType: 'application/json;charset=UTF-8',
        body: JSON.stringify({ statusCode: 415, message: `Content type '${contentType ?? ''}' not supported; use multipart/form-data.`, reason: 'Unsupported Media Type' }),
      },
    });
  }
  let parts;
  try {
    parts = parseMultipart(contentType, body);
  } catch (error) {
    if (error instanceof MultipartError) throw new ApiError(400, 'Bad Request', { v1Message: `Failed to parse multipart servlet request: ${error.message}` });
    throw error;
  }
  const files = parts.filter((p) => p.name === 'file' && p.filename !== undefined);
  if (files.length === 0) throw missingPart('file');
  const minorEditPart = parts.find((p) => p.name === 'minorEdit');
  if (!minorEditPart) throw missingPart('minorEdit');
  const minorEditText = partText(minorEditPart).trim().toLowerCase();
  if (minorEditText !== 'true' && minorEditText !== 'false') {
    throw new ApiError(400, 'Bad Request', { v1Message: `Invalid value '${partText(minorEditPart)}' for 'minorEdit': expected true or false` });
  }
  const comments = parts.filter((p) => p.name === 'comment').map(partText);
  return files.map((file, index) => ({
    filename: file.filename!,
    data: file.data,
    declaredType: file.contentType,
    comment: comments[index] ?? '',
    minorEdit: minorEditText === 'true',
  }));
}
