import { parse } from 'yaml';

/** A YAML frontmatter block split off the Markdown. */
export interface Frontmatter {
  /** The Markdown after the block (the whole input when there is none). */
  readonly body: string;
  /** Lines taken by the block, delimiters included; 0 when there is none. */
  readonly lines: number;
  /** The parsed mapping; `{}` when absent or not a mapping. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The YAML error, when the block is not valid YAML. */
  readonly error: string | undefined;
}

/**
 * Splits `---` frontmatter off the top of a document: the first line is exactly `---` and a later
 * line is exactly `---` or `...`. Anything else is Markdown (a leading `---` without a closing
 * line stays a thematic break). YAML is parsed with the safe core schema; nothing is evaluated.
 */
export function splitFrontmatter(markdown: string): Frontmatter {
  const none: Frontmatter = { body: markdown, lines: 0, data: {}, error: undefined };
  if (!markdown.startsWith('---')) return none;
  const lines = markdown.split('\n');
  if ((lines[0] ?? '').trimEnd() !== '---') return none;
  let close = -1;
  for (let index = 1; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trimEnd();
    if (line === '---' || line === '...') {
      close = index;
      break;
    }
  }
  if (close === -1) return none;
  const yaml = lines.slice(1, close).join('\n');
  const body = lines.slice(close + 1).join('\n');
  try {
    const data: unknown = yaml.trim() === '' ? {} : parse(yaml, { schema: 'core' });
    // A block that is YAML but not a mapping (`---`, a line of text, `---`) is Markdown: a
    // thematic break and a setext heading.
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return none;
    return { body, lines: close + 1, data: data as Record<string, unknown>, error: undefined };
  } catch (error) {
    return { body, lines: close + 1, data: {}, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}
