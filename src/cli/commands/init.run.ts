import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfluenceError, redact } from '../../client/index.js';
import { configSchema } from '../../config/schema.js';
import { describeIssues } from '../../config/load.js';
import { credentialStatus, loggedInLine } from '../auth-status.js';
import { clientFromEnv, connectionOf } from '../client-from-env.js';
import { CliError, ExitCode } from '../errors.js';
import { AnswerError, configFromAnswers, schemaReference, type InitAnswers } from '../init/answers.js';
import { collectAnswers, type AnswerFlags } from '../init/collect.js';
import { streamPrompter, type Prompter } from '../init/prompt.js';

export interface InitFlags extends AnswerFlags {
  readonly config: string;
  readonly force?: boolean;
  readonly yes?: boolean;
  readonly interactive?: boolean;
  readonly check: boolean;
}

/** Where `init` runs: the streams and environment (injected in tests). */
export interface InitIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Whether to ask: on a terminal unless --yes or CI; always with --interactive. */
export function interactive(flags: Pick<InitFlags, 'yes' | 'interactive'>, io: Pick<InitIo, 'input' | 'output' | 'env'>): boolean {
  if (flags.yes) return false;
  if (flags.interactive) return true;
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== '0' && io.env.CI.toLowerCase() !== 'false';
  return Boolean(io.input.isTTY) && Boolean(io.output.isTTY) && !ci;
}

/** The config text init writes (validated against the config schema before it is written). */
async function configText(answers: InitAnswers, target: string): Promise<string> {
  const template = await readFile(resolve(PACKAGE_ROOT, 'templates/confluence-sync.config.json'), 'utf8');
  const schemaRef = schemaReference(dirname(target), resolve(PACKAGE_ROOT, 'schema/config.schema.json'), `https://unpkg.com/confluence-sync@${await packageVersion()}/schema/config.schema.json`, relative);
  const config = configFromAnswers(template, answers, schemaRef);
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) throw new CliError(describeIssues('the answers', parsed.error.issues), ExitCode.usage);
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A first page in a docs folder that does not exist yet; undefined when the folder exists. */
async function starterPage(docsDir: string, title: string, shownPath: string): Promise<string | undefined> {
  if (existsSync(docsDir)) return undefined;
  const template = await readFile(resolve(PACKAGE_ROOT, 'templates/docs/index.md'), 'utf8');
  await mkdir(docsDir, { recursive: true });
  const file = resolve(docsDir, 'index.md');
  await writeFile(file, template.replaceAll('{{title}}', title).replaceAll('{{path}}', shownPath), { flag: 'wx' });
  return file;
}

/**
 * Checks what the written config and the environment sign in as, and that the space exists.
 * Missing credentials are not an error (they are set later); refused ones and an unknown space are.
 */
async function checkConnection(configFile: string, answers: InitAnswers, io: InitIo, say: (line: string) => void): Promise<number> {
  const config = configSchema.parse(JSON.parse(await readFile(configFile, 'utf8')));
  let client;
  try {
    client = await clientFromEnv(io.env, connectionOf(config));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    say(`Credentials: not checked. ${error.message}`);
    say('  Set them (README, "Signing in"), then run: confluence-sync auth status');
    return ExitCode.ok;
  }
  try {
    const status = await credentialStatus(client);
    say(`Credentials: ${loggedInLine(status)} (${status.mode})`);
    if (answers.space) {
      const space = await client.spaces.byKey(answers.space);
      say(`Space: ${space.key} "${space.name}" found${answers.rootPage ? '' : `; pages go under its homepage`}.`);
    }
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ConfluenceError)) throw error;
    say(`Check failed: ${redact(error.message)}`);
    say('  The config was written; fix the credentials or the space, then run: confluence-sync check');
    return ExitCode.failure;
  } finally {
    await client.close();
  }
}

/** `confluence-sync init`: writes the config (never over an existing one without --force) and checks it. */
export async function runInit(flags: InitFlags, io: InitIo = { cwd: process.cwd(), env: process.env, input: process.stdin, output: process.stdout }): Promise<void> {
  const target = resolve(io.cwd, flags.config);
  const shown = relative(io.cwd, target) || target;
  if (existsSync(target) && !flags.force) {
    throw new CliError(`${shown} already exists; nothing was written. Edit it, or run init --force to replace it.`, ExitCode.usage);
  }
  const say = (line = '') => io.output.write(`${line}\n`);
  let prompter: Prompter | undefined;
  let answers: InitAnswers;
  try {
    if (interactive(flags, io)) {
      prompter = streamPrompter(io.input, io.output);
      say(`Setting up ${shown}. Secrets are not asked: they stay in the environment.`);
    }
    answers = await collectAnswers(flags, io.env, prompter);
  } catch (error) {
    if (error instanceof AnswerError) throw new CliError(`${error.message}; nothing was written.`, ExitCode.usage);
    throw error;
  } finally {
    prompter?.close();
  }

  const text = await configText(answers, target);
  await mkdir(dirname(target), { recursive: true });
  try {
    await writeFile(target, text, { flag: flags.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${shown} already exists; nothing was written. Edit it, or run init --force to replace it.`, ExitCode.usage);
    throw error;
  }
  const where = answers.authMode === 'api-token' ? (answers.baseUrl ?? 'the site in CONFLUENCE_BASE_URL') : (answers.site ?? 'the site of the token');
  say(`Wrote ${shown}: ${answers.authMode} on ${where}, space ${answers.space ?? '(none yet: add "space")'}, docs in ${answers.docs}/.`);
  const docsDir = resolve(dirname(target), answers.docs);
  const page = await starterPage(docsDir, answers.space ? `${answers.space} documentation` : 'Documentation', relative(dirname(target), resolve(docsDir, 'index.md')));
  if (page) say(`Created ${relative(io.cwd, page)}, a first page.`);

  const code = flags.check ? await checkConnection(target, answers, io, say) : ExitCode.ok;
  say();
  say('Next:');
  say('  confluence-sync check            # convert and plan, write nothing');
  say('  confluence-sync push --dry-run   # the plan of a push');
  say('  confluence-sync push             # publish');
  say('Commit the config and, after the first push, confluence-sync.lock.json.');
  if (code !== ExitCode.ok) process.exitCode = code;
}
