import path from 'node:path';
import type { Element } from 'hast';
import type { Node } from 'unist';
import type { State } from 'mdast-util-to-hast';
import { GithubSlugger, decodeAnchor, encodeAnchor } from '../shared/anchors.js';
import { WARNING_HELP } from './warnings.js';
import type {
  AttachmentReference,
  ConversionWarning,
  HeadingInfo,
  LinkReference,
  LinkTarget,
  PageReference,
  ToStorageContext,
  ToStorageOptions,
  WarningCode,
} from './types.js';

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly mermaid: 'code' | 'macro';
  readonly mermaidMacro: string;
  readonly toc: boolean;
}

export function resolveOptions(options: ToStorageOptions | undefined): ResolvedOptions {
  return {
    mermaid: options?.mermaid ?? 'code',
    mermaidMacro: options?.mermaidMacro ?? 'mermaid-cloud',
    toc: options?.toc ?? false,
  };
}

/** A same-page anchor link whose target is looked up once every heading has been seen. */
interface PendingAnchor {
  readonly element: Element;
  readonly fragment: string;
  readonly node: Node;
}

/**
 * Everything one conversion accumulates: warnings, attachments, links, headings. Handlers and
 * plugins reach it through {@link sessionOf}; it lives on the vfile, so the processor itself
 * stays shared and stateless.
 */
export class ConversionSession {
  readonly warnings: ConversionWarning[] = [];
  readonly links: LinkReference[] = [];
  readonly headings: HeadingInfo[] = [];
  readonly options: ResolvedOptions;
  /** Footnote identifiers in order of first reference; the index + 1 is the number shown. */
  readonly footnoteOrder: string[] = [];
  /** Frontmatter `toc: true`. */
  tocRequested = false;
  private readonly attachments = new Map<string, AttachmentReference>();
  private readonly pendingAnchors: PendingAnchor[] = [];
  private readonly slugger = new GithubSlugger();
  /** Names of anchor macros written in the page (raw `<a id>`/`<a name>`, footnotes). */
  private readonly explicitAnchors = new Set<string>();

  constructor(
    readonly context: ToStorageContext,
    /** Lines before the Markdown body (the frontmatter), added to every reported line. */
    readonly lineOffset: number,
  ) {
    this.options = resolveOptions(context.options);
  }

  get file(): string {
    return this.context.file ?? '<stdin>';
  }

  warn(code: WarningCode, at: Node | undefined, subject: string): void {
    const start = at?.position?.start;
    this.warnAt(code, start?.line ?? 1, start?.column ?? 1, subject);
  }

  /** `line` is a line of the Markdown body (1-based). */
  warnAt(code: WarningCode, line: number, column: number, subject: string): void {
    this.warnings.push({
      file: this.file,
      line: line + this.lineOffset,
      column,
      code,
      message: `${subject}: ${WARNING_HELP[code]}`,
    });
  }

  line(node: Node): number {
    return (node.position?.start.line ?? 1) + this.lineOffset;
  }

  /** Splits and normalises a relative destination. */
  target(href: string): LinkTarget {
    const hash = href.indexOf('#');
    const rawPath = hash === -1 ? href : href.slice(0, hash);
    const anchor = hash === -1 ? undefined : decodeAnchor(href.slice(hash + 1));
    if (rawPath === '') return { href, path: '', anchor };
    const decoded = decodeAnchor(rawPath.split('?')[0] ?? '');
    const base = this.context.file === undefined ? '.' : path.posix.dirname(this.context.file.split(path.sep).join('/'));
    const joined = decoded.startsWith('/') ? decoded : path.posix.join(base, decoded);
    const normalised = path.posix.normalize(joined);
    return { href, path: normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised, anchor };
  }

  resolvePage(target: LinkTarget): PageReference | undefined {
    return this.context.resolveLink?.(target);
  }

  /** The attachment filename for a local file, recorded once; warns when the resolver does not know it. */
  attachment(filePath: string, at: Node): string {
    const known = this.attachments.get(filePath);
    if (known) return known.filename;
    const resolver = this.context.resolveAttachment;
    let filename = resolver ? resolver(filePath) : path.posix.basename(filePath);
    if (filename === undefined) {
      this.warn('attachment-unresolved', at, `File ${filePath}`);
      filename = path.posix.basename(filePath);
    }
    this.attachments.set(filePath, { path: filePath, filename });
    return filename;
  }

  attachmentList(): AttachmentReference[] {
    return [...this.attachments.values()];
  }

  addHeading(depth: number, text: string, anchor: string, node: Node): void {
    this.headings.push({ depth, text, slug: this.slugger.slug(text), anchor, line: this.line(node) });
  }

  /** Records an anchor macro, so `#name` links find it. */
  addAnchor(name: string): void {
    this.explicitAnchors.add(name);
  }

  /** Registers a same-page link whose `ac:anchor` is filled in by {@link resolveAnchors}. */
  deferAnchor(element: Element, fragment: string, node: Node): void {
    this.pendingAnchors.push({ element, fragment, node });
  }

  /**
   * Gives each same-page link the Confluence anchor of its heading. A fragment matches a heading
   * by GitHub slug first, then by Confluence anchor; an unmatched one is kept and warned about.
   */
  resolveAnchors(): void {
    if (this.pendingAnchors.length === 0) return;
    // slug → the heading's anchor, and whether an earlier heading already produced that anchor
    // (Confluence then jumps to the earlier one).
    const bySlug = new Map<string, { anchor: string; shadowed: boolean }>();
    const anchors = new Set<string>(this.explicitAnchors);
    for (const heading of this.headings) {
      bySlug.set(heading.slug, { anchor: heading.anchor, shadowed: anchors.has(heading.anchor) });
      anchors.add(heading.anchor);
    }
    for (const pending of this.pendingAnchors) {
      const found = bySlug.get(pending.fragment);
      const anchor = found?.anchor ?? (anchors.has(pending.fragment) ? pending.fragment : undefined);
      if (anchor === undefined) {
        this.warn('anchor-not-found', pending.node, `Anchor #${pending.fragment}`);
      } else if (found?.shadowed) {
        this.warn('anchor-ambiguous', pending.node, `Anchor #${pending.fragment}`);
      }
      pending.element.properties['ac:anchor'] = encodeAnchor(anchor ?? pending.fragment);
    }
  }

  /** Warnings in source order. */
  sortedWarnings(): ConversionWarning[] {
    return this.warnings
      .map((warning, index) => ({ warning, index }))
      .sort((a, b) => a.warning.line - b.warning.line || a.warning.column - b.warning.column || a.index - b.index)
      .map(({ warning }) => warning);
  }
}

declare module 'vfile' {
  interface DataMap {
    toStorage: ConversionSession;
  }
}

/** The session of the conversion a handler is running in. */
export function sessionOf(state: State): ConversionSession {
  const session = state.options.file?.data.toStorage;
  if (!session) throw new Error('to-storage handlers run only inside markdownToStorage');
  return session;
}
