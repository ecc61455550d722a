/**
 * The syntax-tree nodes our plugins add to mdast, and the CDATA node we add to hast. Declared
 * through the `mdast`/`hast` content maps so handlers and visitors are typed.
 */
import type { Literal as MdastLiteral, Parent as MdastParent, RootContent } from 'mdast';
import type { Literal as HastLiteral } from 'hast';

/** Confluence callout macros. `panel` is the neutral panel used for content tabs. */
export type CalloutMacro = 'info' | 'tip' | 'note' | 'warning' | 'panel';

/** A GitHub alert, MkDocs admonition or content tab. */
export interface Callout extends MdastParent {
  type: 'callout';
  macro: CalloutMacro;
  /** The panel title; `undefined` for none. */
  title: string | undefined;
  /** `???` admonitions: the panel sits inside an expand macro titled {@link title}. */
  collapsible: boolean;
  children: RootContent[];
}

/** `[[_TOC_]]` / `[TOC]` on a line of its own, or frontmatter `toc: true`. */
export interface TocMarker {
  type: 'tocMarker';
  position?: MdastLiteral['position'];
}

/** An element written as raw HTML that parsed as well-formed XML. */
export interface XhtmlElement extends MdastParent {
  type: 'xhtmlElement';
  name: string;
  /** Attributes in source order, values decoded. */
  attributes: Record<string, string>;
  children: RootContent[];
}

/** Character data from raw HTML (decoded); published verbatim, never re-read as Markdown. */
export interface XhtmlText extends MdastLiteral {
  type: 'xhtmlText';
}

/** A CDATA section from raw HTML. */
export interface XhtmlCdata extends MdastLiteral {
  type: 'xhtmlCdata';
}

/** A CDATA section in hast; only our serializer knows it. */
export interface Cdata extends HastLiteral {
  type: 'cdata';
}

declare module 'mdast' {
  interface RootContentMap {
    callout: Callout;
    tocMarker: TocMarker;
    xhtmlElement: XhtmlElement;
    xhtmlText: XhtmlText;
    xhtmlCdata: XhtmlCdata;
  }
  interface BlockContentMap {
    callout: Callout;
    tocMarker: TocMarker;
    xhtmlElement: XhtmlElement;
  }
  interface PhrasingContentMap {
    xhtmlElement: XhtmlElement;
    xhtmlText: XhtmlText;
    xhtmlCdata: XhtmlCdata;
  }
}

declare module 'hast' {
  interface RootContentMap {
    cdata: Cdata;
  }
  interface ElementContentMap {
    cdata: Cdata;
  }
}
