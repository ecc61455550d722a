import { storageToMarkdown, type PageTarget, type ToMarkdownResult } from '../convert/index.js';
import { convertPage, type ConvertedPage, type PageSource, type TreeFacts } from './render-resolve.js';

/**
 * The work a conversion worker does (convert-worker.ts), as plain functions of plain data, so that
 * the same code runs in a worker and on the main thread (when the pool does not pay, and in the
 * benchmark's single-threaded figures).
 *
 * The resolvers of a conversion are closures over the tree; a worker rebuilds them from data. What
 * every task of a run shares (the tree's titles, assets and anchors: tens to hundreds of KB for a
 * large tree) is written once as JSON into a SharedArrayBuffer ({@link share}); tasks carry the
 * buffer, which threads share without a copy, and each worker parses it once per id.
 */

/** JSON in memory shared by all threads, parsed once per thread. */
export interface Shared<T> {
  readonly id: number;
  readonly buffer: SharedArrayBuffer;
  readonly length: number;
  /** Type only: what the JSON holds. */
  readonly _type?: T;
}

let nextId = 0;

export function share<T>(value: T): Shared<T> {
  const json = JSON.stringify(value);
  const length = Buffer.byteLength(json);
  const buffer = new SharedArrayBuffer(length);
  Buffer.from(buffer).write(json, 'utf8');
  return { id: (nextId += 1), buffer, length };
}

/** The parsed form of the last few shared values this thread saw (a run uses one or two). */
const parsed = new Map<number, unknown>();

function unshare<T, R>(shared: Shared<T>, build: (value: T) => R): R {
  let value = parsed.get(shared.id) as R | undefined;
  if (value === undefined) {
    value = build(JSON.parse(Buffer.from(shared.buffer, 0, shared.length).toString('utf8')) as T);
    parsed.set(shared.id, value);
    if (parsed.size > 4) parsed.delete(parsed.keys().next().value!);
  }
  return value;
}

/** {@link TreeFacts} as JSON. */
export interface TreeFactsData {
  readonly titles: ReadonlyArray<readonly [string, string]>;
  readonly assets: readonly string[];
  readonly anchors: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>;
  readonly guessed?: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>;
}

export function shareFacts(facts: TreeFacts): Shared<TreeFactsData> {
  return share<TreeFactsData>({
    titles: [...facts.titles],
    assets: [...facts.assets],
    anchors: [...facts.anchors].map(([path, map]) => [path, [...map]] as const),
    // Only the guesses of pages whose anchors are not known yet.
    ...(facts.guessed ? { guessed: [...facts.guessed].filter(([path]) => !facts.anchors.has(path)).map(([path, map]) => [path, [...map]] as const) } : {}),
  });
}

const factsOf = (data: TreeFactsData): TreeFacts => ({
  titles: new Map(data.titles),
  assets: new Set(data.assets),
  anchors: new Map(data.anchors.map(([path, entries]) => [path, new Map(entries)])),
  ...(data.guessed ? { guessed: new Map(data.guessed.map(([path, entries]) => [path, new Map(entries)])) } : {}),
});

export interface StorageTask {
  readonly kind: 'storage';
  readonly facts: Shared<TreeFactsData>;
  readonly page: PageSource;
}

/** Markdown → storage of one page of the tree (render-resolve.ts). */
export function runStorageTask(task: Omit<StorageTask, 'kind'>): ConvertedPage {
  return convertPage(unshare(task.facts, factsOf), task.page);
}

/**
 * The pages a pull writes, for page links by title: a link to a page of `spaceKey` (or of no space)
 * goes to the file of the page with that title, matched exactly, else without regard to case
 * (titles are unique in a space without regard to case).
 */
export interface PageFilesData {
  readonly spaceKey: string;
  /** Title → tree path of the Markdown file. */
  readonly files: ReadonlyArray<readonly [string, string]>;
}

export function sharePageFiles(spaceKey: string, files: ReadonlyMap<string, string>): Shared<PageFilesData> {
  return share<PageFilesData>({ spaceKey, files: [...files] });
}

const pageResolverOf = (data: PageFilesData): ((target: PageTarget) => string | undefined) => {
  const exact = new Map(data.files);
  const byTitle = new Map<string, string>();
  for (const [title, path] of data.files) byTitle.set(title.toLowerCase(), path);
  const space = data.spaceKey.toLowerCase();
  return (target) => {
    if (target.spaceKey !== undefined && target.spaceKey.toLowerCase() !== space) return undefined;
    return exact.get(target.title) ?? byTitle.get(target.title.toLowerCase());
  };
};

export interface MarkdownTask {
  readonly kind: 'markdown';
  readonly storage: string;
  /** The Markdown file being written (tree path). */
  readonly file?: string;
  /** Page links by title; without, every page link is unresolved (kept as storage). */
  readonly pages?: Shared<PageFilesData>;
  /** The page's attachments: filename → tree path of the downloaded file; without, files beside the Markdown file. */
  readonly attachments?: ReadonlyArray<readonly [string, string]>;
}

/** Storage → Markdown of one page. */
export function runMarkdownTask(task: Omit<MarkdownTask, 'kind'>): ToMarkdownResult {
  const attachments = task.attachments && new Map(task.attachments);
  return storageToMarkdown(task.storage, {
    ...(task.file !== undefined ? { file: task.file } : {}),
    ...(task.pages ? { resolvePage: unshare(task.pages, pageResolverOf) } : {}),
    ...(attachments ? { resolveAttachment: (filename: string) => attachments.get(filename) } : {}),
  });
}

export type ConvertTask = StorageTask | MarkdownTask;
export type ConvertTaskResult = ConvertedPage | ToMarkdownResult;

export function runTask(task: ConvertTask): ConvertTaskResult {
  return task.kind === 'storage' ? runStorageTask(task) : runMarkdownTask(task);
}
