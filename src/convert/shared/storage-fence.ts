/**
 * The info string of a fenced code block that holds Confluence storage format verbatim. The pull
 * converter writes one for every block it cannot express in Markdown (an unknown macro, a Jira
 * issue list, an `ac:adf-extension`); the push converter publishes its content as written,
 * after checking that it is well-formed XML. A reader sees the storage markup as code.
 */
export const STORAGE_FENCE_LANGUAGE = 'confluence-storage';

/** The fence language of the `noformat` macro (preformatted text without highlighting). */
export const NOFORMAT_FENCE_LANGUAGE = 'noformat';
