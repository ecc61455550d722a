/**
 * The escaping rules of mdast-util-to-markdown (its `unsafe` patterns, GFM's, and ours from
 * `stringify.ts`), as one test per character instead of one regular expression per pattern.
 *
 * `ruleAt` says whether the character at `index` of `whole` (text with the characters around it)
 * must be escaped in `scope`, and whether every rule that asks for it depends on the character
 * before it (`BEFORE`) or after it (`AFTER`): `safe` skips some escapes by those flags.
 *
 * Callers guarantee what makes one test per character exact: the text itself has no line
 * ending (so a rule that needs a line break before the character can only see one in the
 * context before the text), and the context before the text is at most a few characters.
 */
import { isAsciiAlpha, isDigit, isLineEnding, isWord } from './characters.js';
import {
  CODE_LANG, CODE_META, DESTINATION_LITERAL, DESTINATION_RAW, HEADING, LABEL, PHRASING, REFERENCE, TABLE_CELL, TITLE_QUOTE,
  inAutolinkText, inPhrasing,
} from './scope.js';

/** Matched, with no condition on either side. */
export const PLAIN = 1;
/** Every matching rule has a condition on the character before. */
export const BEFORE = 2;
/** Every matching rule has a condition on the character after. */
export const AFTER = 4;

/** Per scope, where the last match of the two rules whose matches can overlap ended. */
export interface Consumed {
  at: number;
  dot: number;
}

/** The flags of several matches at one place: a flag stays only if every match has it. */
class Match {
  matched = false;
  before = true;
  after = true;

  add(before: boolean, after: boolean): void {
    this.matched = true;
    this.before &&= before;
    this.after &&= after;
  }

  result(): number {
    if (!this.matched) return 0;
    return PLAIN | (this.before ? BEFORE : 0) | (this.after ? AFTER : 0);
  }
}

/** A line ending, then only spaces and tabs, right before `index`. */
function atBreak(whole: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && (whole.charCodeAt(at) === 32 || whole.charCodeAt(at) === 9)) at -= 1;
  return at >= 0 && isLineEnding(whole.charCodeAt(at));
}

/** Digits right before `index`, and a line break before them (an ordered list marker). */
function atBreakAfterDigits(whole: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && isDigit(whole.charCodeAt(at))) at -= 1;
  return at < index - 1 && atBreak(whole, at + 1);
}

const code = (whole: string, index: number): number => whole.charCodeAt(index);

function isSpaceOrTab(value: number): boolean {
  return value === 32 || value === 9;
}

function blankAfter(value: number): boolean {
  return isSpaceOrTab(value) || isLineEnding(value);
}

/** The characters any rule is about; everything else is written as it is. */
export const RULE_CHARACTERS = new Uint8Array(128);
for (const char of '\t !"#&()*+-.<=>[\\]_`~|:@?') RULE_CHARACTERS[char.charCodeAt(0)] = 1;

/** Rules for `character` (a code < 128 marked in {@link RULE_CHARACTERS}) at `index`. */
export function ruleAt(whole: string, index: number, scope: number, consumed: Consumed): number {
  const character = whole.charCodeAt(index);
  const next = code(whole, index + 1);
  const previous = code(whole, index - 1);
  const match = new Match();
  const phrasing = (scope & PHRASING) !== 0;
  switch (character) {
    case 9: // tab
    case 32: // space
      if (phrasing && isLineEnding(next)) match.add(false, true);
      if (phrasing && isLineEnding(previous)) match.add(true, false);
      if (scope & CODE_LANG) match.add(false, false);
      break;
    case 33: // !
      if (inPhrasing(scope) && next === 91) match.add(false, true);
      if (next === 33 && code(whole, index + 2) === 33 && atBreak(whole, index)) match.add(true, true);
      break;
    case 34: // "
      if (scope & TITLE_QUOTE) match.add(false, false);
      break;
    case 35: // #
      if (atBreak(whole, index)) match.add(true, false);
      if (scope & HEADING && (isLineEnding(next) || index + 1 === whole.length)) match.add(false, true);
      break;
    case 38: // &
      if (scope & (PHRASING | DESTINATION_RAW | DESTINATION_LITERAL | TITLE_QUOTE | CODE_LANG | CODE_META) && (next === 35 || isAsciiAlpha(next))) match.add(false, true);
      break;
    case 40: // (
      if (scope & DESTINATION_RAW) match.add(false, false);
      if (inPhrasing(scope) && previous === 93) match.add(true, false);
      break;
    case 41: // )
      if (atBreakAfterDigits(whole, index)) match.add(true, false);
      if (scope & DESTINATION_RAW) match.add(false, false);
      break;
    case 42: // *
      if ((blankAfter(next) || next === 42) && atBreak(whole, index)) match.add(true, true);
      if (inPhrasing(scope)) match.add(false, false);
      break;
    case 43: // +
      if (blankAfter(next) && atBreak(whole, index)) match.add(true, true);
      break;
    case 45: // -
      if ((blankAfter(next) || next === 45) && atBreak(whole, index)) match.add(true, true);
      if ((next === 58 || next === 124 || next === 45) && atBreak(whole, index)) match.add(true, true);
      break;
    case 46: // .
      if ((blankAfter(next) || index + 1 === whole.length) && atBreakAfterDigits(whole, index)) match.add(true, true);
      // `www.`: the rule's matches can overlap (`w.w.x`): a match needs its `w` unused by the last one.
      if (inAutolinkText(scope) && (previous === 87 || previous === 119) && (isWord(next) || next === 45 || next === 46) && index - 1 >= consumed.dot) {
        match.add(true, true);
        consumed.dot = index + 2;
      }
      break;
    case 60: // <
      if ((next === 33 || next === 47 || next === 63 || isAsciiAlpha(next)) && atBreak(whole, index)) match.add(true, true);
      if (inPhrasing(scope) && (next === 33 || next === 47 || next === 63 || isAsciiAlpha(next))) match.add(false, true);
      if (scope & DESTINATION_LITERAL) match.add(false, false);
      break;
    case 61: // =
      if (atBreak(whole, index)) match.add(true, false);
      break;
    case 62: // >
      if (atBreak(whole, index)) match.add(true, false);
      if (scope & DESTINATION_LITERAL) match.add(false, false);
      break;
    case 91: // [
      if (atBreak(whole, index)) match.add(true, false);
      if (inPhrasing(scope) || scope & (LABEL | REFERENCE | PHRASING)) match.add(false, false);
      break;
    case 92: // \
      if (phrasing && isLineEnding(next)) match.add(false, true);
      break;
    case 93: // ]
      if (scope & (LABEL | REFERENCE)) match.add(false, false);
      break;
    case 95: // _
    case 96: // `
    case 126: // ~
      if (atBreak(whole, index)) match.add(true, false);
      if (inPhrasing(scope)) match.add(false, false);
      if (character === 96 && scope & (CODE_LANG | CODE_META)) match.add(false, false);
      break;
    case 124: // |
      if ((isSpaceOrTab(next) || next === 58 || next === 45) && atBreak(whole, index)) match.add(true, true);
      if (scope & TABLE_CELL) match.add(false, false);
      break;
    case 58: // :
      if (next === 45 && atBreak(whole, index)) match.add(true, true);
      if (inAutolinkText(scope) && (previous === 112 || previous === 115) && next === 47) match.add(true, true);
      break;
    case 64: // @
      if (
        inAutolinkText(scope) &&
        (isWord(previous) || previous === 43 || previous === 45 || previous === 46) &&
        (isWord(next) || next === 45 || next === 46) &&
        index - 1 >= consumed.at
      ) {
        match.add(true, true);
        consumed.at = index + 2;
      }
      break;
    case 63: // ?
      if (next === 63 && code(whole, index + 2) === 63 && atBreak(whole, index)) match.add(true, true);
      break;
    default:
      break;
  }
  return match.result();
}
