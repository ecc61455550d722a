/**
 * mdast nodes the pull converter adds, each written by its own serializer handler
 * (`stringify.ts`): GitHub alerts and MkDocs-style indented blocks, the callout syntax the push
 * converter reads back.
 */
import type { BlockContent, Parent } from 'mdast';

/** `> [!TYPE] Title` followed by the body. */
export interface GithubAlert extends Parent {
  type: 'githubAlert';
  /** `NOTE`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION`. */
  kind: string;
  /** Text after the marker; empty for none. */
  title: string;
  children: BlockContent[];
}

/** `!!! type "Title"` or `=== "Title"` followed by the body indented by four spaces. */
export interface IndentedBlock extends Parent {
  type: 'indentedBlock';
  /** The marker line, written as is. */
  marker: string;
  children: BlockContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    githubAlert: GithubAlert;
    indentedBlock: IndentedBlock;
  }
  interface BlockContentMap {
    githubAlert: GithubAlert;
    indentedBlock: IndentedBlock;
  }
}
