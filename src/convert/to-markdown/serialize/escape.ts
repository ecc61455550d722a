/**
 * Escaping text for where it is written: the output of mdast-util-to-markdown's `safe` (with
 * the rules of `escape-rules.ts`), found by one scan of the text instead of a regular
 * expression per rule. Text without any character a rule is about comes back as it is.
 */
import { characterReference, classify, firstCharacter, isAsciiPunctuation, isLineEnding } from './characters.js';
import { AFTER, BEFORE, type Consumed, RULE_CHARACTERS, ruleAt } from './escape-rules.js';
import { CODE_LANG } from './scope.js';

/** A backslash before ASCII punctuation (in `value`, or `after` for the last one) is doubled. */
function escapeBackslashes(value: string, after: string): string {
  let at = value.indexOf('\\');
  if (at === -1) return value;
  let out = '';
  let start = 0;
  while (at !== -1) {
    const next = at + 1 < value.length ? value.charCodeAt(at + 1) : after.charCodeAt(0);
    if (isAsciiPunctuation(next)) {
      out += `${value.slice(start, at)}\\`;
      start = at;
    }
    at = value.indexOf('\\', at + 1);
  }
  return out + value.slice(start);
}

/** True when some character of `value` may need an escape in `scope`. */
function needsScan(value: string, scope: number): boolean {
  if (scope & CODE_LANG) return true;
  const last = value.length - 1;
  // Spaces only matter next to a line ending, which can only be around the text.
  if (value.charCodeAt(0) === 32 || value.charCodeAt(last) === 32) return true;
  for (let index = 0; index <= last; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 128 && RULE_CHARACTERS[code] === 1) return true;
  }
  return false;
}

function isRuleCharacter(code: number): boolean {
  return code < 128 && (RULE_CHARACTERS[code] === 1 || code === 32);
}

/**
 * True for a space or tab some rule may be about: one next to a line ending, or any in a code info
 * string. The many spaces inside a text are passed over without asking `ruleAt`.
 */
function spaceMayMatch(whole: string, index: number, scope: number): boolean {
  return (scope & CODE_LANG) !== 0 || isLineEnding(whole.charCodeAt(index - 1)) || isLineEnding(whole.charCodeAt(index + 1));
}

function escapeOne(code: number, encodeGrave: boolean): string {
  return isAsciiPunctuation(code) && !(encodeGrave && code === 96) ? `\\${String.fromCharCode(code)}` : characterReference(code);
}

const ATTENTION_MARKER = /[*_]/;

/**
 * `value` made safe between `before` and `after` in `scope`. `encodeGrave`: a grave accent is
 * written as a character reference (code fence info). `value` must not hold a line ending.
 */
export function escapeText(value: string, before: string, after: string, scope: number, encodeGrave = false): string {
  if (value === '' || !needsScan(value, scope)) return value;
  const whole = before + value + after;
  const offset = before.length;
  const end = offset + value.length;
  const positions: number[] = [];
  const flags: number[] = [];
  const consumed: Consumed = { at: 0, dot: 0 };
  for (let index = offset; index < end; index += 1) {
    const code = whole.charCodeAt(index);
    if (code >= 128) continue;
    if (code === 32 || code === 9) {
      if (!spaceMayMatch(whole, index, scope)) continue;
    } else if (RULE_CHARACTERS[code] !== 1) continue;
    const found = ruleAt(whole, index, scope, consumed);
    if (found !== 0) {
      positions.push(index);
      flags.push(found);
    }
  }
  if (positions.length === 0) return escapeBackslashes(value, after);
  let out = '';
  let start = offset;
  for (let k = 0; k < positions.length; k += 1) {
    const position = positions[k] as number;
    const flag = flags[k] as number;
    if (whole.charCodeAt(position) === 95 && position > 0 && classify(whole.charCodeAt(position - 1)) === 0 && !(position - 1 === offset && ATTENTION_MARKER.test(whole.charAt(offset - 1)))) {
      // An intraword run of underscores cannot form emphasis: left as it is.
      let runEnd = position + 1;
      while (runEnd < end && whole.charCodeAt(runEnd) === 95) runEnd += 1;
      const skip = runEnd - position - 1;
      if (
        positions[k + skip] === runEnd - 1 &&
        runEnd < whole.length &&
        classify(whole.charCodeAt(runEnd)) === 0 &&
        !(runEnd === end - 1 && ATTENTION_MARKER.test(whole.charAt(end)))
      ) {
        k += skip;
        continue;
      }
    }
    // A rule that depends on its neighbour is not needed when the neighbour is escaped anyway.
    const nextFlag = positions[k + 1] === position + 1 && position + 1 < end ? (flags[k + 1] as number) : 0;
    const previousFlag = positions[k - 1] === position - 1 && position - 1 >= offset ? (flags[k - 1] as number) : 0;
    if ((nextFlag !== 0 && flag & AFTER && !(nextFlag & (BEFORE | AFTER))) || (previousFlag !== 0 && flag & BEFORE && !(previousFlag & (BEFORE | AFTER)))) continue;
    if (start !== position) out += escapeBackslashes(whole.slice(start, position), '\\');
    start = position + 1;
    out += escapeOne(whole.charCodeAt(position), encodeGrave);
  }
  return out + escapeBackslashes(whole.slice(start, end), after);
}

/** The first character of `escapeText(value, '', '', scope)` (what a sibling before it sees). */
export function firstEscapedCharacter(value: string, scope: number): string {
  if (value === '') return '';
  const first = value.charCodeAt(0);
  if (first === 92) return '\\';
  if (!isRuleCharacter(first) || isLineEnding(first)) return firstCharacter(value);
  const consumed: Consumed = { at: 0, dot: 0 };
  const flag = ruleAt(value, 0, scope, consumed);
  if (flag === 0) return firstCharacter(value);
  const second = value.length > 1 && isRuleCharacter(value.charCodeAt(1)) ? ruleAt(value, 1, scope, consumed) : 0;
  if (second !== 0 && flag & AFTER && !(second & (BEFORE | AFTER))) return firstCharacter(value);
  return escapeOne(first, false).charAt(0);
}
