/** Exit codes of the CLI (documented in README and `--help`). */
export const ExitCode = {
  ok: 0,
  /** Something failed while talking to Confluence or writing files. */
  failure: 1,
  /** push: pages edited in Confluence were left alone (see --force). */
  conflicts: 2,
  /** Invalid input (flags, config, docs tree, credentials missing): nothing was written. */
  usage: 3,
  internal: 70,
} as const;

/** An error meant for the user: its message is printed as is, and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
