import type { DocumentRecord, TaskRecord } from './model.js';
import type { Site } from './site.js';

/**
 * The lookups every save makes, kept in indexes so that a save costs the same in a site of 5,000
 * pages as in one of 5: pages and blog posts by space and title (the title rule, and the
 * `ri:version-at-save` of each link), and tasks by the page they are on.
 *
 * Each index may still name a record that has since changed or gone: every lookup checks the
 * record itself, so nothing ever has to be removed. It must name every record that matches, so
 * whatever gives a document a title (a create, a new version, a seed) calls `indexDocument`, and
 * whatever creates a task calls `indexTask`. When a site's data is replaced wholesale (a state
 * restore or reset), `forgetIndexes` drops them; the next lookup rebuilds them from one scan.
 *
 * With `EMULATOR_VERIFY_INDEXES=1` (the test suite sets it), every lookup is compared with a scan
 * of the whole site and a difference throws, so a path that forgets to index fails its tests.
 */

interface Indexes {
  /** Document ids by `kind`, space id and lower-cased current title. */
  readonly titles: Map<string, Set<string>>;
  /** Task ids by the id of their page or blog post. */
  readonly tasks: Map<string, Set<string>>;
}

const bySite = new WeakMap<Site, Indexes>();

const verifying = process.env.EMULATOR_VERIFY_INDEXES === '1';

const titleKey = (kind: DocumentRecord['kind'], spaceId: string, title: string) => `${kind}\u0000${spaceId}\u0000${title.toLowerCase()}`;

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids) ids.add(id);
  else map.set(key, new Set([id]));
}

function indexesOf(site: Site): Indexes {
  let indexes = bySite.get(site);
  if (!indexes) {
    indexes = { titles: new Map(), tasks: new Map() };
    for (const record of site.content.values()) {
      if (record.kind !== 'folder' && record.versions.length > 0) add(indexes.titles, titleKey(record.kind, record.spaceId, lastTitle(record)), record.id);
    }
    for (const task of site.tasks.values()) add(indexes.tasks, task.containerId, task.id);
    bySite.set(site, indexes);
  }
  return indexes;
}

function lastTitle(record: DocumentRecord): string {
  return record.versions[record.versions.length - 1]!.title;
}

/** Records a document under its current title. Call it after anything that gives a document a title. */
export function indexDocument(site: Site, record: DocumentRecord): void {
  const indexes = bySite.get(site);
  if (indexes && record.versions.length > 0) add(indexes.titles, titleKey(record.kind, record.spaceId, lastTitle(record)), record.id);
}

/** Records a new task under its page. */
export function indexTask(site: Site, task: TaskRecord): void {
  const indexes = bySite.get(site);
  if (indexes) add(indexes.tasks, task.containerId, task.id);
}

/** Drops the site's indexes: its data was replaced, and the next lookup rebuilds them. */
export function forgetIndexes(site: Site): void {
  bySite.delete(site);
}

/**
 * The pages (or blog posts) of a space whose current title is `title`, ignoring case, of any status,
 * in the order of `site.content`.
 */
export function documentsTitled(site: Site, kind: DocumentRecord['kind'], spaceId: string, title: string): DocumentRecord[] {
  const ids = indexesOf(site).titles.get(titleKey(kind, spaceId, title));
  const wanted = title.toLowerCase();
  const matches: DocumentRecord[] = [];
  for (const id of ids ?? []) {
    const record = site.content.get(id);
    if (record && record.kind === kind && record.spaceId === spaceId && record.versions.length > 0 && lastTitle(record).toLowerCase() === wanted) {
      matches.push(record);
    }
  }
  // A record that took a title after another had it is indexed after it, whatever their order in the site.
  const found = matches.length > 1 ? [...site.content.values()].filter((r): r is DocumentRecord => matches.includes(r as DocumentRecord)) : matches;
  if (verifying) {
    const scanned = [...site.content.values()].filter(
      (r): r is DocumentRecord => r.kind === kind && r.spaceId === spaceId && r.versions.length > 0 && lastTitle(r).toLowerCase() === wanted,
    );
    check(`documents titled '${title}'`, found, scanned);
  }
  return found;
}

/** The tasks on a page or blog post, in the order of `site.tasks`. */
export function tasksOn(site: Site, containerId: string): TaskRecord[] {
  const found: TaskRecord[] = [];
  for (const id of indexesOf(site).tasks.get(containerId) ?? []) {
    const task = site.tasks.get(id);
    if (task && task.containerId === containerId) found.push(task);
  }
  if (verifying) check(`tasks of ${containerId}`, found, [...site.tasks.values()].filter((t) => t.containerId === containerId));
  return found;
}

function check(what: string, indexed: readonly { id: string }[], scanned: readonly { id: string }[]): void {
  const a = indexed.map((r) => r.id).join(',');
  const b = scanned.map((r) => r.id).join(',');
  if (a !== b) throw new Error(`emulator index out of date: ${what}: the index gives [${a}], a scan [${b}]`);
}
