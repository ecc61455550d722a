/**
 * Emphasis, strong and strikethrough, as mdast-util-to-markdown writes them: each is written
 * with a sequence chosen from its candidates (`*`/`_`, `**`/`__`, `~~`/`~`), preferring one that
 * does not touch the same marker next to it; letters or spaces that would keep a sequence from
 * opening or closing are written as character references. The result is then checked the way a
 * Markdown parser pairs delimiter runs: when some sequence would not pair with its own other
 * half, the reference tries other sequences — that search is not repeated here, the document
 * goes to the reference serializer instead.
 */
import { characterReference, classify, firstCharacter, lastCharacter } from './characters.js';
import { unsupported } from './unsupported.js';

/** Serialized phrasing: a string, or attention whose sequence is chosen when it is joined. */
export type Item = string | Attention;

export interface Attention {
  readonly children: readonly Item[];
  /** Candidate sequences, preferred first. */
  readonly sequences: readonly string[];
}

interface Token {
  value: string;
  readonly attention: Attention | undefined;
}

/** Chooses, for each attention, a sequence that does not touch the same marker around it. */
function guess(items: readonly Item[], chosen: Map<Attention, string>, before: string, after: string): void {
  let previous = before;
  items.forEach((item, index) => {
    if (typeof item === 'string') {
      previous = '';
      return;
    }
    const next = index === items.length - 1 ? after : '';
    const preferred = item.sequences[0] as string;
    const sequence =
      item.sequences.find((candidate) => {
        const marker = candidate.charAt(0);
        const apart = marker !== previous.charAt(0) && marker !== next.charAt(0);
        return apart || (items.length === 1 && (marker === '*' || marker === '_') && candidate.length > before.length);
      }) ?? preferred;
    if (sequence !== preferred) chosen.set(item, sequence);
    guess(item.children, chosen, sequence, sequence);
    previous = sequence;
  });
}

/** Rewrites the first or last character of a text token as a character reference. */
function encodeEdge(tokens: Token[], start: boolean): void {
  const token = tokens[start ? 0 : tokens.length - 1];
  if (!token || token.attention) return;
  const character = start ? firstCharacter(token.value) : lastCharacter(token.value);
  const reference = characterReference(character.codePointAt(0) as number);
  if (start) {
    token.value = reference + token.value.slice(character.length);
    return;
  }
  let value = token.value.slice(0, token.value.length - character.length);
  let backslashes = 0;
  while (value.charCodeAt(value.length - 1 - backslashes) === 92) backslashes += 1;
  // An odd run of backslashes would escape the `&`.
  if (backslashes % 2 === 1) value += '\\';
  token.value = value + reference;
}

/**
 * Which sides of a sequence to encode, given the character outside it and the one inside (the
 * table of mdast-util-to-markdown's `encodeInfo`): punctuation is never encoded.
 */
function encodeSides(outside: number, inside: number, marker: string): { inside: boolean; outside: boolean } {
  const outer = classify(outside);
  const inner = classify(inside);
  if (outer === 0) {
    if (inner === 0) return marker === '_' ? { inside: true, outside: true } : { inside: false, outside: false };
    return inner === 1 ? { inside: true, outside: true } : { inside: false, outside: true };
  }
  if (outer === 1) return inner === 1 ? { inside: true, outside: true } : { inside: false, outside: false };
  return { inside: inner === 1, outside: false };
}

function sequenceOf(item: Attention, chosen: ReadonlyMap<Attention, string>): string {
  return chosen.get(item) ?? (item.sequences[0] as string);
}

/** The tokens of `items` with the chosen sequences, edges encoded where a sequence needs it. */
function render(items: readonly Item[], chosen: ReadonlyMap<Attention, string>, before: string, after: string): Token[] {
  const tokens: Token[] = [];
  let encodeNext: string | undefined;
  let previous = lastCharacter(before);
  items.forEach((item, index) => {
    if (typeof item === 'string') {
      const token: Token = { value: item, attention: undefined };
      if (encodeNext && encodeNext === firstCharacter(item)) encodeEdge([token], true);
      encodeNext = undefined;
      tokens.push(token);
      if (token.value) previous = lastCharacter(token.value);
      return;
    }
    const sequence = sequenceOf(item, chosen);
    const marker = sequence.charAt(0);
    const next = items[index + 1];
    const outsideBefore = previous;
    const outsideAfter = firstCharacter(next === undefined ? after : typeof next === 'string' ? next : sequenceOf(next, chosen));
    const inside = render(item.children, chosen, sequence, sequence);
    const open = encodeSides(outsideBefore.charCodeAt(outsideBefore.length - 1), (inside[0] as Token).value.charCodeAt(0), marker);
    if (open.inside) encodeEdge(inside, true);
    const tail = lastCharacter((inside[inside.length - 1] as Token).value);
    const close = encodeSides(outsideAfter.charCodeAt(0), tail.charCodeAt(tail.length - 1), marker);
    if (close.inside) encodeEdge(inside, false);
    if (open.outside && outsideBefore !== '\n' && outsideBefore !== '\r') encodeEdge(tokens, false);
    if (close.outside) encodeNext = outsideAfter;
    tokens.push({ value: sequence, attention: item }, ...inside, { value: sequence, attention: item });
    previous = sequence.charAt(sequence.length - 1);
  });
  return tokens;
}

/** Consecutive sequences of one marker, as a Markdown parser sees a delimiter run. */
interface Run {
  readonly tokens: Token[];
  /** One entry per marker character: the token it belongs to. */
  readonly markers: Token[];
  start: number;
  end: number;
  readonly open: boolean;
  readonly close: boolean;
  /** `*` and `_` runs can be split (emphasis and strong); `~` runs pair whole. */
  readonly split: boolean;
}

function runsOf(tokens: readonly Token[], before: string, after: string): Run[] {
  const runs: Run[] = [];
  let index = 0;
  while (index < tokens.length) {
    const first = tokens[index] as Token;
    if (!first.attention) {
      index += 1;
      continue;
    }
    const marker = first.value.charAt(0);
    let end = index + 1;
    while (end < tokens.length && (tokens[end] as Token).attention && (tokens[end] as Token).value.charAt(0) === marker) end += 1;
    const head = index > 0 ? (tokens[index - 1] as Token).value : before;
    const previous = classify(head.charCodeAt(head.length - 1));
    const next = classify((end < tokens.length ? (tokens[end] as Token).value : after).charCodeAt(0));
    const open = next === 0 || (next === 2 && previous !== 0);
    const close = previous === 0 || (previous === 2 && next !== 0);
    const strict = marker === '_';
    const markers: Token[] = [];
    const own = tokens.slice(index, end);
    for (const token of own) for (let size = 0; size < token.value.length; size += 1) markers.push(token);
    runs.push({
      tokens: own,
      markers,
      start: 0,
      end: markers.length,
      open: strict ? open && (previous !== 0 || !close) : open,
      close: strict ? close && (next !== 0 || !open) : close,
      split: marker === '*' || marker === '_',
    });
    index = end;
  }
  return runs;
}

/** True when every sequence pairs with the other sequence of its own attention. */
function pairsExactly(tokens: readonly Token[], before: string, after: string): boolean {
  const runs = runsOf(tokens, before, after);
  const paired = new Set<Token>();
  const openers = new Map<string, Run[]>();
  for (const closer of runs) {
    const marker = (closer.tokens[0] as Token).value.charAt(0);
    let stack = openers.get(marker);
    if (!stack) {
      stack = [];
      openers.set(marker, stack);
    }
    let open = closer.close ? stack.length : 0;
    while (open-- > 0 && closer.start < closer.end) {
      const opener = stack[open] as Run;
      const openerSize = opener.end - opener.start;
      const closerSize = closer.end - closer.start;
      const refused = closer.split
        ? (opener.close || closer.open) && closerSize % 3 !== 0 && (openerSize + closerSize) % 3 === 0
        : openerSize !== opener.markers.length || openerSize !== closerSize;
      if (refused) continue;
      const size = closer.split ? (openerSize > 1 && closerSize > 1 ? 2 : 1) : closerSize;
      const openToken = opener.markers[opener.end - size] as Token;
      const closeToken = closer.markers[closer.start] as Token;
      const whole =
        openToken === opener.markers[opener.end - 1] &&
        openToken.value.length === size &&
        closeToken === closer.markers[closer.start + size - 1] &&
        closeToken.value.length === size &&
        openToken.attention === closeToken.attention;
      // A sequence used in a wrong pair can never pair rightly afterwards.
      if (!whole) return false;
      paired.add(openToken).add(closeToken);
      opener.end -= size;
      closer.start += size;
      if (opener.start === opener.end) stack.splice(open, 1);
      open = stack.length;
    }
    if (closer.open && closer.start < closer.end) stack.push(closer);
  }
  return runs.every((run) => run.tokens.every((token) => paired.has(token)));
}

/** Joins serialized phrasing, choosing the sequence of every attention in it. */
export function joinPhrasing(items: readonly Item[], before: string, after: string): string {
  let plain = true;
  for (const item of items) if (typeof item !== 'string') plain = false;
  if (plain) return items.join('');
  const chosen = new Map<Attention, string>();
  guess(items, chosen, before, after);
  const tokens = render(items, chosen, before, after);
  if (!pairsExactly(tokens, before, after)) unsupported('attention the reference would re-sequence');
  let out = '';
  for (const token of tokens) out += token.value;
  return out;
}
