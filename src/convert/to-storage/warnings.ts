import type { WarningCode } from './types.js';

/** One line per code: what the reader sees and what the author should do. Used by docs too. */
export const WARNING_HELP: Readonly<Record<WarningCode, string>> = {
  'link-unresolved': 'published as a plain link that will not work on Confluence; fix the path or add the target to the synced tree',
  'link-unsafe': 'the link uses a scheme Confluence refuses (javascript:, vbscript:, data:); only its text is published',
  'anchor-not-found': 'no heading on this page has that anchor; fix the #fragment to match a heading (GitHub slug) or add the heading',
  'anchor-ambiguous': 'several headings produce the same Confluence anchor, so the link lands on the first; make the headings distinct',
  'attachment-unresolved': 'the local file was not found, so the page will show a broken attachment; fix the path or add the file',
  'html-malformed': 'raw HTML that is not well-formed XHTML is published as literal text; close every tag, quote every attribute, write <br /> for void elements',
  'html-disallowed': 'Confluence does not accept this HTML (scripts, styles, frames, forms, event handlers); it is published as literal text. Remove it or use a Confluence macro',
  'frontmatter-invalid': 'the frontmatter is not valid YAML, so its settings are ignored; fix the YAML',
  'control-character': 'the text contains a control character that Confluence cannot store; it was replaced with U+FFFD. Remove it',
  'code-language-unknown': 'Confluence has no highlighting for this language, so the block is published without one; use a listed language name or alias',
};
