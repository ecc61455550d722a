/** Types shared by the pull planner's pure parts. */

/** A page as the space's page listing shows it (no body). */
export interface RemoteDoc {
  readonly id: string;
  readonly title: string;
  readonly parentId: string | null;
  readonly status: 'current' | 'archived' | 'draft' | 'trashed' | 'historical' | 'deleted';
  readonly version: number;
}

/** A page the pull leaves out, and why (printed as a warning naming it). */
export interface SkippedPage {
  readonly pageId: string;
  readonly title: string;
  readonly reason: string;
}

/** Where a page's file was at the last sync, as the lockfile (or, without one, the file) says. */
export interface RecordedPlace {
  readonly path: string;
  readonly title: string;
  readonly parentId: string | null;
}

/** A warning about one file of the pull (a conversion warning, a placement push would change). */
export interface PullWarning {
  readonly file: string;
  readonly line: number | undefined;
  readonly code: string;
  readonly message: string;
}
