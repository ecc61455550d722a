import { posix } from 'node:path';
import type { Attachment, ConfluenceClient } from '../client/index.js';
import type { PageTarget } from '../convert/index.js';
import type { BlogPostEntry, Lockfile } from '../lockfile/schema.js';
import { sha256 } from '../plan/fingerprint.js';
import { asRemoteCopy } from '../pull/file-text.js';
import { assetsFolder, pageFile } from '../pull/page-file.js';
import { decidePage, decideRemoved, remotePathOf, type PageAction } from '../pull/plan.js';
import { nameKey, slugify, uniqueName } from '../pull/slug.js';
import type { PullWarning } from '../pull/types.js';
import type { PullStep } from './pull-apply.js';
import { planAssets, type AssetPlan } from './pull-assets.js';
import type { LocalState } from './pull-local.js';
import { attachmentsOf, forEach, labelsOf } from './pull-remote.js';

/** Blog posts go here, one file each, named by date and title. */
export const BLOG_FOLDER = 'blog';

export interface BlogInput {
  readonly client: ConfluenceClient;
  readonly spaceId: string;
  readonly lock: Lockfile;
  readonly local: LocalState;
  readonly digest: (path: string) => string;
  readonly resolvePage: (target: PageTarget) => string | undefined;
  readonly dryRun: boolean;
  readonly force: boolean;
}

export interface BlogResult {
  readonly actions: PageAction[];
  readonly steps: PullStep[];
  readonly warnings: PullWarning[];
  readonly downloaded: number;
  readonly kept: number;
}

interface Post {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  readonly date: string;
  storage?: string;
}

/**
 * `pull --include-blogposts`: the space's current blog posts into `blog/YYYY-MM-DD-title.md`
 * (the publishing date), one way. Each file says `confluence: false`, so push leaves it out; an
 * edit made here is never overwritten (the file's hash is recorded), it is a conflict when the
 * post changes in Confluence too. Incremental like pages: only posts whose version changed are read.
 */
export async function pullBlogPosts(input: BlogInput): Promise<BlogResult> {
  const { client, local } = input;
  const recorded = new Map(Object.entries(input.lock.blogposts ?? {}).map(([path, entry]) => [entry.blogPostId, { path, entry }]));
  const first = recorded.size === 0;
  const posts = new Map<string, Post>();
  for await (const post of client.blogposts.inSpace(input.spaceId, first ? { bodyFormat: 'storage' } : {})) {
    if (post.status !== 'current') continue;
    posts.set(post.id, {
      id: post.id,
      title: post.title,
      version: post.version?.number ?? 1,
      date: (post.createdAt ?? '').slice(0, 10) || 'undated',
      ...(first ? { storage: post.body?.storage?.value ?? '' } : {}),
    });
  }
  const currentPath = (id: string) => {
    const r = recorded.get(id);
    if (r && local.files.has(r.path)) return r.path;
    return local.byBlogPostId.get(id);
  };

  // Names: a post keeps its file while its title and date are unchanged; others get date-slug, unique in blog/.
  const claimed = new Set([...posts.keys()].map(currentPath).filter((p): p is string => p !== undefined));
  const taken = new Set([...local.all].filter((p) => posix.dirname(p) === BLOG_FOLDER && !claimed.has(p)).map((p) => nameKey(posix.basename(p).replace(/\.md$/i, ''))));
  const paths = new Map<string, string>();
  const ordered = [...posts.values()].sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
  for (const post of ordered) {
    const r = recorded.get(post.id);
    const cur = currentPath(post.id);
    if (r && cur && r.entry.title === post.title && posix.basename(cur).startsWith(post.date)) {
      paths.set(post.id, cur);
      taken.add(nameKey(posix.basename(cur).replace(/\.md$/i, '')));
    }
  }
  for (const post of ordered) {
    if (paths.has(post.id)) continue;
    const name = uniqueName(`${post.date}-${slugify(post.title, post.id)}`, taken);
    taken.add(nameKey(name));
    paths.set(post.id, `${BLOG_FOLDER}/${name}.md`);
  }

  const pending = ordered.filter((post) => {
    const r = recorded.get(post.id);
    return !r || r.entry.version !== post.version || currentPath(post.id) !== paths.get(post.id);
  });
  const labels = new Map<string, string[]>();
  const attachments = new Map<string, Map<string, Attachment>>();
  await forEach(pending, async (post) => {
    if (post.storage === undefined) post.storage = (await client.blogposts.get(post.id, { bodyFormat: 'storage' })).body?.storage?.value ?? '';
    labels.set(post.id, await labelsOf(client.blogposts.labels(post.id)));
    if (post.storage.includes('ri:attachment')) attachments.set(post.id, await attachmentsOf(client.blogposts.attachments(post.id)));
  });

  const actions: PageAction[] = [];
  const warnings: PullWarning[] = [];
  const files = new Map<string, { text: string; attachments: ReturnType<typeof pageFile>['attachments'] }>();
  for (const post of ordered) {
    const path = paths.get(post.id)!;
    const r = recorded.get(post.id);
    const cur = currentPath(post.id);
    const localText = cur !== undefined ? local.files.get(cur) : undefined;
    let remoteText: string | undefined;
    if (post.storage !== undefined) {
      const names = attachments.get(post.id);
      const file = pageFile({
        idKey: 'blogPostId',
        id: post.id,
        title: post.title,
        labels: labels.get(post.id) ?? [],
        path,
        storage: post.storage,
        resolvePage: input.resolvePage,
        attachments: names ? new Set(names.keys()) : undefined,
        date: post.date,
        confluence: false,
        ...(localText !== undefined ? { existing: localText } : {}),
      });
      for (const w of file.warnings) warnings.push({ file: path, line: undefined, code: w.code, message: `blog post ${post.id} "${post.title}": ${w.message}` });
      files.set(post.id, file);
      remoteText = file.text;
    }
    actions.push(
      decidePage(
        {
          pageId: post.id,
          title: post.title,
          remoteVersion: post.version,
          path,
          recorded: r ? { path: r.path, version: r.entry.version } : undefined,
          local: cur !== undefined && localText !== undefined ? { path: cur, text: localText, changed: !r || sha256(localText) !== r.entry.fileHash } : undefined,
          remoteText,
          baseText: undefined,
        },
        { force: input.force },
      ),
    );
  }
  for (const [id, r] of recorded) {
    if (posts.has(id)) continue;
    const cur = currentPath(id);
    const text = cur !== undefined ? local.files.get(cur) : undefined;
    actions.push(
      decideRemoved(
        { pageId: id, title: r.entry.title, path: r.path, local: cur !== undefined && text !== undefined ? { path: cur, text, changed: sha256(text) !== r.entry.fileHash } : undefined, why: 'deleted in Confluence' },
        { force: input.force },
      ),
    );
  }

  const plans = new Map<string, AssetPlan[]>();
  await forEach(
    actions.filter((a): a is Extract<PageAction, { type: 'write' }> => a.type === 'write'),
    async (action) => {
      const cur = currentPath(action.pageId);
      plans.set(
        action.pageId,
        await planAssets({
          client,
          containerId: action.pageId,
          used: files.get(action.pageId)?.attachments ?? [],
          remote: attachments.get(action.pageId) ?? new Map(),
          recorded: recorded.get(action.pageId)?.entry.attachments,
          oldFolder: cur !== undefined && cur !== action.path ? assetsFolder(cur) : undefined,
          exists: (path) => local.all.has(path),
          digest: input.digest,
          dryRun: input.dryRun,
          force: input.force,
        }),
      );
    },
  );
  const all = [...plans.values()].flat();
  const downloaded = all.filter((a) => a.how === 'download').length;

  const steps: PullStep[] = [];
  for (const action of actions) {
    if (action.type === 'write') {
      const list = plans.get(action.pageId) ?? [];
      const entry: BlogPostEntry = {
        blogPostId: action.pageId,
        title: action.title,
        version: action.toVersion,
        fileHash: sha256(action.text),
        attachments: Object.fromEntries(list.filter((a) => a.sha256 !== undefined).map((a) => [a.filename, { sha256: a.sha256!, id: a.attachmentId, ...(a.version !== undefined ? { version: a.version } : {}) }])),
      };
      const copy = remotePathOf(action.from ?? action.path);
      steps.push({
        action,
        assets: list,
        remove: local.all.has(copy) ? [{ path: copy, sha256: undefined }] : [],
        record: [{ op: 'blogpost', path: action.path, entry }],
      });
    } else if (action.type === 'conflict' && action.remotePath !== undefined && action.remoteText !== undefined) {
      steps.push({ action, assets: [], remove: [], remoteCopy: { path: action.remotePath, text: asRemoteCopy(action.remoteText) } });
    } else if (action.type === 'delete' || action.type === 'forget') {
      const entry = [...recorded.values()].find((r) => r.entry.blogPostId === action.pageId)?.entry;
      const folder = assetsFolder(action.path);
      steps.push({
        action,
        assets: [],
        remove: action.type === 'delete' ? Object.entries(entry?.attachments ?? {}).map(([name, a]) => ({ path: `${folder}/${name}`, sha256: a.sha256 })) : [],
        record: [{ op: 'forget-blogpost', blogPostId: action.pageId }],
      });
    }
  }
  return { actions, steps, warnings, downloaded, kept: all.length - downloaded };
}
