/**
 * Media types of uploaded files and the human description Confluence shows beside them
 * (`mediaTypeDescription`). Confluence keeps the type the client declared for the file part; a
 * missing or generic `application/octet-stream` type is guessed from the extension (inferred: real
 * sites show `image/png` for PNGs uploaded by clients that send no type). The descriptions are
 * unverified stand-ins of the same kind ("PNG Image").
 */

interface Known {
  readonly type: string;
  readonly description: string;
}

const byExtension: Record<string, Known> = {
  png: { type: 'image/png', description: 'PNG Image' },
  jpg: { type: 'image/jpeg', description: 'JPEG Image' },
  jpeg: { type: 'image/jpeg', description: 'JPEG Image' },
  gif: { type: 'image/gif', description: 'GIF Image' },
  svg: { type: 'image/svg+xml', description: 'SVG Image' },
  webp: { type: 'image/webp', description: 'WEBP Image' },
  pdf: { type: 'application/pdf', description: 'PDF Document' },
  txt: { type: 'text/plain', description: 'Text File' },
  md: { type: 'text/markdown', description: 'Markdown File' },
  csv: { type: 'text/csv', description: 'CSV File' },
  html: { type: 'text/html', description: 'HTML File' },
  json: { type: 'application/json', description: 'JSON File' },
  xml: { type: 'application/xml', description: 'XML File' },
  zip: { type: 'application/zip', description: 'ZIP Archive' },
  drawio: { type: 'application/vnd.jgraph.mxfile', description: 'draw.io Diagram' },
};

const descriptions = new Map(Object.values(byExtension).map((k) => [k.type, k.description]));

const GENERIC = 'application/octet-stream';

/** The media type stored for a file: the declared one without parameters, else a guess from the name. */
export function mediaTypeOf(filename: string, declared: string | undefined): string {
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== GENERIC && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return type;
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension !== undefined ? byExtension[extension]?.type : undefined) ?? GENERIC;
}

export function mediaTypeDescription(mediaType: string): string {
  return descriptions.get(mediaType) ?? 'File';
}
