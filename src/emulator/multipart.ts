/**
 * A small multipart/form-data reader (RFC 7578) over a body that is already in memory.
 *
 * It keeps what Confluence's attachment routes depend on and a generic parser would hide:
 * - part headers are read as UTF-8, so a file name travels byte-identically (obs [MF-attachments]);
 * - a text part's value is decoded with the charset of its own `Content-Type`, and as ISO-8859-1
 *   when it names none, so a UTF-8 comment sent without a charset comes back double-encoded,
 *   as Confluence returns it (obs 2026-08-07/12, [MF-attachments]; v1 spec text on `comment`).
 */

export interface FormPart {
  /** The `name` of the part's Content-Disposition. */
  readonly name: string;
  /** The `filename` (or RFC 5987 `filename*`), when the part is a file. */
  readonly filename: string | undefined;
  /** The part's `Content-Type` as sent, without parsing; undefined when absent. */
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** A body that is not the multipart/form-data it claims to be. */
export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Whether the request declares a multipart/form-data body. */
export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType?.trim() ?? '');
}

/** The value of one parameter of a header such as `multipart/form-data; boundary="x"`, case-insensitive name. */
export function headerParameter(header: string, name: string): string | undefined {
  return parseParameters(header).get(name.toLowerCase());
}

/** Splits a multipart/form-data body into its parts. Throws `MultipartError` when it is malformed. */
export function parseMultipart(contentType: string | undefined, body: Buffer): FormPart[] {
  if (!isMultipart(contentType)) throw new MultipartError('The request is not multipart/form-data');
  const boundary = headerParameter(contentType ?? '', 'boundary');
  if (!boundary) throw new MultipartError('The multipart/form-data request has no boundary');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const bodyDelimiter = Buffer.concat([CRLF, delimiter]);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('The multipart body does not contain its boundary');
  at += delimiter.length;
  const parts: FormPart[] = [];
  for (;;) {
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new MultipartError('Malformed multipart delimiter line');
    at += 2;
    const headerEnd = body.indexOf(HEADER_END, at);
    const emptyHeaders = body.subarray(at, at + 2).equals(CRLF);
    if (headerEnd < 0 && !emptyHeaders) throw new MultipartError('Unterminated multipart part headers');
    const headers = emptyHeaders ? new Map<string, string>() : parseHeaders(body.subarray(at, headerEnd).toString('utf8'));
    const dataStart = emptyHeaders ? at + 2 : headerEnd + HEADER_END.length;
    const dataEnd = body.indexOf(bodyDelimiter, dataStart);
    if (dataEnd < 0) throw new MultipartError('The multipart body ends before its closing boundary');
    parts.push(toPart(headers, body.subarray(dataStart, dataEnd)));
    at = dataEnd + bodyDelimiter.length;
  }
}

/** The text of a form field, decoded with its declared charset; ISO-8859-1 when it declares none. */
export function partText(part: FormPart): string {
  const charset = part.contentType === undefined ? undefined : headerParameter(part.contentType, 'charset');
  if (charset === undefined) return part.data.toString('latin1');
  try {
    return new TextDecoder(charset).decode(part.data);
  } catch {
    // An unknown charset label: the servlet container falls back to its default, ISO-8859-1.
    return part.data.toString('latin1');
  }
}

function toPart(headers: Map<string, string>, data: Buffer): FormPart {
  const disposition = headers.get('content-disposition');
  if (disposition === undefined || !/^\s*form-data\b/i.test(disposition)) {
    throw new MultipartError('A multipart part has no "Content-Disposition: form-data" header');
  }
  const params = parseParameters(disposition);
  const name = params.get('name');
  if (name === undefined) throw new MultipartError('A multipart part has no name');
  return { name, filename: params.get('filename*') ?? params.get('filename'), contentType: headers.get('content-type'), data };
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`Malformed multipart part header: ${line}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The `; key=value` parameters after a header's first token, names lowercased. Values may be quoted
 * (with backslash escapes); `key*=charset'lang'pct-encoded` values (RFC 5987) are decoded.
 */
function parseParameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = header.indexOf(';');
  if (i < 0) return params;
  while (i < header.length) {
    i++; // past ';'
    while (header[i] === ' ' || header[i] === '\t') i++;
    const eq = header.indexOf('=', i);
    if (eq < 0) break;
    const key = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      i = header.indexOf(';', i);
      if (i < 0) i = header.length;
    } else {
      const end = header.indexOf(';', i);
      value = header.slice(i, end < 0 ? header.length : end).trim();
      i = end < 0 ? header.length : end;
    }
    params.set(key, key.endsWith('*') ? decodeExtended(value) : value);
  }
  return params;
}

function decodeExtended(value: string): string {
  const m = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!m) return value;
  const [, charset = '', encoded = ''] = m;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%' && /^[0-9a-fA-F]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(encoded.charCodeAt(i) & 0xff);
    }
  }
  try {
    return new TextDecoder(charset || 'utf-8').decode(Uint8Array.from(bytes));
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
