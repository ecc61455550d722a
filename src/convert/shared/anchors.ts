import { slug as githubSlugOf } from 'github-slugger';

/**
 * The anchor Confluence Cloud generates for a heading whose displayed text is `text`:
 * case and punctuation are kept, leading and trailing whitespace is dropped and every run of
 * whitespace becomes one `-` (confluence-api-notes §10.4, observed 2026-08-07).
 * `Café Section` → `Café-Section`.
 */
export function confluenceHeadingAnchor(text: string): string {
  return text.trim().split(/\s+/u).filter((part) => part !== '').join('-');
}

/**
 * The spelling of an anchor inside `ac:anchor`, as the Cloud editor writes it: percent-encoded
 * (`Café-Section` → `Caf%C3%A9-Section`). Decode with {@link decodeAnchor}.
 */
export function encodeAnchor(anchor: string): string {
  return encodeURIComponent(anchor);
}

/** Inverse of {@link encodeAnchor}; returns the input unchanged when it is not valid percent-encoding. */
export function decodeAnchor(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** GitHub's slug for a heading text, without the `-1`, `-2` suffixes added for repeats. */
export function githubSlug(text: string): string {
  return githubSlugOf(text, false);
}

/**
 * GitHub's slugs for the headings of one document, in order: repeats get `-1`, `-2`, … as on
 * GitHub, so `#setup-1` names the second `Setup` heading. One instance per document.
 */
export { default as GithubSlugger } from 'github-slugger';
