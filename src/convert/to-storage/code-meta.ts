/**
 * Options written after the language of a code fence:
 * ```` ```ts title="server.ts" linenumbers firstline=10 collapse ````.
 * Also understood: `linenums`, `showLineNumbers` (flags), and MkDocs' `linenums="5"` (line
 * numbers starting at 5). Unknown words are ignored.
 */
export interface CodeMeta {
  readonly title: string | undefined;
  readonly lineNumbers: boolean;
  readonly firstLine: number | undefined;
  readonly collapse: boolean;
}

/** Splits the meta string into `key`, `key=value`, `key="value with spaces"` and `key='…'` words. */
function words(meta: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  let index = 0;
  const length = meta.length;
  while (index < length) {
    while (index < length && /\s/.test(meta.charAt(index))) index += 1;
    if (index >= length) break;
    let key = '';
    while (index < length && !/[\s=]/.test(meta.charAt(index))) key += meta.charAt(index++);
    if (meta.charAt(index) !== '=') {
      out.push([key, undefined]);
      continue;
    }
    index += 1;
    const quote = meta.charAt(index);
    let value = '';
    if (quote === '"' || quote === "'") {
      index += 1;
      while (index < length && meta.charAt(index) !== quote) value += meta.charAt(index++);
      index += 1;
    } else {
      while (index < length && !/\s/.test(meta.charAt(index))) value += meta.charAt(index++);
    }
    out.push([key, value]);
  }
  return out;
}

function flag(value: string | undefined): boolean {
  return value === undefined || value === '' || value.toLowerCase() === 'true';
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  let title: string | undefined;
  let lineNumbers = false;
  let firstLine: number | undefined;
  let collapse = false;
  for (const [rawKey, value] of words(meta ?? '')) {
    const key = rawKey.toLowerCase();
    if (key === 'title') title = value;
    else if (key === 'linenumbers' || key === 'showlinenumbers') lineNumbers = flag(value);
    else if (key === 'linenums') {
      const start = positiveInteger(value);
      lineNumbers = start !== undefined || flag(value);
      if (start !== undefined && start !== 1) firstLine = start;
    } else if (key === 'firstline') firstLine = positiveInteger(value) ?? firstLine;
    else if (key === 'collapse') collapse = flag(value);
  }
  if (firstLine !== undefined) lineNumbers = true;
  return { title: title === '' ? undefined : title, lineNumbers, firstLine, collapse };
}
