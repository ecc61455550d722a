/**
 * confluence-sync marks every version it writes with a tag at the start of the version message:
 * `[confluence-sync <fingerprint>] published from <path>`. The message is written in the same
 * request as the page, so after a crash that lost the lockfile update, the next run still knows
 * that the current version is its own (and which content it carries). The tag comes first because
 * long messages may be truncated.
 */
const TAG = /^\[confluence-sync ([0-9a-f]{16,64})\]/;

export function versionMessage(fingerprint: string, path: string): string {
  return `[confluence-sync ${fingerprint.slice(0, 16)}] published from ${path}`;
}

/** The fingerprint prefix in a version message written by us, or undefined. */
export function taggedFingerprint(message: string): string | undefined {
  return TAG.exec(message)?.[1];
}

/** Whether `tagged` (a tag's prefix, or a recorded fingerprint) is `full`. An empty record (an unfinished write) never matches. */
export function sameFingerprint(full: string, tagged: string | undefined): boolean {
  return tagged !== undefined && tagged.length >= 16 && full.startsWith(tagged);
}
