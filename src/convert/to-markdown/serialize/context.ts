import type { Parent } from 'mdast';

/** What a serialization carries from node to node. */
export interface FlowContext {
  /** The children of a flow container, joined (`flow.ts`). */
  readonly flow: (parent: Parent) => string;
  /** The bullet of the list being written. */
  bulletCurrent: string | undefined;
  /** The bullet of the list right before the current block, if it was a list. */
  bulletLastUsed: string | undefined;
}
