import { storageToMarkdown, type PageTarget, type PulledAttachment, type ToMarkdownResult, type ToMarkdownWarning } from '../convert/index.js';
import { pulledFileText, type PulledFields } from './file-text.js';
import { safeAttachmentName } from './slug.js';

/** `guide/setup.md` → `guide/setup.assets`: the folder a page's attachments are downloaded to. */
export function assetsFolder(path: string): string {
  return `${path.replace(/\/$/, '/index.md').replace(/\.md$/i, '')}.assets`;
}

/**
 * Page links by title → the file of the page, among the pulled pages (titles are unique in a space
 * without regard to case). Links that name another space stay Confluence links.
 */
export function pageResolver(spaceKey: string, paths: ReadonlyMap<string, string>): (target: PageTarget) => string | undefined {
  const byTitle = new Map<string, string>();
  for (const [title, path] of paths) byTitle.set(title.toLowerCase(), path);
  return (target) => {
    if (target.spaceKey !== undefined && target.spaceKey.toLowerCase() !== spaceKey.toLowerCase()) return undefined;
    return paths.get(target.title) ?? byTitle.get(target.title.toLowerCase());
  };
}

export interface PageFileInput {
  readonly idKey: 'pageId' | 'blogPostId';
  readonly id: string;
  readonly title: string;
  readonly labels: readonly string[];
  /** The file being written (tree path). */
  readonly path: string;
  /** The body, without the notice. */
  readonly storage: string;
  readonly resolvePage: (target: PageTarget) => string | undefined;
  /** The file names of the page's attachments in Confluence (undefined: not looked up, none is used). */
  readonly attachments: ReadonlySet<string> | undefined;
  /** File name → where the file already is (it stays there); others go to the page's assets folder. */
  readonly assetPaths?: ReadonlyMap<string, string>;
  readonly parent?: string;
  readonly date?: string;
  readonly confluence?: false;
  /** The file's current text: its frontmatter fields that confluence-sync does not own are kept. */
  readonly existing?: string;
}

export interface PageFile {
  readonly text: string;
  /** Attachments the Markdown uses, each with the path it is downloaded to. */
  readonly attachments: readonly PulledAttachment[];
  readonly warnings: readonly ToMarkdownWarning[];
}

/**
 * The file name → tree path of each of the page's attachments that its Markdown may use: those
 * whose names can be files, each where it already is (`assetPaths`) or in the page's assets folder.
 * Every other name stays a Confluence reference.
 */
export function attachmentTargets(input: Pick<PageFileInput, 'path' | 'attachments' | 'assetPaths'>): Map<string, string> {
  const names = [...(input.attachments ?? [])];
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  const folder = assetsFolder(input.path);
  const out = new Map<string, string>();
  for (const name of names) {
    if (!safeAttachmentName(name) || (counts.get(name.toLowerCase()) ?? 0) > 1) continue;
    out.set(name, input.assetPaths?.get(name) ?? `${folder}/${name}`);
  }
  return out;
}

/** The frontmatter fields of the file of a page. */
export function pulledFields(input: Omit<PageFileInput, 'storage' | 'resolvePage' | 'attachments' | 'assetPaths' | 'path' | 'existing'>): PulledFields {
  return {
    idKey: input.idKey,
    id: input.id,
    title: input.title,
    labels: input.labels,
    ...(input.parent !== undefined ? { parent: input.parent } : {}),
    ...(input.date !== undefined ? { date: input.date } : {}),
    ...(input.confluence === false ? { confluence: false as const } : {}),
  };
}

/** The file of a page from its converted body (storageToMarkdown with the resolvers of {@link pageFile}). */
export function pageFileOf(input: Omit<PageFileInput, 'storage' | 'resolvePage'>, converted: ToMarkdownResult): PageFile {
  return { text: pulledFileText(pulledFields(input), converted.markdown, input.existing), attachments: converted.attachments, warnings: converted.warnings };
}

/**
 * A page as its Markdown file (pure): the body converted with links to pulled pages as relative
 * links, attachments as files in the page's assets folder (those whose names can be files; the
 * others stay Confluence references), and the frontmatter.
 */
export function pageFile(input: PageFileInput): PageFile {
  const targets = attachmentTargets(input);
  const result = storageToMarkdown(input.storage, { file: input.path, resolvePage: input.resolvePage, resolveAttachment: (filename) => targets.get(filename) });
  return pageFileOf(input, result);
}
