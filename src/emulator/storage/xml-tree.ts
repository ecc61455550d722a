import { SaxesParser } from 'saxes';
import { characterEntitiesHtml4 } from 'character-entities-html4';

/**
 * A minimal XML tree of a storage-format fragment. Attributes keep their order; CDATA sections
 * and self-closing tags are remembered so that the serializer can write them back as Confluence does.
 */
export type XmlNode = XmlElement | XmlText | XmlCdata | XmlComment;

export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: Array<[string, string]>;
  readonly children: XmlNode[];
  readonly selfClosing: boolean;
}
export interface XmlText {
  readonly type: 'text';
  readonly value: string;
}
export interface XmlCdata {
  readonly type: 'cdata';
  readonly value: string;
}
export interface XmlComment {
  readonly type: 'comment';
  readonly value: string;
}

/** The XHTML 1.0 entity set (HTML 4 plus `apos`): the names Confluence's storage parser declares. */
export const xhtmlEntities: Readonly<Record<string, string>> = { ...characterEntitiesHtml4, apos: "'" };

export class XhtmlParseError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`Error parsing xhtml: ${detail}`);
    this.name = 'XhtmlParseError';
  }
}

/** Parses a storage fragment (no root, no namespace declarations). Throws `XhtmlParseError` like Confluence. */
export function parseStorage(source: string): XmlNode[] {
  const parser = new SaxesParser({ fragment: true, xmlns: false, position: true });
  Object.assign(parser.ENTITIES, xhtmlEntities);
  const root: XmlElement = { type: 'element', name: '#root', attributes: [], children: [], selfClosing: false };
  const stack: XmlElement[] = [root];
  let failure: XhtmlParseError | undefined;
  const top = () => stack[stack.length - 1]!;

  parser.on('error', (error) => {
    failure ??= new XhtmlParseError(confluenceWording(error.message, source, parser.position), parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      type: 'element',
      name: tag.name,
      attributes: Object.entries(tag.attributes as Record<string, string>),
      children: [],
      selfClosing: tag.isSelfClosing,
    };
    top().children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (stack.length > 1) stack.pop();
  });
  parser.on('text', (value) => pushText(top(), 'text', value));
  parser.on('cdata', (value) => top().children.push({ type: 'cdata', value }));
  parser.on('comment', (value) => top().children.push({ type: 'comment', value }));

  try {
    parser.write(source).close();
  } catch (error) {
    failure ??= new XhtmlParseError(confluenceWording((error as Error).message, source, parser.position), parser.line, parser.column);
  }
  if (failure) throw failure;
  return root.children;
}

function pushText(parent: XmlElement, type: 'text', value: string): void {
  const last = parent.children[parent.children.length - 1];
  if (last && last.type === type) {
    parent.children[parent.children.length - 1] = { type, value: last.value + value };
  } else parent.children.push({ type, value });
}

/**
 * Rewords saxes' messages into the texts Confluence (whose parser is Woodstox) answers with.
 * `position` is the parser's offset just after the offending construct.
 */
function confluenceWording(message: string, source: string, position: number): string {
  const text = message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
  const before = source.slice(0, position);
  if (/^unexpected close tag/.test(text)) {
    const name = /<\/([^\s>]+)\s*>?$/.exec(before)?.[1];
    return name ? `Unexpected close tag </${name}>; expected another close tag` : 'Unexpected close tag';
  }
  if (/^unmatched closing tag: (\S+)/.test(text)) return `Unexpected close tag </${/^unmatched closing tag: (\S+)/.exec(text)![1]}>`;
  if (text.includes(']]>')) return "String ']]>' not allowed in textual content, except as the end marker of CDATA section.";
  if (/^undefined entity/.test(text)) {
    const name = /&([^&;\s]*);?$/.exec(before)?.[1] ?? '';
    return `Undeclared general entity "${name}"`;
  }
  const unclosed = /^unclosed tag: (\S+)/.exec(text);
  if (unclosed) return `Unexpected EOF; was expecting a close tag for element <${unclosed[1]}>`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
