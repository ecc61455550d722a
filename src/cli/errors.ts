/** Exit codes of the CLI (documented in README and `--help`). */
export const ExitCode = {
  ok: 0,
  /** Something failed while talking to Confluence or writing files. */
  failure: 1,
  /** push: pages edited in Confluence were left alone (see --force). */
  conflicts: 2,
  /** Invalid input (flags, config, docs tree, credentials missing): nothing was written. */
  usage: 3,
  /** check --detailed-exitcode: the docs are valid and would change Confluence. */
  changes: 4,
  internal: 70,
} as const;

/** The exit codes, as `--help` prints them (README and docs/ci.md say the same). */
export const EXIT_CODES_HELP = `
Exit codes:
  0   success (check: the docs would publish cleanly)
  1   an error talking to Confluence or writing files
  2   conflicts: pages edited in Confluence were not overwritten (see push --force)
  3   invalid input: flags, config, docs tree, broken links (check), lockfile, credentials; nothing was written
  4   check --detailed-exitcode: valid, and a push would change Confluence
  70  internal error (a bug: please report it)`;

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
