import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/errors.js';
import { buildProgram } from '../../src/cli/program.js';

/** The full --help text of a command, with the text added after it (what a user sees). */
function help(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}

describe('exit codes', () => {
  const program = buildProgram();
  const codes = Object.values(ExitCode).sort((a, b) => a - b);

  it('are listed by --help, of the program and of every command that publishes or checks', () => {
    for (const command of [program, ...['push', 'check', 'watch', 'init'].map((name) => program.commands.find((c) => c.name() === name)!)]) {
      const text = help(command);
      expect(text, command.name()).toContain('Exit codes:');
      for (const code of codes) expect(text, `${command.name()} ${code}`).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'));
    }
  });

  it('README and docs/ci.md list the same codes', () => {
    for (const file of ['README.md', 'docs/ci.md']) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const section = text.slice(text.indexOf('xit codes'));
      const listed = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
      expect(listed, file).toEqual(codes);
    }
  });
});
