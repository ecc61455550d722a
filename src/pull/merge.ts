import { diff3Merge } from 'node-diff3';

/** The outcome of a three-way merge of two edits of one text. */
export type MergeOutcome =
  | { readonly clean: true; readonly text: string }
  | { readonly clean: false; readonly conflicts: number; readonly text: string };

/**
 * Three-way merge by lines (pure, node-diff3): `base` is what was last synced, `local` the file
 * now, `remote` what Confluence has now. Changes on one side only are taken; the same change on
 * both sides is taken once; different changes to the same lines are a conflict. The text of an
 * unclean merge has git-style markers around each conflict (`<<<<<<< local`, `||||||| last sync`,
 * `=======`, `>>>>>>> confluence`).
 */
export function mergeText(base: string, local: string, remote: string): MergeOutcome {
  const lines = (text: string) => text.split('\n');
  const regions = diff3Merge(lines(local), lines(base), lines(remote), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      conflicts++;
      out.push('<<<<<<< local', ...region.conflict.a, '||||||| last sync', ...region.conflict.o, '=======', ...region.conflict.b, '>>>>>>> confluence');
    }
  }
  const text = out.join('\n');
  return conflicts === 0 ? { clean: true, text } : { clean: false, conflicts, text };
}
