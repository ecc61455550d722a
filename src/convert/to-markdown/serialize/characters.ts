/** Character classes as CommonMark sees them, by UTF-16 code unit (as the reference does). */

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;

/** 1: whitespace (or nothing), 2: punctuation, 0: anything else (a "letter"); NaN (no character) counts as a letter. */
export function classify(code: number): 0 | 1 | 2 {
  if (!(code > -1)) return 0;
  if (code === 32 || code === 9 || code === 10 || code === 13) return 1;
  if (code < 128) return isAsciiPunctuation(code) ? 2 : code < 33 && WHITESPACE.test(String.fromCharCode(code)) ? 1 : 0;
  const char = String.fromCharCode(code);
  if (WHITESPACE.test(char)) return 1;
  return PUNCTUATION.test(char) ? 2 : 0;
}

export function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

export function isLineEnding(code: number): boolean {
  return code === 10 || code === 13;
}

/** ASCII letters, digits and `_` (`\w` of a regular expression without the `u` flag). */
export function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

export function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The first character (a surrogate pair counts as one), or `''`. */
export function firstCharacter(value: string): string {
  const code = value.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** The last character (a surrogate pair counts as one), or `''`. */
export function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2);
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1);
}

/** `&#xHEX;`. */
export function characterReference(code: number): string {
  return `&#x${code.toString(16).toUpperCase()};`;
}
