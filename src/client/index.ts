import type { Dispatcher } from 'undici';
import { connect, type Connection } from './auth/connection.js';
import type { AuthSettings } from './auth/settings.js';
import { AdaptiveLimit } from './concurrency.js';
import { createDispatcher, type RetryEvent } from './dispatcher.js';
import { Http } from './http.js';
import type { RetrySettings } from './retry-policy.js';
import * as attachments from './routes/attachments.js';
import * as blogposts from './routes/blogposts.js';
import * as folders from './routes/folders.js';
import * as labels from './routes/labels.js';
import * as pages from './routes/pages.js';
import * as properties from './routes/properties.js';
import * as spaces from './routes/spaces.js';
import * as users from './routes/users.js';

export { ConfluenceError } from './errors.js';
export { AuthConfigError, authFromEnv, type AuthSettings, type AuthOverrides } from './auth/settings.js';
export type { Connection } from './auth/connection.js';
export type * from './types.js';
export { redact } from './redact.js';

/**
 * Requests in flight by default. Measured with bench/sync-cost.ts (first push of 200 pages, 50 ms latency):
 * 1 → 40.0 s, 4 → 15.5 s, 8 → 10.7 s, 16 → 10.4 s, 32 → 8.4 s. Past 8 the gain is small while the
 * risk of burst 429s grows, so 8; it adapts down on 429 and can be raised with --concurrency.
 */
export const DEFAULT_CONCURRENCY = 8;

export interface ClientOptions {
  readonly auth: AuthSettings;
  /** Most requests in flight at once, shared by all callers (adapts down on 429). */
  readonly concurrency?: number;
  /** Epoch ms by which the run must end: no request or retry wait goes past it. */
  readonly deadline?: number;
  /** Total time for one request including its retries. */
  readonly requestTimeoutMs?: number;
  /** Time to headers and between body chunks, per attempt. */
  readonly attemptTimeoutMs?: number;
  readonly retry?: RetrySettings;
  readonly onRetry?: (event: RetryEvent) => void;
}

/** One client per run: one pooled dispatcher, one concurrency limit, one resolved connection. */
export class ConfluenceClient {
  constructor(
    readonly http: Http,
    private readonly dispatcher: Dispatcher,
  ) {}

  get connection(): Connection {
    return this.http.connection;
  }

  /** The most requests this client sends at a time (`--concurrency`); while Confluence answers 429 it sends fewer. */
  get concurrency(): number {
    return this.http.options.limit.maximum;
  }

  readonly spaces = {
    byKey: (key: string) => spaces.spaceByKey(this.http, key),
    get: (id: string) => spaces.space(this.http, id),
  };

  readonly pages = {
    inSpace: (spaceId: string, options?: pages.ListPagesOptions) => pages.pagesInSpace(this.http, spaceId, options),
    get: (id: string, options?: pages.GetPageOptions) => pages.page(this.http, id, options),
    byTitle: (spaceId: string, title: string) => pages.pageByTitle(this.http, spaceId, title),
    create: (input: Parameters<typeof pages.createPage>[1], options?: { rootLevel?: boolean }) => pages.createPage(this.http, input, options),
    update: (id: string, input: Parameters<typeof pages.updatePage>[2]) => pages.updatePage(this.http, id, input),
    delete: (id: string, options?: { purge?: boolean }) => pages.deletePage(this.http, id, options),
    ancestors: (id: string) => pages.ancestors(this.http, id),
    byIds: (ids: readonly string[], options?: { bodyFormat?: 'storage' }) => pages.pagesByIds(this.http, ids, options),
  };

  readonly blogposts = {
    inSpace: (spaceId: string, options?: { bodyFormat?: 'storage' }) => blogposts.blogPostsInSpace(this.http, spaceId, options),
    get: (id: string, options?: { bodyFormat?: 'storage'; version?: number }) => blogposts.blogPost(this.http, id, options),
    labels: (id: string) => labels.blogPostLabelsOf(this.http, id),
    attachments: (id: string) => attachments.blogPostAttachmentsOf(this.http, id),
  };

  readonly folders = {
    get: (id: string) => folders.folder(this.http, id),
    create: (input: Parameters<typeof folders.createFolder>[1]) => folders.createFolder(this.http, input),
    delete: (id: string) => folders.deleteFolder(this.http, id),
    property: (id: string, key: string) => folders.folderProperty(this.http, id, key),
    createProperty: (id: string, key: string, value: unknown) => folders.createFolderProperty(this.http, id, key, value),
  };

  readonly labels = {
    of: (pageId: string) => labels.labelsOf(this.http, pageId),
    add: (contentId: string, names: readonly string[]) => labels.addLabels(this.http, contentId, names),
    remove: (contentId: string, name: string) => labels.removeLabel(this.http, contentId, name),
  };

  readonly attachments = {
    of: (pageId: string) => attachments.attachmentsOf(this.http, pageId),
    put: (pageId: string, upload: attachments.Upload) => attachments.putAttachment(this.http, pageId, upload),
    download: (containerId: string, filename: string, version?: number) => attachments.downloadAttachment(this.http, containerId, filename, version),
  };

  readonly properties = {
    get: (pageId: string, key: string) => properties.pageProperty(this.http, pageId, key),
    set: (pageId: string, key: string, value: unknown) => properties.setPageProperty(this.http, pageId, key, value),
    create: (pageId: string, key: string, value: unknown) => properties.createPageProperty(this.http, pageId, key, value),
  };

  readonly users = {
    current: () => users.currentUser(this.http),
  };

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

export async function createClient(options: ClientOptions): Promise<ConfluenceClient> {
  const limit = new AdaptiveLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
  const dispatcher = createDispatcher({
    retry: options.retry,
    deadline: options.deadline,
    attemptTimeoutMs: options.attemptTimeoutMs,
    connections: Math.max(limit.maximum, 4),
    onEvent: (event) => {
      if (event.kind === 'throttled') limit.onThrottled();
      options.onRetry?.(event);
    },
  });
  const connection = await connect(options.auth, dispatcher);
  const http = new Http({ connection, dispatcher, limit, deadline: options.deadline, requestTimeoutMs: options.requestTimeoutMs });
  return new ConfluenceClient(http, dispatcher);
}
