import fg from 'fast-glob';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TreeProblem } from './errors.js';
import { parseSource, type SourceFile } from './read.js';

export interface ScanOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** The Markdown files under `root` (relative posix paths, sorted), per include/exclude globs. */
export async function scanTree(root: string, options: ScanOptions): Promise<string[]> {
  const paths = await fg([...options.include], {
    cwd: root,
    ignore: ['**/node_modules/**', '**/.git/**', ...options.exclude],
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
  });
  return paths.filter((p) => /\.(md|markdown)$/i.test(p)).sort();
}

/** Reads and parses the files; unreadable or unparsable files become problems, not exceptions. */
export async function readTree(root: string, paths: readonly string[]): Promise<{ files: SourceFile[]; problems: TreeProblem[] }> {
  const files: SourceFile[] = [];
  const problems: TreeProblem[] = [];
  const results = await Promise.all(
    paths.map(async (path) => {
      try {
        return parseSource(path, await readFile(join(root, path), 'utf8'));
      } catch (error) {
        return { problem: { file: path, line: undefined, message: `cannot read the file: ${(error as Error).message}` } };
      }
    }),
  );
  for (const result of results) {
    if ('file' in result) files.push(result.file);
    else problems.push(result.problem);
  }
  return { files, problems };
}
