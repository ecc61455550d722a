import type { Code } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element } from 'hast';
import { confluenceCodeLanguage } from '../../shared/code-languages.js';
import { toXmlChars } from '../../shared/xml.js';
import { macro } from '../build.js';
import { parseCodeMeta } from '../code-meta.js';
import { sessionOf } from '../session.js';

/**
 * The language and meta of a fence. Besides ```` ```ts title="x" ````, these are understood:
 * ```` ``` title="x" ```` (meta only), ```` ``` .sh ```` (class as language), and MkDocs'
 * attribute-list form ```` ``` { .yaml .no-copy title="x" } ````, where the first `.class` is
 * the language and the `key=value` pairs are the meta.
 */
function fenceInfo(node: Code): { language: string; meta: string | undefined } {
  const lang = node.lang === null || node.lang === undefined ? '' : toXmlChars(node.lang);
  const meta = node.meta === null || node.meta === undefined ? undefined : toXmlChars(node.meta);
  // ```` ``` title="x" ````: no language, the first word is already meta.
  if (lang.includes('=')) return { language: '', meta: meta === undefined ? lang : `${lang} ${meta}` };
  // ```` ``` .sh ````: a class name, as Pandoc and MkDocs accept.
  if (lang.startsWith('.')) return { language: lang.slice(1), meta };
  if (!lang.startsWith('{')) return { language: lang, meta };
  const inside = `${lang.slice(1)} ${meta ?? ''}`.replace(/}\s*$/, '');
  const language = inside.split(/\s+/).find((word) => word.startsWith('.'))?.slice(1) ?? '';
  // `.class` words are ignored by the meta parser, quoted values keep their spaces.
  return { language, meta: inside };
}

/**
 * A fenced or indented code block → the `code` macro with the source in a CDATA body (split
 * around `]]>` by the serializer). The language is mapped to a Confluence name; an unknown one
 * is left out (plain text) with a warning. ```` ```mermaid ```` keeps its source: a code macro
 * with language `mermaid` by default, or the diagram macro chosen in the options.
 */
export function code(state: State, node: Code): Element {
  const session = sessionOf(state);
  const source = toXmlChars(node.value);
  const info = fenceInfo(node);
  const meta = parseCodeMeta(info.meta);
  const fenceLanguage = info.language;
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
