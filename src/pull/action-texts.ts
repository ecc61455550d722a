import type { PageAction } from './plan.js';

/** The fields of a pull's action that hold a file's text. */
type TextField = 'text' | 'remoteText';

type WithoutTexts<A> = A extends unknown ? Omit<A, Extract<keyof A, TextField>> : never;

/** A pull's action as its result reports it: what was decided and done, without the files' texts. */
export type PulledAction = WithoutTexts<PageAction>;

/**
 * The action with every text field that holds `remote` (Confluence's side, as the pull converted
 * it) read through `read` each time it is used instead: a pull keeps the texts of thousands of
 * pages in a temporary file until it writes them (sync/text-spool.ts), and an action holding its
 * text would keep them all in the heap. A text of its own (a merge's) stays as it is.
 */
export function textsOnDemand(action: PageAction, remote: string, read: () => string): PageAction {
  if (action.type !== 'write' && action.type !== 'conflict') return action;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    if (isTextField(key) && value === remote) Object.defineProperty(out, key, { get: read, enumerable: true });
    else out[key] = value;
  }
  return out as PageAction;
}

/** The action without its texts (none of them read: they may be gone with the pull's temporary file). */
export function withoutTexts(action: PageAction | PulledAction): PulledAction {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(action)) if (!isTextField(key)) out[key] = (action as Record<string, unknown>)[key];
  return out as PulledAction;
}

function isTextField(key: string): key is TextField {
  return key === 'text' || key === 'remoteText';
}
