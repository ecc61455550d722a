import type { Command } from 'commander';
import type { OutputFlags } from './mode.js';

export interface ReportFlags extends OutputFlags {
  readonly json?: boolean;
  readonly jsonFile?: string;
}

/** The output flags of push, check and watch. */
export function addOutputFlags(command: Command, options: { json?: boolean } = { json: true }): Command {
  command
    .option('--ci', 'plain log for CI: no progress bar or colour, collapsible sections on GitHub Actions and GitLab CI (default when CI is set or stdout is not a terminal)')
    .option('-q, --quiet', 'print only problems (errors, conflicts, warnings)')
    .option('--no-color', 'no colour (also NO_COLOR=1)');
  if (options.json !== false) {
    command.option('--json', 'print a JSON report on stdout instead of text').option('--json-file <file>', 'also write the JSON report to this file');
  }
  return command;
}
