/** Public types of the Markdown → storage converter. */

/** Where a relative link points, as the converter understood it. */
export interface LinkTarget {
  /** The destination as written in the Markdown, e.g. `../guide/setup.md#install`. */
  readonly href: string;
  /**
   * The path part, percent-decoded and normalised (POSIX separators, `.`/`..` folded), joined to
   * the directory of `context.file` when that is given: `docs/guide/setup.md`. An empty string
   * for a same-page `#anchor` link.
   */
  readonly path: string;
  /** The fragment, percent-decoded, without `#`; `undefined` when there is none. */
  readonly anchor: string | undefined;
}

/** A Confluence page a link resolves to. */
export interface PageReference {
  readonly title: string;
  /** Omit for the current space. */
  readonly spaceKey?: string;
  /**
   * The Confluence heading anchor on that page (unencoded, e.g. `Install-on-Linux`), when the
   * link carries a fragment. The sync engine gets it from the target's `headings[].anchor`
   * (matched on `slug`). When omitted, the fragment is used as written.
   */
  readonly anchor?: string;
}

/** Options that change the output. Every option has a documented default. */
export interface ToStorageOptions {
  /**
   * How a ```` ```mermaid ```` fence is published. `code` (default): a code macro with the
   * source and language `mermaid`, readable everywhere. `macro`: the diagram macro named by
   * {@link mermaidMacro}, with the source as its plain-text body.
   */
  readonly mermaid?: 'code' | 'macro';
  /** Macro name used when `mermaid` is `macro` (default `mermaid-cloud`). */
  readonly mermaidMacro?: string;
  /** Insert a table-of-contents macro at the top even without frontmatter `toc: true` (default false). */
  readonly toc?: boolean;
}

/** What the converter needs to know about the world; it never does I/O itself. */
export interface ToStorageContext {
  /** Path of the source file, used in warnings and to resolve relative links (default `<stdin>`). */
  readonly file?: string;
  /**
   * Resolves a relative link (to a Markdown file, or a folder) to the page it is published as.
   * `undefined` means "not part of the tree": the link stays a plain link and a warning says so.
   * When no resolver is given, every relative page link is reported unresolved.
   */
  readonly resolveLink?: (target: LinkTarget) => PageReference | undefined;
  /**
   * Resolves a local file (an image, or a linked non-Markdown file) to the attachment filename it
   * is uploaded as. `undefined` means the file is missing: a warning is given. When no resolver is
   * given, the file's base name is used.
   */
  readonly resolveAttachment?: (path: string) => string | undefined;
  readonly options?: ToStorageOptions;
}

/** Stable warning codes; docs/converter-to-storage.md lists what each means and how to fix it. */
export type WarningCode =
  | 'link-unresolved'
  | 'link-unsafe'
  | 'anchor-not-found'
  | 'anchor-ambiguous'
  | 'attachment-unresolved'
  | 'html-malformed'
  | 'html-disallowed'
  | 'frontmatter-invalid'
  | 'control-character'
  | 'code-language-unknown';

export interface ConversionWarning {
  readonly file: string;
  /** 1-based line in the source file (frontmatter included). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly code: WarningCode;
  /** What happened and what to do about it. */
  readonly message: string;
}

/** A local file the page needs as an attachment. */
export interface AttachmentReference {
  /** Normalised path of the file (see {@link LinkTarget.path}). */
  readonly path: string;
  /** The attachment filename used in the storage. */
  readonly filename: string;
}

/** A link found in the document, internal or external. */
export interface LinkReference {
  readonly kind: 'page' | 'anchor' | 'attachment' | 'external';
  readonly href: string;
  /** For `page` and `attachment` links, the normalised path; `''` otherwise. */
  readonly path: string;
  readonly anchor: string | undefined;
  /** The resolved page for `page` links (`undefined` when unresolved). */
  readonly page: PageReference | undefined;
  readonly line: number;
}

/** A heading of the page, with both its GitHub slug and its Confluence anchor. */
export interface HeadingInfo {
  readonly depth: number;
  /** The displayed text. */
  readonly text: string;
  /** What a Markdown `#fragment` calls it (GitHub's slug, with `-1`… for repeats). */
  readonly slug: string;
  /** The anchor Confluence generates for it (unencoded). */
  readonly anchor: string;
  readonly line: number;
}

export interface ToStorageResult {
  /** The storage-format XHTML fragment. */
  readonly storage: string;
  /** Attachments the page references, each once, in order of first use. */
  readonly attachments: readonly AttachmentReference[];
  readonly links: readonly LinkReference[];
  readonly headings: readonly HeadingInfo[];
  readonly warnings: readonly ConversionWarning[];
}
