import { AnswerError, AUTH_MODES, detectAuthMode, normaliseSiteUrl, parseAuthMode, parseRootPage, parseSpaceKey, type InitAnswers } from './answers.js';
import type { Prompter } from './prompt.js';

/** `init`'s flags that answer its questions. */
export interface AnswerFlags {
  readonly authMode?: string;
  readonly site?: string;
  readonly email?: string;
  readonly space?: string;
  readonly docs?: string;
  readonly rootPage?: string;
}

const nonEmpty = (value: string): string => {
  if (value.trim() === '') throw new AnswerError('an answer is needed');
  return value.trim();
};

/**
 * The answers of `init`: each from its flag when given; otherwise asked through `prompter`
 * (with the environment's value as the default), or without a prompter taken from the environment
 * or left to the template. Asks only what the chosen auth mode needs.
 */
export async function collectAnswers(flags: AnswerFlags, env: NodeJS.ProcessEnv, prompter: Prompter | undefined): Promise<InitAnswers> {
  const ask = async <T>(flag: string | undefined, parse: (v: string) => T, question: { text: string; default?: string; optional?: boolean }, fallback: string | undefined): Promise<T | undefined> => {
    if (flag !== undefined) return parse(flag);
    if (prompter) return prompter.ask({ ...question, parse });
    return fallback === undefined || fallback === '' ? undefined : parse(fallback);
  };
  const detected = detectAuthMode(env) ?? 'api-token';
  const authMode = (await ask(flags.authMode, parseAuthMode, { text: `Auth mode (${AUTH_MODES.join(', ')})`, default: detected }, detected))!;
  let answers: InitAnswers = { authMode, docs: 'docs' };
  if (authMode === 'api-token') {
    const baseUrl = await ask(flags.site, normaliseSiteUrl, { text: 'Confluence site (e.g. https://acme.atlassian.net/wiki)', default: env.CONFLUENCE_BASE_URL || undefined }, env.CONFLUENCE_BASE_URL);
    if (baseUrl === undefined && prompter) throw new AnswerError('a site is needed');
    const email = await ask(flags.email, nonEmpty, { text: 'Account email (or leave it to CONFLUENCE_EMAIL)', default: env.CONFLUENCE_EMAIL || undefined, optional: true }, undefined);
    answers = { ...answers, baseUrl, email };
  } else {
    const site = await ask(flags.site, nonEmpty, { text: 'Site name or URL (needed only when the token reaches several sites)', default: env.CONFLUENCE_SITE || undefined, optional: true }, undefined);
    answers = { ...answers, site };
  }
  const space = await ask(flags.space, parseSpaceKey, { text: 'Space key (e.g. DOCS)' }, undefined);
  const docs = (await ask(flags.docs, nonEmpty, { text: 'Docs folder, relative to the config file', default: 'docs' }, 'docs'))!;
  const rootPage = flags.rootPage === undefined ? undefined : parseRootPage(flags.rootPage);
  return { ...answers, space, docs, rootPage };
}
