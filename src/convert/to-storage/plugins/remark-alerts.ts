import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { forEachOfType } from '../walk.js';
import type { Callout, CalloutMacro } from '../nodes.js';

/**
 * GitHub alert type → Confluence macro. Confluence has four callout colours: `info` blue, `tip`
 * green, `note` yellow, `warning` red (confluence-api-notes §10.3); GitHub's purple IMPORTANT
 * has no storage macro, so it shares yellow `note` with WARNING. Without an explicit title the
 * panel is titled with GitHub's label ("Important"), which is what GitHub shows too, and which
 * lets the pull converter tell IMPORTANT and WARNING apart.
 */
export const ALERT_MACROS: Readonly<Record<string, { readonly macro: CalloutMacro; readonly label: string }>> = {
  NOTE: { macro: 'info', label: 'Note' },
  TIP: { macro: 'tip', label: 'Tip' },
  IMPORTANT: { macro: 'note', label: 'Important' },
  WARNING: { macro: 'note', label: 'Warning' },
  CAUTION: { macro: 'warning', label: 'Caution' },
};

/** `[!TYPE]` at the very start of a text: the type, and where the marker ends. */
function marker(value: string): { type: string; end: number } | undefined {
  if (!value.startsWith('[!')) return undefined;
  const close = value.indexOf(']');
  if (close === -1) return undefined;
  const type = value.slice(2, close).toUpperCase();
  return Object.hasOwn(ALERT_MACROS, type) ? { type, end: close + 1 } : undefined;
}

/**
 * Splits the first paragraph after the marker into the title (rest of the first line) and the
 * content that follows the line break.
 */
function splitFirstLine(paragraph: Paragraph, markerEnd: number): { title: string; rest: PhrasingContent[] } {
  const children = [...paragraph.children];
  const first = children[0];
  if (first?.type !== 'text') return { title: '', rest: children };
  const afterMarker = first.value.slice(markerEnd);
  const titleParts: PhrasingContent[] = [];
  const rest: PhrasingContent[] = [];
  let inTitle = true;
  const remaining: PhrasingContent[] = [{ ...first, value: afterMarker }, ...children.slice(1)];
  for (const node of remaining) {
    if (!inTitle) {
      rest.push(node);
      continue;
    }
    if (node.type === 'break') {
      inTitle = false;
      continue;
    }
    if (node.type === 'text' && node.value.includes('\n')) {
      const newline = node.value.indexOf('\n');
      titleParts.push({ ...node, value: node.value.slice(0, newline) });
      const after = node.value.slice(newline + 1);
      if (after !== '') rest.push({ ...node, value: after });
      inTitle = false;
      continue;
    }
    titleParts.push(node);
  }
  const title = titleParts.map((node) => toString(node)).join('').trim();
  return { title, rest };
}

function toCallout(quote: Blockquote): Callout | undefined {
  const first = quote.children[0];
  if (first?.type !== 'paragraph') return undefined;
  const head = first.children[0];
  if (head?.type !== 'text') return undefined;
  const found = marker(head.value);
  if (!found) return undefined;
  // A title may follow on the marker line; GitHub requires the line to end after the marker.
  const next = head.value.charAt(found.end);
  if (next !== '' && next !== '\n' && next !== ' ' && next !== '\t') return undefined;
  const { title, rest } = splitFirstLine(first, found.end);
  const kind = ALERT_MACROS[found.type];
  if (!kind) return undefined;
  const children = rest.length > 0 ? [{ ...first, children: rest }, ...quote.children.slice(1)] : quote.children.slice(1);
  return {
    type: 'callout',
    macro: kind.macro,
    title: title === '' ? kind.label : title,
    collapsible: false,
    children,
    ...(quote.position ? { position: quote.position } : {}),
  };
}

/** remark plugin: `> [!NOTE]` … blockquotes (GitHub alerts, optional title after the marker) → callouts. */
export function remarkAlerts() {
  return (tree: Root, file: VFile): void => {
    if (!String(file.value).includes('[!')) return;
    forEachOfType(tree, 'blockquote', (node, parent, index) => {
      const callout = toCallout(node);
      if (callout) parent.children[index] = callout as never;
    });
  };
}
