import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import type { BlockContent, PhrasingContent } from 'mdast';
import type { HeadingIndex } from './headings.js';
import { lineOf } from './parse.js';
import type {
  PageTarget,
  PulledAttachment,
  PulledLink,
  ToMarkdownContext,
  ToMarkdownWarning,
  ToMarkdownWarningCode,
} from './types.js';

/** Converts one storage element in a block position; `undefined` declines (the caller keeps it as storage). */
export type BlockHandler = (state: PullState, element: Element) => BlockContent[] | undefined;
/** Converts one storage element in an inline position; `undefined` declines. */
export type InlineHandler = (state: PullState, element: Element) => PhrasingContent[] | undefined;

/** What the converters of one document share: the context, the registries, and what is collected. */
export interface Converters {
  /** Block content for the children of a container (root, macro body, list item, cell …). */
  flow(state: PullState, children: readonly ElementContent[]): BlockContent[];
  /** Inline content for phrasing children (a paragraph, a heading, a cell). */
  phrasing(state: PullState, children: readonly ElementContent[], edges: boolean): PhrasingContent[];
}

const MESSAGES: Readonly<Record<ToMarkdownWarningCode, string>> = {
  'storage-malformed': 'the storage is not well-formed XML; it is kept as a code block and cannot be pushed back as it was',
  'page-unresolved': 'the linked page is not part of the synced tree; the link is kept as Confluence markup',
  'attachment-unresolved': 'the attachment is not known; it is kept as Confluence markup',
  'kept-as-storage': 'Markdown cannot express this; it is kept as Confluence storage markup, which the next push writes back unchanged',
  'comment-dropped': 'XML comments and processing instructions are not page content and are left out',
};

export const TO_MARKDOWN_WARNING_HELP = MESSAGES;

/**
 * The state of one conversion: the context, the heading anchors of the page (for same-page
 * links), and what is collected (attachments, links, warnings). Handlers get it as their first
 * argument and never import each other; recursion goes through {@link flow} and {@link phrasing}.
 */
export class PullState {
  readonly warnings: ToMarkdownWarning[] = [];
  readonly links: PulledLink[] = [];
  private readonly attachments = new Map<string, PulledAttachment>();
  /** The folder of the Markdown file, which destinations are relative to. */
  private readonly base: string;
  /**
   * The page's footnotes while they are being rebuilt (`handlers/footnote.ts`): normalised label →
   * number shown; `undefined` when the page has no footnote section or the attempt was given up.
   */
  footnotes: ReadonlyMap<string, number> | undefined;

  /** `headings`: the page's headings (`headings.ts`), for same-page links. */
  constructor(
    readonly context: ToMarkdownContext,
    private readonly converters: Converters,
    private readonly headings: HeadingIndex,
  ) {
    this.base = context.file === undefined ? '.' : path.posix.dirname(context.file);
  }

  get file(): string {
    return this.context.file ?? '<stdin>';
  }

  /** Depth of Markdown block quotes and list items around the content being converted. */
  private nesting = 0;

  flow(children: readonly ElementContent[]): BlockContent[] {
    return this.converters.flow(this, children);
  }

  /** Blocks inside a quote or a list item (where MkDocs-style admonitions are not recognised). */
  nestedFlow(children: readonly ElementContent[]): BlockContent[] {
    this.nesting += 1;
    try {
      return this.flow(children);
    } finally {
      this.nesting -= 1;
    }
  }

  /** True inside a block quote or a list item. */
  get nested(): boolean {
    return this.nesting > 0;
  }

  /** Inline content; `edges` drops layout whitespace (with a line break) at the start and end of a block. */
  phrasing(children: readonly ElementContent[], edges = false): PhrasingContent[] {
    return this.converters.phrasing(this, children, edges);
  }

  warn(code: ToMarkdownWarningCode, at: ElementContent | undefined, subject: string): void {
    this.warnings.push({ file: this.file, line: at ? lineOf(at) : 1, code, message: `${subject}: ${MESSAGES[code]}` });
  }

  /** The GitHub slug of the heading whose Confluence anchor is `anchor`, if the page has one. */
  slugForAnchor(anchor: string): string | undefined {
    return this.headings.slugByAnchor.get(anchor);
  }

  /** True when some heading's GitHub slug is `fragment` (the push would send `#fragment` there). */
  isHeadingSlug(fragment: string): boolean {
    return this.headings.slugs.has(fragment);
  }

  /** A tree path made relative to the Markdown file's folder, as a link destination. */
  relative(treePath: string): string {
    const relative = path.posix.relative(this.base, treePath);
    return encodeDestination(relative === '' ? path.posix.basename(treePath) : relative);
  }

  /** The Markdown file of a page, or `undefined` when the context does not know it. */
  pagePath(page: PageTarget, anchor: string | undefined, at: Element): string | undefined {
    const resolved = this.context.resolvePage?.(page);
    this.links.push({ page, path: resolved, anchor, line: lineOf(at) });
    return resolved;
  }

  /** The file of an attachment (tree path), recorded once; `undefined` when the resolver does not know it. */
  attachmentPath(filename: string): string | undefined {
    const known = this.attachments.get(filename);
    if (known) return known.path;
    const resolver = this.context.resolveAttachment;
    let file: string | undefined;
    if (resolver) file = resolver(filename);
    else file = path.posix.join(this.base, filename);
    if (file === undefined) return undefined;
    this.attachments.set(filename, { filename, path: file });
    return file;
  }

  attachmentList(): PulledAttachment[] {
    return [...this.attachments.values()];
  }

  sortedWarnings(): ToMarkdownWarning[] {
    return this.warnings
      .map((warning, index) => ({ warning, index }))
      .sort((a, b) => a.warning.line - b.warning.line || a.index - b.index)
      .map(({ warning }) => warning);
  }
}

/**
 * A relative path as a Markdown destination the push converter decodes back to the same path:
 * `%`, `#` and `?` would be read as an escape, a fragment or a query, so they are
 * percent-encoded; everything else is left for the serializer (which wraps spaces in `<…>`).
 */
export function encodeDestination(value: string): string {
  if (!value.includes('%') && !value.includes('#') && !value.includes('?')) return value;
  let out = '';
  for (const char of value) {
    if (char === '%') out += '%25';
    else if (char === '#') out += '%23';
    else if (char === '?') out += '%3F';
    else out += char;
  }
  return out;
}
