import { buildProgram } from './program.js';
import { CliError, ExitCode } from './errors.js';

/** Runs the CLI with `argv` (as in `process.argv`) and returns the exit code. Only `bin/` exits. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`confluence-sync: ${error.message}\n`);
      return error.exitCode;
    }
    // commander's own usage errors (unknown option, missing argument) are invalid input too; help and version exit 0.
    if (isCommanderExit(error)) return error.exitCode === 0 ? 0 : ExitCode.usage;
    process.stderr.write(`confluence-sync: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 70;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number } {
  return typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('commander.') && 'exitCode' in error;
}
