import { ConfluenceError, redact } from '../client/index.js';
import { CliError, ExitCode } from './errors.js';

/** Runs `work`, turning client errors into CLI errors with Confluence's message, the hint, and no secret. */
export async function withClientErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConfluenceError) throw new CliError(redact(error.message), ExitCode.failure);
    if (error instanceof CliError) throw error;
    throw new CliError(redact(error instanceof Error ? error.message : String(error)), ExitCode.internal);
  }
}
