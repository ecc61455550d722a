import type { ApplyEvent } from '../../apply/events.js';
import { redact } from '../../client/index.js';
import { style as makeStyle, type Style } from './style.js';

function verb(event: Extract<ApplyEvent, { type: 'done' }>): string {
  const { action } = event;
  if (action.type === 'create') return 'created';
  if (action.type === 'update') return 'updated';
  if (action.type === 'orphan') return action.policy === 'delete' ? 'deleted' : 'archived';
  return 'done';
}

/** One log line per applied action (`created path  url`), failure, conflict or warning; none for a no-op. */
export function eventLine(event: ApplyEvent, s: Style = makeStyle(false)): string | undefined {
  switch (event.type) {
    case 'done': {
      if (event.action.type === 'noop') return undefined;
      const v = verb(event);
      return `${v === 'created' || v === 'updated' ? s.green(v) : s.yellow(v)} ${event.action.path}${event.url ? `  ${s.cyan(event.url)}` : ''}${event.note ? ` (${event.note})` : ''}`;
    }
    case 'failed':
      return `${s.red('failed')}  ${event.action.path}: ${redact(event.error)}`;
    case 'conflict':
      return `${s.red('conflict')} ${event.action.path}: ${event.error}`;
    case 'warning':
      return `${s.yellow('warning')} ${event.message}`;
  }
}
