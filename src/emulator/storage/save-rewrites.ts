import { parseStorage, type XmlElement, type XmlNode } from './xml-tree.js';
import { serializeStorage } from './serialize.js';

/** What the rewrites need to know about the site at the moment of the save. */
export interface SaveContext {
  /** A new macro id (a UUID). */
  readonly macroId: () => string;
  /** The current version of the page a `ri:page` names, if it exists. */
  readonly pageVersion: (title: string, spaceKey: string | undefined) => number | undefined;
  /** The current version of an attachment a `ri:attachment` names (on this page, or on `pageTitle`). */
  readonly attachmentVersion: (filename: string, pageTitle: string | undefined, spaceKey: string | undefined) => number | undefined;
  /** Add `ri:version-at-save` to resource identifiers that resolve (on by default). */
  readonly versionAtSave: boolean;
}

/**
 * Validates a storage body and returns it as Confluence stores it after a REST write
 * (docs/emulator.md, "What a save rewrites"):
 * - self-closing tags are written `<x />`, named entities and `"`/`>` in text re-encoded;
 * - every `ac:structured-macro` gains `ac:schema-version="1"` and a fresh `ac:macro-id` when it has none;
 * - `ri:page` and `ri:attachment` gain `ri:version-at-save` with the target's current version.
 * Throws `XhtmlParseError` for a body that is not well formed.
 */
export function applySaveRewrites(body: string, context: SaveContext): string {
  const nodes = parseStorage(body);
  return serializeStorage(nodes.map((node) => rewrite(node, context)));
}

function rewrite(node: XmlNode, context: SaveContext): XmlNode {
  if (node.type !== 'element') return node;
  const attributes = [...node.attributes];
  const has = (name: string) => attributes.some(([n]) => n === name);
  const get = (name: string) => attributes.find(([n]) => n === name)?.[1];

  if (node.name === 'ac:structured-macro') {
    if (!has('ac:schema-version')) attributes.push(['ac:schema-version', '1']);
    if (!has('ac:macro-id')) attributes.push(['ac:macro-id', context.macroId()]);
  }
  if (context.versionAtSave && !has('ri:version-at-save')) {
    if (node.name === 'ri:page') {
      const title = get('ri:content-title');
      const version = title === undefined ? undefined : context.pageVersion(title, get('ri:space-key'));
      if (version !== undefined) attributes.push(['ri:version-at-save', String(version)]);
    } else if (node.name === 'ri:attachment') {
      const filename = get('ri:filename');
      const container = node.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'ri:page');
      const containerTitle = container?.attributes.find(([n]) => n === 'ri:content-title')?.[1];
      const containerSpace = container?.attributes.find(([n]) => n === 'ri:space-key')?.[1];
      const version = filename === undefined ? undefined : context.attachmentVersion(filename, containerTitle, containerSpace);
      if (version !== undefined) attributes.push(['ri:version-at-save', String(version)]);
    }
  }
  return {
    ...node,
    attributes,
    children: node.children.map((child) => rewrite(child, context)),
  };
}
