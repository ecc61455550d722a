/**
 * A micromark extension: Confluence storage tags in running text (`<ac:link>`,
 * `</ac:structured-macro>`, `<ri:user ri:account-id="…" />`) are inline HTML. CommonMark does
 * not allow `:` in a tag name, so without this they are text, and a status lozenge, a mention or
 * an inline comment marker written in a paragraph could not be read back. Only names with a
 * namespace prefix (`prefix:name`) are matched here; everything else is left to CommonMark's own
 * HTML rules. A tag must sit on one line.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

const LESS_THAN = 60;
const GREATER_THAN = 62;
const SLASH = 47;
const COLON = 58;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const DASH = 45;
const DOT = 46;
const UNDERSCORE = 95;
const GRAVE = 96;

function isAlpha(code: Code): boolean {
  return code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122));
}

function isNameChar(code: Code): boolean {
  return isAlpha(code) || (code !== null && code >= 48 && code <= 57) || code === DASH;
}

function isAttributeNameChar(code: Code): boolean {
  return isNameChar(code) || code === COLON || code === DOT || code === UNDERSCORE;
}

/** Space or tab; line endings are not allowed inside a storage tag. */
function isSpace(code: Code): boolean {
  return code === 32 || code === 9;
}

function isLineEnding(code: Code): boolean {
  return code === null || code < 0 || code === 10 || code === 13;
}

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let marker: Code = null;
  let sawColon = false;

  const start: State = (code) => {
    if (code !== LESS_THAN) return nok(code);
    effects.enter('htmlText');
    effects.enter('htmlTextData');
    effects.consume(code);
    return open;
  };
  const open: State = (code) => {
    if (code === SLASH) {
      effects.consume(code);
      return closeNameStart;
    }
    if (isAlpha(code)) {
      effects.consume(code);
      return openName;
    }
    return nok(code);
  };
  const openName: State = (code) => {
    if (isNameChar(code)) {
      effects.consume(code);
      return openName;
    }
    if (code === COLON && !sawColon) {
      sawColon = true;
      effects.consume(code);
      return openNameAfterColon;
    }
    return sawColon ? between(code) : nok(code);
  };
  const openNameAfterColon: State = (code) => {
    if (!isAlpha(code)) return nok(code);
    effects.consume(code);
    return openName;
  };
  const closeNameStart: State = (code) => {
    if (!isAlpha(code)) return nok(code);
    effects.consume(code);
    return closeName;
  };
  const closeName: State = (code) => {
    if (isNameChar(code)) {
      effects.consume(code);
      return closeName;
    }
    if (code === COLON && !sawColon) {
      sawColon = true;
      effects.consume(code);
      return closeNameAfterColon;
    }
    return sawColon ? closeAfter(code) : nok(code);
  };
  const closeNameAfterColon: State = (code) => {
    if (!isAlpha(code)) return nok(code);
    effects.consume(code);
    return closeName;
  };
  const closeAfter: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return closeAfter;
    }
    return end(code);
  };
  const between: State = (code) => {
    if (code === SLASH) {
      effects.consume(code);
      return end;
    }
    if (isSpace(code)) {
      effects.consume(code);
      return between;
    }
    if (isAlpha(code) || code === COLON || code === UNDERSCORE) {
      effects.consume(code);
      return attributeName;
    }
    return end(code);
  };
  const attributeName: State = (code) => {
    if (isAttributeNameChar(code)) {
      effects.consume(code);
      return attributeName;
    }
    return attributeNameAfter(code);
  };
  const attributeNameAfter: State = (code) => {
    if (code === EQUALS) {
      effects.consume(code);
      return valueBefore;
    }
    if (isSpace(code)) {
      effects.consume(code);
      return attributeNameAfter;
    }
    return between(code);
  };
  const valueBefore: State = (code) => {
    if (code === QUOTE || code === APOSTROPHE) {
      marker = code;
      effects.consume(code);
      return valueQuoted;
    }
    if (isSpace(code)) {
      effects.consume(code);
      return valueBefore;
    }
    if (isLineEnding(code) || code === LESS_THAN || code === EQUALS || code === GREATER_THAN || code === GRAVE) return nok(code);
    effects.consume(code);
    return valueUnquoted;
  };
  const valueQuoted: State = (code) => {
    if (code === marker) {
      marker = null;
      effects.consume(code);
      return valueQuotedAfter;
    }
    if (isLineEnding(code)) return nok(code);
    effects.consume(code);
    return valueQuoted;
  };
  const valueQuotedAfter: State = (code) => {
    if (code === SLASH || code === GREATER_THAN || isSpace(code)) return between(code);
    return nok(code);
  };
  const valueUnquoted: State = (code) => {
    if (isLineEnding(code) || code === QUOTE || code === APOSTROPHE || code === LESS_THAN || code === EQUALS || code === GRAVE) return nok(code);
    if (code === SLASH || code === GREATER_THAN || isSpace(code)) return between(code);
    effects.consume(code);
    return valueUnquoted;
  };
  const end: State = (code) => {
    if (code !== GREATER_THAN) return nok(code);
    effects.consume(code);
    effects.exit('htmlTextData');
    effects.exit('htmlText');
    return ok;
  };
  return start;
}

const storageTag: Construct = { name: 'storageTag', tokenize };

/** The extension: `<` in text may start a storage tag. */
export const storageTagsSyntax: Extension = { text: { [LESS_THAN]: storageTag } };

/** remark plugin that only registers {@link storageTagsSyntax} with the parser. */
export function remarkStorageTags(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(storageTagsSyntax);
}
