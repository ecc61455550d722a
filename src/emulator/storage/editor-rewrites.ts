import { serializeStorage } from './serialize.js';
import { parseStorage, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * What a save in the Confluence editor does to a body: the editor converts storage to ADF and back,
 * so the whole body comes back rewritten (notes §11 "Changes after any human edit", obs 2026-09-01,
 * [MF-storage-format], and the real samples in notes §10):
 *
 * - every `ac:structured-macro` gets a new `ac:macro-id` (and `ac:schema-version="1"`);
 * - tables get `data-layout="default"`, `data-table-width="760"` and an `ac:local-id`, in that
 *   order before their other attributes (notes §10.1 sample);
 * - `ac:link` and `ac:image` get an `ac:local-id`;
 * - empty paragraphs are written `<p />`;
 * - task lists get `ac:task-list-id`, tasks an `ac:task-id` and `ac:task-uuid`, and a task body's
 *   content is wrapped in `<span class="placeholder-inline-tasks">` (notes §10.6);
 * - a `title` on the callout macros `info`, `note`, `warning`, `tip` becomes a bold first paragraph
 *   (notes §10.3);
 * - `ac:adf-extension` panels of type info/success/warning/error come back as the matching macros
 *   (notes §10.9);
 * - `<b>`/`<i>` come back as `<strong>`/`<em>` (notes §10.1);
 * - the code macro's `title`: the editor's code block has no title, so it is probably lost
 *   (notes §10.2: inferred, unverified): `codeTitle` chooses.
 *
 * `ri:version-at-save` is added by the ordinary save rewrites that run after this.
 */
export interface EditorContext {
  /** A fresh UUID (macro ids, local ids, task uuids). */
  readonly uuid: () => string;
  /** What happens to a code macro's `title` parameter (unverified): dropped (default) or kept. */
  readonly codeTitle: 'drop' | 'keep';
}

const callouts = new Set(['info', 'note', 'warning', 'tip']);

/** ADF panel types and the macros they come back as (notes §10.3: tip→success, note→warning, warning→error). */
const macroOfPanelType: Readonly<Record<string, string>> = { info: 'info', success: 'tip', warning: 'note', error: 'warning' };

/** Rewrites a (well-formed) storage body as an editor save would. Throws `XhtmlParseError` on a malformed one. */
export function applyEditorRewrites(storage: string, context: EditorContext): string {
  const nodes = parseStorage(storage);
  const state = { nextTaskId: maxTaskId(nodes) + 1 };
  return serializeStorage(nodes.map((node) => rewrite(node, context, state)));
}

interface State {
  nextTaskId: number;
}

function rewrite(node: XmlNode, context: EditorContext, state: State): XmlNode {
  if (node.type !== 'element') return node;
  let element = node;
  if (element.name === 'ac:adf-extension') element = panelFromExtension(element) ?? element;
  const children = element.children.map((child) => rewrite(child, context, state));
  const attributes = element.attributes;
  switch (element.name) {
    case 'b':
      return { ...element, name: 'strong', children };
    case 'i':
      return { ...element, name: 'em', children };
    case 'p':
      return isEmpty(children) ? { ...element, children: [], selfClosing: true } : { ...element, children };
    case 'table':
      return {
        ...element,
        attributes: [
          ['data-layout', get(attributes, 'data-layout') ?? 'default'],
          ['data-table-width', get(attributes, 'data-table-width') ?? '760'],
          ['ac:local-id', get(attributes, 'ac:local-id') ?? context.uuid()],
          ...attributes.filter(([n]) => n !== 'data-layout' && n !== 'data-table-width' && n !== 'ac:local-id'),
        ],
        children,
      };
    case 'ac:link':
    case 'ac:image':
      return { ...element, attributes: withAttribute(attributes, 'ac:local-id', context.uuid), children };
    case 'ac:task-list':
      return { ...element, attributes: withAttribute(attributes, 'ac:task-list-id', context.uuid), children };
    case 'ac:task':
      return task(element, children, context, state);
    case 'ac:structured-macro':
      return macro(element, children, context);
    default:
      return { ...element, children };
  }
}

function macro(element: XmlElement, children: XmlNode[], context: EditorContext): XmlElement {
  const name = get(element.attributes, 'ac:name') ?? '';
  const attributes: Array<[string, string]> = [
    ...element.attributes.filter(([n]) => n !== 'ac:schema-version' && n !== 'ac:macro-id'),
    ['ac:schema-version', '1'],
    ['ac:macro-id', context.uuid()],
  ];
  let body = children;
  if (callouts.has(name)) {
    const titleParameter = body.find((c) => isParameter(c, 'title'));
    const title = titleParameter ? textOf(titleParameter) : '';
    if (titleParameter) {
      body = body.filter((c) => c !== titleParameter);
      if (title.trim() !== '') body = prependToRichText(body, boldParagraph(title));
    }
  } else if (name === 'code' && context.codeTitle === 'drop') {
    body = body.filter((c) => !isParameter(c, 'title'));
  }
  return { ...element, attributes, children: body, selfClosing: element.selfClosing && body.length === 0 };
}

function task(element: XmlElement, children: XmlNode[], context: EditorContext, state: State): XmlElement {
  const find = (name: string) => children.find((c): c is XmlElement => c.type === 'element' && c.name === name);
  const id = find('ac:task-id') ?? simple('ac:task-id', String(state.nextTaskId++));
  const uuid = find('ac:task-uuid') ?? simple('ac:task-uuid', context.uuid());
  const status = find('ac:task-status') ?? simple('ac:task-status', 'incomplete');
  const body = find('ac:task-body');
  const wrapped: XmlElement | undefined = body && {
    ...body,
    selfClosing: false,
    children: isPlaceholderSpan(body.children) ? body.children : [{ type: 'element', name: 'span', attributes: [['class', 'placeholder-inline-tasks']], children: body.children, selfClosing: false }],
  };
  const known = new Set(['ac:task-id', 'ac:task-uuid', 'ac:task-status', 'ac:task-body']);
  const rest = children.filter((c) => !(c.type === 'element' && known.has(c.name)) && !(c.type === 'text' && c.value.trim() === ''));
  return { ...element, selfClosing: false, children: [id, uuid, status, ...(wrapped ? [wrapped] : []), ...rest] };
}

/** `<ac:adf-extension><ac:adf-node type="panel"><ac:adf-attribute key="panel-type">info</…><ac:adf-content>…` → the matching macro. */
function panelFromExtension(extension: XmlElement): XmlElement | undefined {
  const adfNode = childElement(extension, 'ac:adf-node');
  if (!adfNode || get(adfNode.attributes, 'type') !== 'panel') return undefined;
  const typeAttribute = adfNode.children.find(
    (c): c is XmlElement => c.type === 'element' && c.name === 'ac:adf-attribute' && get(c.attributes, 'key') === 'panel-type',
  );
  const macroName = typeAttribute ? macroOfPanelType[textOf(typeAttribute).trim()] : undefined;
  if (macroName === undefined) return undefined;
  const content = childElement(adfNode, 'ac:adf-content');
  return {
    type: 'element',
    name: 'ac:structured-macro',
    attributes: [['ac:name', macroName]],
    children: [{ type: 'element', name: 'ac:rich-text-body', attributes: [], children: content ? content.children : [], selfClosing: false }],
    selfClosing: false,
  };
}

function prependToRichText(children: XmlNode[], paragraph: XmlElement): XmlNode[] {
  const index = children.findIndex((c) => c.type === 'element' && c.name === 'ac:rich-text-body');
  if (index === -1) return [...children, { type: 'element', name: 'ac:rich-text-body', attributes: [], children: [paragraph], selfClosing: false }];
  const body = children[index] as XmlElement;
  const out = [...children];
  out[index] = { ...body, selfClosing: false, children: [paragraph, ...body.children] };
  return out;
}

function boldParagraph(text: string): XmlElement {
  return { type: 'element', name: 'p', attributes: [], selfClosing: false, children: [{ type: 'element', name: 'strong', attributes: [], selfClosing: false, children: [{ type: 'text', value: text }] }] };
}

function simple(name: string, text: string): XmlElement {
  return { type: 'element', name, attributes: [], children: [{ type: 'text', value: text }], selfClosing: false };
}

function isPlaceholderSpan(children: readonly XmlNode[]): boolean {
  const elements = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = elements[0];
  return elements.length === 1 && only?.type === 'element' && only.name === 'span' && get(only.attributes, 'class') === 'placeholder-inline-tasks';
}

function isEmpty(children: readonly XmlNode[]): boolean {
  return children.every((c) => (c.type === 'text' && c.value.trim() === '') || c.type === 'comment');
}

function isParameter(node: XmlNode, name: string): node is XmlElement {
  return node.type === 'element' && node.name === 'ac:parameter' && get(node.attributes, 'ac:name') === name;
}

function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => c.type === 'element' && c.name === name);
}

function get(attributes: ReadonlyArray<[string, string]>, name: string): string | undefined {
  return attributes.find(([n]) => n === name)?.[1];
}

function withAttribute(attributes: ReadonlyArray<[string, string]>, name: string, make: () => string): Array<[string, string]> {
  return attributes.some(([n]) => n === name) ? [...attributes] : [...attributes, [name, make()]];
}

function textOf(node: XmlNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value;
  if (node.type === 'comment') return '';
  return node.children.map(textOf).join('');
}

/** The highest numeric `ac:task-id` in the body, so new task ids continue after it. */
function maxTaskId(nodes: readonly XmlNode[]): number {
  let max = 0;
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.name === 'ac:task-id') {
      const n = Number(textOf(node).trim());
      if (Number.isSafeInteger(n)) max = Math.max(max, n);
    }
    max = Math.max(max, maxTaskId(node.children));
  }
  return max;
}
