/** Flags that choose how a command prints (push, check, watch). */
export interface OutputFlags {
  /** `--ci`: a plain log for CI (no progress, no colour, grouped lines, a summary). */
  readonly ci?: boolean;
  /** `--quiet`: only problems (errors, conflicts, warnings) and nothing on stdout but a JSON report. */
  readonly quiet?: boolean;
  /** `--no-color`. */
  readonly color?: boolean;
}

/** What the process runs in. */
export interface Terminal {
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** How to print. Decided once per run from the flags, the environment and the terminal (pure). */
export interface OutputMode {
  /** A log for CI: implied by `CI` in the environment or a stdout that is not a terminal. */
  readonly ci: boolean;
  readonly color: boolean;
  /** A progress bar on stderr while pages are written. */
  readonly progress: boolean;
  /** Collapsible sections: GitHub Actions (`::group::`), GitLab CI (`section_start`), or none. */
  readonly groups: 'github' | 'gitlab' | 'none';
  readonly quiet: boolean;
}

const truthy = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

export function outputMode(flags: OutputFlags, terminal: Terminal): OutputMode {
  const { env } = terminal;
  const ci = Boolean(flags.ci) || truthy(env.CI) || !terminal.stdoutIsTTY;
  const quiet = Boolean(flags.quiet);
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const color = !ci && flags.color !== false && !env.NO_COLOR && env.TERM !== 'dumb';
  return {
    ci,
    color,
    progress: !ci && !quiet && terminal.stderrIsTTY && env.TERM !== 'dumb',
    groups: env.GITHUB_ACTIONS === 'true' ? 'github' : env.GITLAB_CI === 'true' ? 'gitlab' : 'none',
    quiet,
  };
}

export function terminalOf(env: NodeJS.ProcessEnv = process.env): Terminal {
  return { env, stdoutIsTTY: Boolean(process.stdout.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY) };
}
