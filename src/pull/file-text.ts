/**
 * The text of a pulled Markdown file (pure): frontmatter with the fields confluence-sync owns, then
 * the converted body. Values are written as JSON strings (valid YAML double-quoted scalars), so a
 * title such as `2026-01-02`, `true`, `null` or `: x` stays a string.
 */

/** Frontmatter keys the pull writes (and rewrites); every other key of an existing file is kept. */
const OWNED = new Set(['pageId', 'blogPostId', 'title', 'parent', 'labels', 'date', 'confluence', 'toc']);

export interface PulledFields {
  readonly idKey: 'pageId' | 'blogPostId';
  readonly id: string;
  readonly title: string;
  /** A relative path to the parent's file or a page ID, only where the folder does not imply the parent. */
  readonly parent?: string;
  readonly labels: readonly string[];
  /** Blog posts: the publishing date (YYYY-MM-DD). */
  readonly date?: string;
  /** `false` for files push must leave out (blog posts, the remote side of a conflict). */
  readonly confluence?: false;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The frontmatter block's entries other than the ones the pull owns, as written (comments and all). */
export function foreignEntries(text: string | undefined): string[] {
  if (text === undefined) return [];
  const block = FRONTMATTER.exec(text)?.[1];
  if (block === undefined) return [];
  const entries: string[] = [];
  let current: string[] | undefined;
  let owned = false;
  const flush = () => {
    if (current && !owned) entries.push(current.join('\n'));
    current = undefined;
  };
  for (const line of block.split(/\r?\n/)) {
    const key = /^([A-Za-z_$][\w$-]*)\s*:/.exec(line)?.[1];
    if (key !== undefined) {
      flush();
      current = [line];
      owned = OWNED.has(key);
    } else if (current) current.push(line);
    else if (line.trim() !== '') entries.push(line);
  }
  flush();
  return entries;
}

/**
 * The file: `---`, the owned fields (pageId, title, parent, labels, date, confluence), the other
 * fields of `existing` as they were, `---`, a blank line and the Markdown (an empty body gives the
 * frontmatter only).
 */
export function pulledFileText(fields: PulledFields, markdown: string, existing?: string): string {
  const lines = [`${fields.idKey}: ${JSON.stringify(fields.id)}`, `title: ${JSON.stringify(fields.title)}`];
  if (fields.date !== undefined) lines.push(`date: ${JSON.stringify(fields.date)}`);
  if (fields.parent !== undefined) lines.push(`parent: ${JSON.stringify(fields.parent)}`);
  if (fields.labels.length > 0) lines.push(`labels: [${fields.labels.map((l) => JSON.stringify(l)).join(', ')}]`);
  if (fields.confluence === false) lines.push('confluence: false');
  lines.push(...foreignEntries(existing));
  const body = markdown.replace(/^\n+/, '');
  return `---\n${lines.join('\n')}\n---\n${body === '' ? '' : `\n${body.endsWith('\n') ? body : `${body}\n`}`}`;
}

/**
 * `text`, made by {@link pulledFileText} from `fields`, the Markdown and `existing`, with `next`
 * fields instead: what pulledFileText gives for `next` and the same Markdown, without keeping the
 * Markdown (or the storage it came from) to convert again.
 */
export function withFields(text: string, fields: PulledFields, next: PulledFields, existing?: string): string {
  const head = pulledFileText(fields, '', existing);
  if (!text.startsWith(head)) throw new Error('withFields: the text was not made from these fields');
  return pulledFileText(next, text.slice(head.length), existing);
}

/** The body of a file (after its frontmatter), as the pull compares and merges it. */
export function bodyOf(text: string): string {
  const match = FRONTMATTER.exec(text);
  return (match ? text.slice(match[0].length) : text).replace(/^(\r?\n)+/, '');
}

/** The frontmatter block (with its `---` lines), or '' when there is none. */
export function frontmatterOf(text: string): string {
  return FRONTMATTER.exec(text)?.[0] ?? '';
}

/**
 * Confluence's side of a conflict as a file beside the local one: the same text with
 * `confluence: false`, so that push leaves it out (and its title does not clash with the page's).
 */
export function asRemoteCopy(text: string): string {
  if (/^confluence: false$/m.test(frontmatterOf(text))) return text;
  return text.replace(/^---\n/, '---\nconfluence: false\n');
}
