/**
 * Matching push and pull contexts over one table of pages and attachments, as the sync engine
 * builds them: a page link pulled to `guide/setup.md` is pushed back to the same page, an
 * attachment pulled to `img/a.png` is uploaded under the same filename. The round-trip tests and
 * `bench/round-trip-corpus.ts` use them.
 */
import type { PageReference, ToStorageContext } from '../to-storage/types.js';
import type { PageTarget, ToMarkdownContext } from '../to-markdown/types.js';

export interface RoundTripPage {
  /** Tree path of the Markdown file. */
  readonly path: string;
  readonly title: string;
  /** The space key links to this page carry (none for the current space). */
  readonly spaceKey?: string;
}

export interface RoundTripTable {
  /** The Markdown file being converted (tree path). */
  readonly file: string;
  readonly pages?: readonly RoundTripPage[];
  /** Attachment filename → tree path of the file. Without it, files sit beside the Markdown file under their own names. */
  readonly attachments?: Readonly<Record<string, string>>;
}

export interface RoundTripContexts {
  readonly pull: ToMarkdownContext;
  readonly push: ToStorageContext;
}

function pageKey(title: string, spaceKey: string | undefined): string {
  return `${spaceKey ?? ''}\u0000${title}`;
}

/** The two contexts, inverse of each other over `table`. */
export function roundTripContexts(table: RoundTripTable): RoundTripContexts {
  const byTarget = new Map<string, RoundTripPage>();
  const byPath = new Map<string, RoundTripPage>();
  for (const page of table.pages ?? []) {
    if (!byTarget.has(pageKey(page.title, page.spaceKey))) byTarget.set(pageKey(page.title, page.spaceKey), page);
    if (!byPath.has(page.path)) byPath.set(page.path, page);
  }
  const attachments = table.attachments;
  const filenames = new Map<string, string>();
  for (const [filename, file] of Object.entries(attachments ?? {})) if (!filenames.has(file)) filenames.set(file, filename);

  const pull: ToMarkdownContext = {
    file: table.file,
    resolvePage: (page: PageTarget) => byTarget.get(pageKey(page.title, page.spaceKey))?.path,
    ...(attachments ? { resolveAttachment: (filename: string) => attachments[filename] } : {}),
  };
  const push: ToStorageContext = {
    file: table.file,
    resolveLink: (target) => {
      const page = byPath.get(target.path);
      if (!page) return undefined;
      const reference: PageReference = page.spaceKey === undefined ? { title: page.title } : { title: page.title, spaceKey: page.spaceKey };
      return reference;
    },
    ...(attachments ? { resolveAttachment: (file: string) => filenames.get(file) } : {}),
  };
  return { pull, push };
}
