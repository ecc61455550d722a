import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { forEachOfType } from '../walk.js';
import type { TocMarker } from '../nodes.js';

/** Marker lines that ask for a table of contents (GitLab / Azure DevOps, and Python-Markdown). */
const MARKERS = new Set(['[[_TOC_]]', '[TOC]']);

/**
 * remark plugin: a paragraph that is exactly one marker line (`[[_TOC_]]` or `[TOC]`) becomes a
 * table-of-contents macro. The check reads the source line, because `[[_TOC_]]` parses as
 * emphasis between brackets.
 */
export function remarkTocMarker() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('[[_TOC_]]') && !source.includes('[TOC]')) return;
    const lines = source.split('\n');
    forEachOfType(tree, 'paragraph', (node, parent, index) => {
      const position = node.position;
      if (!position || position.start.line !== position.end.line) return;
      const line = (lines[position.start.line - 1] ?? '').slice(position.start.column - 1, position.end.column - 1);
      if (!MARKERS.has(line.trim())) return;
      const marker: TocMarker = { type: 'tocMarker', position };
      parent.children[index] = marker as never;
    });
  };
}
