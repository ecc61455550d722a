import type { Code } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { confluenceCodeLanguage } from '../../shared/code-languages.js';
import { toXmlChars } from '../../shared/xml.js';
import { macro } from '../build.js';
import { parseCodeMeta } from '../code-meta.js';
import { sessionOf } from '../session.js';

/**
 * A fenced or indented code block → the `code` macro with the source in a CDATA body (split
 * around `]]>` by the serializer). The language is mapped to a Confluence name; an unknown one
 * is left out (plain text) with a warning. ```` ```mermaid ```` keeps its source: a code macro
 * with language `mermaid` by default, or the diagram macro chosen in the options.
 */
export function code(state: State, node: Code): Element {
  const session = sessionOf(state);
  const source = toXmlChars(node.value);
  const meta = parseCodeMeta(node.meta === null || node.meta === undefined ? undefined : toXmlChars(node.meta));
  const fenceLanguage = node.lang === null || node.lang === undefined ? '' : toXmlChars(node.lang);
  const isMermaid = fenceLanguage.toLowerCase() === 'mermaid';

  if (isMermaid && session.options.mermaid === 'macro') {
    return macro(session.options.mermaidMacro, [], { kind: 'plain', text: source });
  }

  let language: string | undefined;
  if (isMermaid) language = 'mermaid';
  else if (fenceLanguage !== '') {
    language = confluenceCodeLanguage(fenceLanguage);
    if (language === undefined) session.warn('code-language-unknown', node, `Code language "${fenceLanguage}"`);
  }

  return macro(
    'code',
    [
      ['language', language],
      ['title', meta.title],
      ['linenumbers', meta.lineNumbers ? 'true' : undefined],
      ['firstline', meta.firstLine === undefined ? undefined : String(meta.firstLine)],
      ['collapse', meta.collapse ? 'true' : undefined],
    ],
    { kind: 'plain', text: source },
  );
}
