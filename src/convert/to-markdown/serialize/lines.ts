const LINE_ENDING = /\r?\n|\r/g;

/** Each line of `value` through `map` (with its index and whether it is empty), line endings kept. */
export function indentLines(value: string, map: (line: string, index: number, blank: boolean) => string): string {
  let out = '';
  let start = 0;
  let line = 0;
  for (const match of value.matchAll(LINE_ENDING)) {
    const text = value.slice(start, match.index);
    out += map(text, line, text === '') + match[0];
    start = match.index + match[0].length;
    line += 1;
  }
  const text = value.slice(start);
  return out + map(text, line, text === '');
}

/** `> ` before every line, `>` alone on an empty one. */
export function quoteLine(line: string, _index: number, blank: boolean): string {
  return blank ? '>' : `> ${line}`;
}

/** Four spaces before every non-empty line. */
export function indentLine(line: string, _index: number, blank: boolean): string {
  return blank ? '' : `    ${line}`;
}
