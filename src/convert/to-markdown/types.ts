/** Public types of the storage → Markdown converter. */

/** A Confluence page a link in the storage names. */
export interface PageTarget {
  /** `ri:content-title`. */
  readonly title: string;
  /** `ri:space-key`, when the link names a space; `undefined` means the current space. */
  readonly spaceKey: string | undefined;
}

/** What the converter needs to know about the world; it never does I/O itself. */
export interface ToMarkdownContext {
  /**
   * Path of the Markdown file being written (POSIX, relative to the tree root), used in warnings
   * and to make links and image paths relative to it (default `<stdin>`, i.e. the current
   * directory).
   */
  readonly file?: string;
  /**
   * The Markdown file (tree path, e.g. `docs/guide/setup.md`) a page link points at, or
   * `undefined` when the page is not part of the synced tree: the link is then kept as
   * Confluence markup (so the next push writes the same link) and a warning says so.
   */
  readonly resolvePage?: (page: PageTarget) => string | undefined;
  /**
   * The downloaded file (tree path) for an attachment of this page, or `undefined` when it is
   * unknown: the image or link is then kept as Confluence markup and a warning says so. Without a
   * resolver, attachments are expected next to the Markdown file under their own names.
   */
  readonly resolveAttachment?: (filename: string) => string | undefined;
}

/** Stable warning codes; docs/converter-to-markdown.md lists what each means. */
export type ToMarkdownWarningCode =
  | 'storage-malformed'
  | 'page-unresolved'
  | 'attachment-unresolved'
  | 'kept-as-storage'
  | 'comment-dropped';

export interface ToMarkdownWarning {
  readonly file: string;
  /** 1-based line in the storage input. */
  readonly line: number;
  readonly code: ToMarkdownWarningCode;
  readonly message: string;
}

/** An attachment the Markdown refers to: the file the sync engine must download. */
export interface PulledAttachment {
  /** The attachment's filename on the page. */
  readonly filename: string;
  /** Tree path of the file the Markdown points at. */
  readonly path: string;
}

/** A link to another page that the Markdown refers to. */
export interface PulledLink {
  readonly page: PageTarget;
  /** Tree path of the Markdown file, or `undefined` when unresolved (kept as storage). */
  readonly path: string | undefined;
  /** Decoded `ac:anchor`, if any. */
  readonly anchor: string | undefined;
  readonly line: number;
}

export interface ToMarkdownResult {
  readonly markdown: string;
  /** Attachments used by the Markdown, each once, in order of first use. */
  readonly attachments: readonly PulledAttachment[];
  readonly links: readonly PulledLink[];
  readonly warnings: readonly ToMarkdownWarning[];
}
