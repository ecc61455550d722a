/** ANSI colours for a terminal; every function returns its text unchanged when colour is off. */
export interface Style {
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

export function style(enabled: boolean): Style {
  if (!enabled) return { green: plain, yellow: plain, red: plain, cyan: plain, dim: plain, bold: plain };
  return { green: ansi(32, 39), yellow: ansi(33, 39), red: ansi(31, 39), cyan: ansi(36, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
}

/** Colours the lines of a text plan (`  + path  create …`) by their symbol. */
export function colorPlan(text: string, s: Style): string {
  const bySymbol: Record<string, (t: string) => string> = { '+': s.green, '~': s.yellow, '>': s.cyan, '!': s.red, '-': s.red };
  return text
    .split('\n')
    .map((line) => {
      const m = /^ {2}([+~>!-]) /.exec(line);
      if (m) return bySymbol[m[1]!]!(line);
      return line.startsWith('Plan: ') ? s.bold(line) : line;
    })
    .join('\n');
}
