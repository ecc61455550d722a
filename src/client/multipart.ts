import { randomBytes } from 'node:crypto';

export interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly contentType: string;
  readonly data: Buffer | string;
}

/**
 * Encodes multipart/form-data with a content type on every part. Confluence decodes a text part
 * without `charset` as ISO-8859-1, so text parts say `text/plain; charset=UTF-8`; the file name is
 * sent as UTF-8 in `Content-Disposition`, which is how Confluence reads it.
 */
export function encodeMultipart(parts: readonly Part[]): { body: Buffer; contentType: string } {
  const boundary = `----confluence-sync-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename.replace(/["\\\r\n]/g, (c) => encodeURIComponent(c))}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\nContent-Type: ${part.contentType}\r\n\r\n`, 'utf8'),
      typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data,
      Buffer.from('\r\n', 'utf8'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
