/**
 * Which pages a watch run pushes (pure). The rendered tree is compared with the one the previous
 * run rendered: a page whose fingerprint (storage, title, parent, labels, attachment digests)
 * changed, a new page, and a page that is gone (deleted, renamed away, excluded) are selected, and
 * nothing else. This follows every way a save reaches other pages: an image embedded by several
 * pages, a title that links elsewhere use, a link that now resolves.
 */
export interface RenderedFingerprint {
  readonly path: string;
  readonly fingerprint: string;
}

/** Path → fingerprint of the pages a run rendered. */
export type Baseline = ReadonlyMap<string, string>;

export function baselineOf(pages: Iterable<RenderedFingerprint>): Map<string, string> {
  return new Map([...pages].map((p) => [p.path, p.fingerprint]));
}

/**
 * The paths to push: changed and new pages, then the paths of the baseline that are gone (their
 * orphan policy applies to them, or the planner recognises a rename). Sorted, for stable output.
 */
export function selectChanged(pages: readonly RenderedFingerprint[], baseline: Baseline): string[] {
  const current = new Set<string>();
  const changed: string[] = [];
  for (const page of pages) {
    current.add(page.path);
    if (baseline.get(page.path) !== page.fingerprint) changed.push(page.path);
  }
  const gone = [...baseline.keys()].filter((path) => !current.has(path));
  return [...changed.sort(), ...gone.sort()];
}

/**
 * The baseline after a run: what it rendered, except the pages whose write failed, so the next run
 * tries them again. Pages in conflict stay as rendered: they are reported again only when their
 * file changes again (push --force resolves them).
 */
export function nextBaseline(pages: readonly RenderedFingerprint[], failed: Iterable<string>): Map<string, string> {
  const next = baselineOf(pages);
  for (const path of failed) next.delete(path);
  return next;
}
