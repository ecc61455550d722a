/** Classifying link and image destinations. Pure string checks on URLs, not on markup. */

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** `https://…`, `mailto:…`, `//host/…`: anything that is not a path in the tree. */
export function isAbsoluteUrl(url: string): boolean {
  return SCHEME.test(url) || url.startsWith('//');
}

/** Schemes Confluence strips or refuses in links. */
export function isUnsafeUrl(url: string): boolean {
  const scheme = SCHEME.exec(url.trim())?.[0].toLowerCase();
  return scheme === 'javascript:' || scheme === 'vbscript:' || scheme === 'data:';
}

/** A path to a Markdown file (what a page link points at). */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown|mdx)$/i.test(path);
}
