import type { Action } from '../plan/types.js';

/** What the executor reports as it goes; it prints nothing itself. */
export type ApplyEvent =
  | { readonly type: 'done'; readonly action: Action; readonly pageId: string | undefined; readonly url: string | undefined; readonly note?: string }
  | { readonly type: 'failed'; readonly action: Action; readonly error: string }
  | { readonly type: 'conflict'; readonly action: Action; readonly error: string }
  | { readonly type: 'warning'; readonly path: string; readonly message: string };

export interface ApplyReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly conflicts: string[];
  readonly archived: string[];
  readonly deleted: string[];
  readonly kept: string[];
  readonly failed: Array<{ readonly path: string; readonly error: string }>;
}
