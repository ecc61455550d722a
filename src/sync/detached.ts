/**
 * A copy of `value` that shares no memory with the text it was made from. V8 keeps a substring of
 * 13 characters or more as a view into the string it was cut from (a sliced string), so a warning,
 * a heading or a link target cut from a page keeps the whole page in the heap for as long as it
 * lives: the conversion results a 5,000-page pull keeps until it writes (warnings, headings,
 * queries) held every page's Markdown that way, 37 MB (docs/benchmarks.md). `structuredClone`
 * copies every string; results that come from a worker thread are copies already.
 */
export const detached = <T>(value: T): T => structuredClone(value);
