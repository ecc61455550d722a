import type { Element } from 'hast';
import type { BlockContent } from 'mdast';
import { confluenceCodeLanguage } from '../../shared/code-languages.js';
import { NOFORMAT_FENCE_LANGUAGE } from '../../shared/storage-fence.js';
import { hasOnlyAttributes, macroParts, parameterText, textOf } from '../elements.js';
import type { PullState } from '../state.js';

/** The source in `ac:plain-text-body` (CDATA sections joined); `undefined` when the body has markup. */
function plainBody(body: Element | undefined): string | undefined {
  if (!body || body.tagName !== 'ac:plain-text-body' || !hasOnlyAttributes(body)) return undefined;
  if (body.children.some((child) => child.type === 'element')) return undefined;
  return textOf(body.children);
}

/** `title="…"` (or `'…'`) for the fence meta; `undefined` when the title cannot be quoted. */
function quotedTitle(title: string): string | undefined {
  if (title === '' || /[\r\n]/.test(title)) return undefined;
  if (!title.includes('"')) return `title="${title}"`;
  if (!title.includes("'")) return `title='${title}'`;
  return undefined;
}

/** A language the push writes back as the same `language` parameter. */
function fenceLanguage(language: string): string | undefined {
  if (language === 'mermaid') return language;
  return confluenceCodeLanguage(language) === language ? language : undefined;
}

const CODE_PARAMETERS = new Set(['language', 'title', 'linenumbers', 'firstline', 'collapse']);

/**
 * The `code` macro → a fenced code block: ```` ```lang title="…" linenumbers firstline=N collapse ````,
 * the options the push reads back. A macro with another parameter (`theme`), `false` values, an
 * unknown language, or a title but no language declines and is kept as storage.
 */
export function codeMacro(_state: PullState, element: Element): BlockContent[] | undefined {
  const parts = macroParts(element);
  if (!parts || parts.rest.length !== 1) return undefined;
  const value = plainBody(parts.rest[0]);
  if (value === undefined) return undefined;
  const parameter = (name: string): string | undefined => parameterText(parts.parameters.get(name));
  for (const [name, node] of parts.parameters) {
    if (!CODE_PARAMETERS.has(name) || parameterText(node) === undefined) return undefined;
  }
  const meta: string[] = [];
  const languageValue = parameter('language');
  const lang = languageValue === undefined ? undefined : fenceLanguage(languageValue);
  if (languageValue !== undefined && lang === undefined) return undefined;
  const title = parameter('title');
  if (title !== undefined) {
    const quoted = quotedTitle(title);
    if (quoted === undefined) return undefined;
    meta.push(quoted);
  }
  const lineNumbers = parameter('linenumbers');
  const firstLine = parameter('firstline');
  const collapse = parameter('collapse');
  if (lineNumbers !== undefined && lineNumbers !== 'true') return undefined;
  if (firstLine !== undefined && (lineNumbers !== 'true' || !/^[1-9]\d{0,8}$/.test(firstLine))) return undefined;
  if (collapse !== undefined && collapse !== 'true') return undefined;
  if (lineNumbers !== undefined) meta.push('linenumbers');
  if (firstLine !== undefined) meta.push(`firstline=${firstLine}`);
  if (collapse !== undefined) meta.push('collapse');
  if (lang === undefined && meta.length > 0) return undefined;
  return [{ type: 'code', lang: lang ?? null, meta: meta.length > 0 ? meta.join(' ') : null, value }];
}

/** The `noformat` macro → ```` ```noformat title="…" ````. */
export function noformatMacro(_state: PullState, element: Element): BlockContent[] | undefined {
  const parts = macroParts(element);
  if (!parts || parts.rest.length !== 1) return undefined;
  const value = plainBody(parts.rest[0]);
  if (value === undefined) return undefined;
  if ([...parts.parameters.keys()].some((name) => name !== 'title')) return undefined;
  const title = parts.parameters.has('title') ? parameterText(parts.parameters.get('title')) : undefined;
  if (parts.parameters.has('title') && title === undefined) return undefined;
  const meta = title === undefined ? undefined : quotedTitle(title);
  if (title !== undefined && meta === undefined) return undefined;
  return [{ type: 'code', lang: NOFORMAT_FENCE_LANGUAGE, meta: meta ?? null, value }];
}
