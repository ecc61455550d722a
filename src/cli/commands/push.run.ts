import { runPushWithOutput, pushExitCode, type PushRunFlags } from '../push-run.js';

export interface PushFlags extends PushRunFlags {
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

export async function runPush(paths: string[], flags: PushFlags): Promise<void> {
  const { result } = await runPushWithOutput({ paths, flags, dryRun: Boolean(flags.dryRun), force: Boolean(flags.force) });
  const code = pushExitCode(result);
  if (code !== 0) process.exitCode = code;
}
