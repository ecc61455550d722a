import type { Html, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { forEachOfType, forEachParent } from '../walk.js';
import type { XhtmlElement, XhtmlText } from '../nodes.js';
import { tokenizeXhtml } from '../xhtml-tokenize.js';

/** HTML void elements: when a piece of raw HTML ends right after opening one, it is closed there. */
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'wbr', 'source', 'track']);

/** Elements Confluence refuses or strips: published as literal text instead. */
const DISALLOWED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'select', 'option', 'textarea', 'link', 'meta', 'base', 'noscript', 'template', 'canvas', 'html', 'head', 'body',
]);

/** Parents whose children are phrasing content; elsewhere escaped HTML is wrapped in a paragraph. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

type Problem = { readonly code: 'html-malformed' | 'html-disallowed'; readonly reason: string };

interface Frame {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: RootContent[];
  readonly opener: Html;
}

/** Why Confluence would refuse an element with these attributes, or `undefined` when it accepts it. */
export function disallowed(name: string, attributes: Record<string, string>): string | undefined {
  if (DISALLOWED.has(name.toLowerCase())) return `<${name}> is not allowed`;
  for (const [key, value] of Object.entries(attributes)) {
    if (key.toLowerCase().startsWith('on')) return `event handler attribute ${key}`;
    if (/^\s*(javascript|vbscript):/i.test(value)) return `script URL in ${key}`;
  }
  return undefined;
}

/**
 * A piece published as literal text. Its line breaks (with the spaces around them) become one
 * space, like a soft line break in any paragraph: Confluence would show a newline as a break, and
 * the pull converter reads one as a space, so the text round-trips.
 */
function escaped(node: Html, phrasing: boolean, nested: boolean): RootContent {
  const value = node.value.includes('\n') ? node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : node.value;
  const literal: XhtmlText = { type: 'xhtmlText', value, ...(node.position ? { position: node.position } : {}) };
  if (phrasing || nested) return literal;
  const paragraph: Paragraph = { type: 'paragraph', children: [literal], ...(node.position ? { position: node.position } : {}) };
  return paragraph;
}

function element(frame: Frame): XhtmlElement {
  return { type: 'xhtmlElement', name: frame.name, attributes: frame.attributes, children: frame.children };
}

/**
 * A piece that is one HTML comment and nothing else (`<!-- … -->`, the first `-->` ending it).
 * Comments are invisible, so these are dropped before XML parsing: HTML allows `--` inside a
 * comment and XML does not, and a hidden note should never turn into visible text.
 */
function isCommentOnly(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('<!--') && trimmed.indexOf('-->', 4) === trimmed.length - 3;
}

/**
 * One pass over a child list: raw HTML pieces become elements spanning the Markdown between
 * them. Pieces in `bad` are escaped. Returns the new children, or the pieces that opened
 * elements nobody closed (to be escaped on the next pass).
 */
function attempt(
  children: readonly RootContent[],
  phrasing: boolean,
  bad: Map<Html, Problem>,
): { readonly children: RootContent[] } | { readonly unclosed: Html[] } {
  const root: RootContent[] = [];
  const stack: Frame[] = [];
  const top = (): RootContent[] => stack.at(-1)?.children ?? root;

  for (const child of children) {
    if (child.type !== 'html') {
      top().push(child);
      continue;
    }
    if (isCommentOnly(child.value)) continue;
    if (bad.has(child)) {
      top().push(escaped(child, phrasing, stack.length > 0));
      continue;
    }
    const result = tokenizeXhtml(child.value, stack.map((frame) => frame.name));
    if (!result.ok) {
      bad.set(child, { code: 'html-malformed', reason: result.reason });
      top().push(escaped(child, phrasing, stack.length > 0));
      continue;
    }
    const refused = result.events
      .map((event) => (event.type === 'open' ? disallowed(event.name, event.attributes) : undefined))
      .find((reason) => reason !== undefined);
    if (refused !== undefined) {
      bad.set(child, { code: 'html-disallowed', reason: refused });
      top().push(escaped(child, phrasing, stack.length > 0));
      continue;
    }
    for (const event of result.events) {
      if (event.type === 'open') stack.push({ name: event.name, attributes: event.attributes, children: [], opener: child });
      else if (event.type === 'close') {
        const frame = stack.pop();
        if (frame) top().push(element(frame));
      } else if (event.type === 'text') top().push({ type: 'xhtmlText', value: event.value });
      else top().push({ type: 'xhtmlCdata', value: event.value });
    }
    let last = stack.at(-1);
    while (last && last.opener === child && VOID.has(last.name.toLowerCase())) {
      stack.pop();
      top().push(element(last));
      last = stack.at(-1);
    }
  }
  if (stack.length > 0) return { unclosed: [...new Set(stack.map((frame) => frame.opener))] };
  return { children: root };
}

/** Rebuilds `parent`'s children around its raw HTML pieces, retrying until every element closes; problems go to `bad`. */
function transformParent(parent: Parent, bad: Map<Html, Problem>): void {
  const phrasing = PHRASING_PARENTS.has(parent.type);
  for (let pass = 0; pass <= parent.children.length; pass += 1) {
    const result = attempt(parent.children, phrasing, bad);
    if ('children' in result) {
      parent.children = result.children as Parent['children'];
      return;
    }
    for (const opener of result.unclosed) bad.set(opener, { code: 'html-malformed', reason: 'an element is never closed' });
  }
}

/**
 * Starts of a paragraph that is really Confluence markup (`<ac:…>`, `</ri:…>`, `<![CDATA[`). Only
 * Markdown's own whitespace (space, tab) is skipped: `trimStart` would also skip a no-break space,
 * which Markdown keeps as text, so ` <ac:link>…` (a mention after a no-break space) lost its
 * `<p>` and the no-break space.
 */
function isStorageMarkup(source: string): boolean {
  const start = source.replace(/^[ \t]+/, '');
  return start.startsWith('<ac:') || start.startsWith('<ri:') || start.startsWith('</ac:') || start.startsWith('</ri:');
}

/**
 * CommonMark does not see `<ac:structured-macro>` as HTML (a tag name cannot contain `:`), so a
 * paragraph that begins with an `ac:`/`ri:` tag becomes raw HTML holding its source. Markdown
 * between such paragraphs (say, inside `<ac:rich-text-body>`) stays Markdown.
 */
function storageParagraphsToHtml(tree: Root, source: string): void {
  if (!source.includes('<ac:') && !source.includes('<ri:') && !source.includes('</ac:')) return;
  forEachOfType(tree, 'paragraph', (node, parent, index) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const value = source.slice(start, end);
    if (!isStorageMarkup(value)) return;
    const html: Html = { type: 'html', value, ...(node.position ? { position: node.position } : {}) };
    parent.children[index] = html as never;
  });
}

/**
 * remark plugin: raw HTML that is well-formed XML (XHTML entities allowed) becomes elements
 * published as written, so authors can write storage-format macros directly. An element may
 * open in one piece of HTML and close in a later sibling, with Markdown in between (the common
 * `<details>` … `</details>` around Markdown). Pieces that are malformed, or that hold elements
 * Confluence refuses, are published as literal text with a warning.
 */
export function remarkXhtml() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('<')) return;
    storageParagraphsToHtml(tree, source);
    const parents: Parent[] = [];
    forEachParent(tree, (node) => {
      if (node.children.some((child) => child.type === 'html')) parents.push(node);
    });
    const bad = new Map<Html, Problem>();
    // Deepest first, so a parent's regrouping never moves a child list still to be handled.
    for (const parent of parents.reverse()) transformParent(parent, bad);
    const session = file.data.toStorage;
    for (const [node, problem] of bad) {
      const snippet = node.value.length > 60 ? `${node.value.slice(0, 57)}...` : node.value;
      session?.warn(problem.code, node, `HTML ${JSON.stringify(snippet)} (${problem.reason})`);
    }
  };
}
