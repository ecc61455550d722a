import type { ApplyEvent } from '../../apply/events.js';
import type { ConversionWarning } from '../../convert/index.js';
import type { PushResult } from '../../sync/push.js';
import type { FileEvent } from '../../watch/batch.js';
import type { WatchReporter } from '../../watch/session.js';
import { cliErrorOf } from '../push-run.js';
import { eventLine } from './events.js';
import type { OutputMode } from './mode.js';
import { appliedLine, warningLine } from './reporter.js';
import { style } from './style.js';

/**
 * What `watch` prints: one line per published page with its URL (stdout), warnings and errors
 * (stderr), a line when a burst of saves starts a push; with --quiet only pages and problems.
 */
export function consoleWatchReporter(mode: OutputMode, docs: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): WatchReporter {
  const s = style(mode.color);
  const say = (line: string) => {
    if (!mode.quiet) out.write(`${line}\n`);
  };
  let first = true;
  return {
    start(changed: readonly FileEvent[]) {
      if (changed.length > 0) say(s.dim(`Changed: ${changed.map((e) => `${e.path}${e.kind === 'add' ? ' (new)' : e.kind === 'unlink' ? ' (deleted)' : ''}`).join(', ')}`));
    },
    warning(w: ConversionWarning) {
      err.write(`${warningLine(docs, w, s)}\n`);
    },
    event(event: ApplyEvent) {
      const line = eventLine(event, s);
      if (line === undefined) return;
      (event.type === 'done' ? out : err).write(`${line}\n`);
    },
    done(result: PushResult, pushed: readonly string[]) {
      const report = result.report!;
      const writes = report.created.length + report.updated.length + report.archived.length + report.deleted.length;
      const problems = report.conflicts.length + report.failed.length;
      if (first) {
        say(writes + problems === 0 ? `Up to date: ${pushed.length} page${pushed.length === 1 ? '' : 's'}.` : appliedLine(report));
      } else if (writes + problems === 0) {
        say(s.dim('No change to publish.'));
      }
      first = false;
    },
    failed(error: unknown) {
      let message: string;
      try {
        message = cliErrorOf(error).message;
      } catch {
        message = `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      }
      err.write(`${s.red('error')} ${message}\n`);
      say(s.dim('Nothing was pushed; waiting for the next save.'));
    },
  };
}
