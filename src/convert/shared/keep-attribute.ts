/**
 * Marks a raw `<a href="#…">` that the pull converter found in storage: the push writes it back as
 * written (without this attribute) instead of turning it into an anchor link, as it does for a raw
 * `<a href="#…">` written by hand in Markdown.
 */
export const KEEP_ATTRIBUTE = 'data-confluence-sync';
