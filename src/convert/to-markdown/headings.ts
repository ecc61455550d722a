import type { ElementContent, Root } from 'hast';
import { confluenceHeadingAnchor, GithubSlugger } from '../shared/anchors.js';
import { textOf } from './elements.js';

/** The headings of a page as same-page links see them. */
export interface HeadingIndex {
  /** Confluence heading anchor → the GitHub slug of the first heading that has it. */
  readonly slugByAnchor: ReadonlyMap<string, string>;
  /** The GitHub slug of every heading (the push matches a `#fragment` against these first). */
  readonly slugs: ReadonlySet<string>;
}

const HEADING = /^h[1-6]$/;

function collectHeadings(nodes: readonly ElementContent[], visit: (text: string) => void): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (HEADING.test(node.tagName)) visit(textOf(node.children));
    else collectHeadings(node.children, visit);
  }
}

/** The heading index of a storage tree, in document order (repeated slugs numbered as on GitHub). */
export function headingIndex(tree: Root): HeadingIndex {
  const slugByAnchor = new Map<string, string>();
  const slugs = new Set<string>();
  const slugger = new GithubSlugger();
  collectHeadings(tree.children as ElementContent[], (text) => {
    const anchor = confluenceHeadingAnchor(text);
    const slug = slugger.slug(text.trim());
    slugs.add(slug);
    if (!slugByAnchor.has(anchor)) slugByAnchor.set(anchor, slug);
  });
  return { slugByAnchor, slugs };
}
