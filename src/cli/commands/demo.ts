import type { Command } from 'commander';

/** Registers `demo`; its implementation (demo.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Publish a demo docs tree to an embedded Confluence emulator and show what push does')
    .option('--serve', 'keep the emulator running afterwards, to look around (Ctrl+C stops it)')
    .action(async (flags: { serve?: boolean }) => (await import('./demo.run.js')).runDemo(flags));
}
