import { createInterface } from 'node:readline';
import { AnswerError } from './answers.js';

export interface Question<T> {
  readonly text: string;
  /** Shown in brackets and used for an empty answer. */
  readonly default?: string;
  /** An empty answer without a default is allowed, and gives undefined. */
  readonly optional?: boolean;
  /** Turns the answer into a value; an AnswerError asks again. */
  readonly parse: (answer: string) => T;
}

/** Asks questions one at a time; a wrong answer is explained and asked again. */
export interface Prompter {
  ask<T>(question: Question<T>): Promise<T | undefined>;
  close(): void;
}

/**
 * A prompter on streams (the terminal, or any stream in tests). Lines are read through readline's
 * async iterator, which buffers them, so answers typed (or piped) ahead are not lost.
 */
export function streamPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const rl = createInterface({ input, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask<T>(question: Question<T>): Promise<T | undefined> {
      for (;;) {
        output.write(`${question.text}${question.default ? ` [${question.default}]` : question.optional ? ' (optional)' : ''}: `);
        const next = await lines.next();
        if (next.done) {
          output.write('\n');
          throw new AnswerError(`no answer to "${question.text}" (end of input)`);
        }
        const answer = next.value.trim() || question.default || '';
        if (answer === '' && question.optional) return undefined;
        try {
          return question.parse(answer);
        } catch (error) {
          if (!(error instanceof AnswerError)) throw error;
          output.write(`  ${error.message}\n`);
        }
      }
    },
    close: () => rl.close(),
  };
}
