import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { ConversionWarning, ToStorageOptions } from '../../convert/index.js';
import { CliError, ExitCode } from '../errors.js';

/** Formats the converter can write: storage from Markdown (push), Markdown from storage (pull). */
const TARGETS = ['storage', 'markdown'] as const;
type Target = (typeof TARGETS)[number];

export interface ConvertOptions {
  /** A path, or `-` for standard input. */
  readonly input: string;
  readonly to: Target;
  readonly converter: ToStorageOptions;
}

/** Where the command reads and writes; tests pass buffers. */
export interface ConvertIo {
  readonly readFile: (path: string) => Promise<string>;
  readonly readStdin: () => Promise<string>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface ConvertFlags {
  readonly to: string;
  readonly mermaid: string;
  readonly toc?: boolean;
}

/** Validates the flags into typed options; usage errors exit with code 2. */
export function parseConvertOptions(input: string | undefined, flags: ConvertFlags): ConvertOptions {
  if (!(TARGETS as readonly string[]).includes(flags.to)) {
    throw new CliError(`--to ${flags.to} is not supported: use 'storage' (Markdown in) or 'markdown' (storage in)`, ExitCode.usage);
  }
  if (flags.mermaid !== 'code' && flags.mermaid !== 'macro') {
    throw new CliError(`--mermaid expects 'code' or 'macro' (got '${flags.mermaid}')`, ExitCode.usage);
  }
  return {
    input: input ?? '-',
    to: flags.to as Target,
    converter: { mermaid: flags.mermaid, ...(flags.toc ? { toc: true } : {}) },
  };
}

export function formatWarning(warning: ConversionWarning): string {
  return `${warning.file}:${warning.line}:${warning.column}: warning [${warning.code}] ${warning.message}`;
}

/**
 * Converts one Markdown file (frontmatter stripped) and prints the storage on stdout, warnings on
 * stderr. Links to other files cannot be resolved without the tree, so they are reported.
 */
export async function runConvert(options: ConvertOptions, io: ConvertIo): Promise<void> {
  const fromStdin = options.input === '-';
  let markdown: string;
  try {
    markdown = fromStdin ? await io.readStdin() : await io.readFile(options.input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${fromStdin ? 'standard input' : options.input}: ${reason}`, ExitCode.failure);
  }
  // Loaded here, not at start: the CLI starts fast whatever the command.
  const { markdownToStorage, storageToMarkdown } = await import('../../convert/index.js');
  if (options.to === 'markdown') {
    const pulled = storageToMarkdown(markdown, { file: fromStdin ? '<stdin>' : options.input });
    io.stdout(pulled.markdown);
    for (const warning of pulled.warnings) io.stderr(`${warning.file}:${warning.line}: warning [${warning.code}] ${warning.message}\n`);
    return;
  }
  const result = markdownToStorage(markdown, {
    file: fromStdin ? '<stdin>' : options.input,
    options: options.converter,
  });
  io.stdout(`${result.storage}\n`);
  for (const warning of result.warnings) io.stderr(`${formatWarning(warning)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

const processIo: ConvertIo = {
  readFile: (path) => readFile(path, 'utf8'),
  readStdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('Convert one file (or - for stdin) and print the result: Markdown to storage, or storage to Markdown with --to markdown; warnings go to stderr as file:line')
    .argument('[file]', 'Markdown file (or a storage file with --to markdown), or - for standard input', '-')
    .option('--to <format>', "output format: 'storage' (Confluence storage format, from Markdown) or 'markdown' (from storage)", 'storage')
    .option('--mermaid <mode>', "mermaid fences as a 'code' macro or the diagram 'macro'", 'code')
    .option('--toc', 'insert a table of contents at the top')
    .action(async (file: string | undefined, flags: ConvertFlags) => {
      await runConvert(parseConvertOptions(file, flags), processIo);
    });
}
