import matter from 'gray-matter';
import type { TreeProblem } from './errors.js';
import { frontmatterSchema, type Frontmatter } from './frontmatter.js';

/** One Markdown file, split into frontmatter and body. */
export interface SourceFile {
  /** Relative to the docs root, with `/`. */
  readonly path: string;
  readonly frontmatter: Frontmatter;
  /** The raw frontmatter block (between the `---` lines), for locating fields. */
  readonly frontmatterText: string;
  readonly body: string;
  /** 1-based line of the file where `body` starts. */
  readonly bodyLine: number;
}

/** Line (1-based) of a top-level frontmatter key, if present. */
export function keyLine(file: SourceFile, key: string): number | undefined {
  const lines = file.frontmatterText.split(/\r?\n/);
  const index = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
  return index === -1 ? undefined : index + 2;
}

/** Parses one file's text. Pure: the caller reads the file. */
export function parseSource(path: string, text: string): { file: SourceFile } | { problem: TreeProblem } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options disable gray-matter's cache, which would share results between equal inputs.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return {
      problem: {
        file: path,
        // The YAML text starts right after the opening `---` (its line 0 is the file's line 1).
        line: mark?.line !== undefined ? mark.line + 1 : 1,
        message: `the frontmatter is not valid YAML (${reason}): fix the YAML between the --- lines`,
      },
    };
  }
  const data = parsed.data ?? {};
  const frontmatterText = (parsed.matter ?? '').replace(/^\r?\n/, '');
  const result = frontmatterSchema.safeParse(data);
  const provisional: SourceFile = { path, frontmatter: {}, frontmatterText, body: parsed.content, bodyLine: 1 };
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    return { problem: { file: path, line: keyLine(provisional, field), message: `frontmatter field '${field}' ${issue.message}` } };
  }
  const headerLines = text.length - parsed.content.length > 0 ? text.slice(0, text.length - parsed.content.length).split('\n').length - 1 : 0;
  return { file: { ...provisional, frontmatter: result.data, bodyLine: headerLines + 1 } };
}
