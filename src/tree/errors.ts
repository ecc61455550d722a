/** A problem with one source file, located as precisely as we can, with what to do about it. */
export interface TreeProblem {
  /** Path relative to the docs root (posix). */
  readonly file: string;
  readonly line: number | undefined;
  readonly message: string;
}

export function formatProblem(problem: TreeProblem, root = ''): string {
  const where = `${root ? `${root.replace(/\/$/, '')}/` : ''}${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}`;
  return `${where}: ${problem.message}`;
}

export class TreeError extends Error {
  constructor(
    readonly problems: readonly TreeProblem[],
    root = '',
  ) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the docs tree; nothing was written:\n${problems.map((p) => `  ${formatProblem(p, root)}`).join('\n')}`);
    this.name = 'TreeError';
  }
}
