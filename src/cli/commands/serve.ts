import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the local Confluence Cloud emulator on 127.0.0.1')
    .action(() => {
      throw new Error('serve: not wired yet');
    });
}
