import type { Parent, Root, RootContent } from 'mdast';

/**
 * Calls `visit` for `tree` and every descendant that has children, parents before their
 * children. A plain recursion: cheaper than unist-util-visit for the plugins' single passes.
 */
export function forEachParent(tree: Root | Parent, visit: (parent: Parent) => void): void {
  visit(tree);
  for (const child of tree.children) {
    if ('children' in child) forEachParent(child as Parent, visit);
  }
}

/** Every node of `type` under `tree`, with its parent and index, in document order. */
export function forEachOfType<Type extends RootContent['type']>(
  tree: Root | Parent,
  type: Type,
  visit: (node: Extract<RootContent, { type: Type }>, parent: Parent, index: number) => void,
): void {
  forEachParent(tree, (parent) => {
    const { children } = parent;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index] as RootContent;
      if (child.type === type) visit(child as Extract<RootContent, { type: Type }>, parent, index);
    }
  });
}
