import type { Code } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { confluenceCodeLanguage } from '../../shared/code-languages.js';
import { NOFORMAT_FENCE_LANGUAGE, STORAGE_FENCE_LANGUAGE } from '../../shared/storage-fence.js';
import { toXmlChars } from '../../shared/xml.js';
import { cdataNode, h, macro, text } from '../build.js';
import { parseCodeMeta } from '../code-meta.js';
import { disallowed } from '../plugins/remark-xhtml.js';
import { toXml } from '../serialize.js';
import { sessionOf } from '../session.js';
import { tokenizeXhtml } from '../xhtml-tokenize.js';

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
 * A ```` ```confluence-storage ```` fence holds storage as the pull converter kept it: published
 * as written (re-serialised, so only XML entities appear) when it is well-formed and holds nothing
 * Confluence refuses and leaves no element open; otherwise it is shown as code, with a warning.
 */
function storageFence(state: State, node: Code, source: string): ElementContent {
  const session = sessionOf(state);
  const result = tokenizeXhtml(source, []);
  let problem: { code: 'html-malformed' | 'html-disallowed'; reason: string } | undefined;
  const root: Element = h('root', {});
  if (!result.ok) problem = { code: 'html-malformed', reason: result.reason };
  else {
    const stack: Element[] = [root];
    for (const event of result.events) {
      const top = stack[stack.length - 1] ?? root;
      if (event.type === 'open') {
        const refused = disallowed(event.name, event.attributes);
        if (refused !== undefined) problem ??= { code: 'html-disallowed', reason: refused };
        const element = h(event.name, { ...event.attributes });
        top.children.push(element);
        stack.push(element);
      } else if (event.type === 'close') stack.pop();
      else top.children.push(event.type === 'text' ? text(toXmlChars(event.value)) : cdataNode(toXmlChars(event.value)));
    }
    if (stack.length > 1) problem ??= { code: 'html-malformed', reason: 'an element is never closed' };
  }
  if (problem) {
    session.warn(problem.code, node, `Storage fence (${problem.reason})`);
    return macro('code', [], { kind: 'plain', text: source });
  }
  return { type: 'raw', value: toXml({ type: 'root', children: root.children }) };
}

/**
 * A fenced or indented code block → the `code` macro with the source in a CDATA body (split
 * around `]]>` by the serializer). The language is mapped to a Confluence name; an unknown one
 * is left out (plain text) with a warning. ```` ```mermaid ```` keeps its source: a code macro
 * with language `mermaid` by default, or the diagram macro chosen in the options.
 */
export function code(state: State, node: Code): ElementContent {
  const session = sessionOf(state);
  const source = toXmlChars(node.value);
  const info = fenceInfo(node);
  const meta = parseCodeMeta(info.meta);
  const fenceLanguage = info.language;
  const isMermaid = fenceLanguage.toLowerCase() === 'mermaid';

  if (isMermaid && session.options.mermaid === 'macro') {
    return macro(session.options.mermaidMacro, [], { kind: 'plain', text: source });
  }
  if (fenceLanguage === STORAGE_FENCE_LANGUAGE) return storageFence(state, node, source);
  if (fenceLanguage === NOFORMAT_FENCE_LANGUAGE) return macro('noformat', [['title', meta.title]], { kind: 'plain', text: source });

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
