import { indexDocument } from './content-index.js';
import { createDocument, saveBody, titleTaken, updateDocument, validateTitle } from './documents.js';
import { ApiError } from './errors.js';
import { addLabels, normalizeLabelNames } from './labels-store.js';
import { attachmentNamed, checkFileName, checkFileSize, createAttachment, type Upload } from './attachments-store.js';
import type { DocumentRecord, FolderRecord, User } from './model.js';
import { createProperty, type PropertyHolder } from './properties-store.js';
import { createFolder } from './routes/folders.js';
import { createSpace } from './routes/spaces.js';
import { SeedError, jsonPath, type Seed, type SeedAttachment, type SeedBlogPost, type SeedNode, type SeedSpace, type SeedUpdate } from './seed.js';
import type { Site } from './site.js';
import { restoreSite, snapshotSite } from './state.js';
import { current } from './views.js';

/**
 * Loads a seed into a site through the same rules as the API: spaces through `createSpace`, pages
 * and blog posts through `createDocument`/`updateDocument` (title uniqueness, body validation and
 * the save rewrites), labels through the v1 label rules, properties through the property rules.
 * All or nothing: a seed that fails half-way leaves the site as it was.
 */

export interface SeedResult {
  readonly spaces: ReadonlyArray<{
    readonly key: string;
    readonly id: string;
    readonly homepageId: string;
    /** Every page, folder and blog post the seed created, by title. */
    readonly content: Readonly<Record<string, string>>;
  }>;
}

type Path = ReadonlyArray<string | number>;

/** A rule the API enforces failed: the JSON path of the offending entry and the API's message. */
function failure(source: string, path: Path, what: string, error: unknown): SeedError {
  if (error instanceof SeedError) return error;
  const message = error instanceof ApiError ? error.title : error instanceof Error ? error.message : String(error);
  return new SeedError(source, [`${jsonPath(path)} (${what}): ${message}${hintFor(message)}`]);
}

function hintFor(message: string): string {
  if (message.startsWith('Error parsing xhtml')) return ' — the body must be well-formed storage XHTML (close every tag, escape & and <, no "]]>" in CDATA)';
  if (message.includes('already exists with the same TITLE') || message.includes('title already exists')) {
    return ' — titles are unique within a space (case-insensitive by default): rename one of them';
  }
  if (message.startsWith('A space with key')) return ' — space keys are unique: use another key, or reset the emulator first';
  if (message.startsWith('label.')) return ' — label names cannot contain spaces or ! # & ( ) * , . : ; < > ? @ [ ] ^ and are at most 255 characters';
  return '';
}

export function applySeed(site: Site, user: User, seed: Seed, source = 'seed'): SeedResult {
  const before = snapshotSite(site);
  try {
    return { spaces: seed.spaces.map((space, i) => seedSpace(site, user, space, ['spaces', i], source)) };
  } catch (error) {
    restoreSite(site, before);
    throw error;
  }
}

function seedSpace(site: Site, user: User, input: SeedSpace, path: Path, source: string): SeedResult['spaces'][number] {
  const content: Record<string, string> = {};
  const ctx: Context = { site, user, source, content };
  let spaceId: string;
  let homepageId: string;
  try {
    const space = createSpace(site, user, { key: input.key, name: input.name, description: input.description });
    spaceId = space.id;
    homepageId = space.homepageId!;
    if (input.properties) addProperties(ctx, space, input.properties, [...path, 'properties']);
  } catch (error) {
    throw failure(source, path, `space ${input.key}`, error);
  }
  const homepage = site.content.get(homepageId) as DocumentRecord;
  content[current(homepage).title] = homepageId;
  if (input.homepage) seedHomepage(ctx, homepage, input.homepage, [...path, 'homepage']);
  for (const [i, node] of (input.pages ?? []).entries()) seedNode(ctx, spaceId, homepageId, node, [...path, 'pages', i]);
  for (const [i, post] of (input.blogposts ?? []).entries()) seedBlogPost(ctx, spaceId, post, [...path, 'blogposts', i]);
  return { key: input.key, id: spaceId, homepageId, content };
}

interface Context {
  readonly site: Site;
  readonly user: User;
  readonly source: string;
  readonly content: Record<string, string>;
}

/** The homepage exists already (Confluence makes it with the space); the seed sets its version 1. */
function seedHomepage(ctx: Context, homepage: DocumentRecord, input: NonNullable<SeedSpace['homepage']>, path: Path): void {
  const { site } = ctx;
  const first = current(homepage);
  try {
    const title = input.title === undefined ? first.title : validateTitle(input.title, 'current');
    if (titleTaken(site, 'page', homepage.spaceId, title, homepage.id)) throw new ApiError(400, 'A page with this title already exists: A page already exists with the same TITLE in this space');
    const body = input.body === undefined ? first.body : saveBody(site, homepage.spaceId, homepage.id, input.body);
    homepage.versions[0] = { ...first, title, body };
    indexDocument(site, homepage);
    delete ctx.content[first.title];
    ctx.content[title] = homepage.id;
  } catch (error) {
    throw failure(ctx.source, path, 'homepage', error);
  }
  decorate(ctx, homepage, input, path, `page "${current(homepage).title}"`);
}

function seedNode(ctx: Context, spaceId: string, parentId: string, input: SeedNode, path: Path): void {
  if (input.type === 'folder') {
    const folder = seedFolder(ctx, spaceId, parentId, input, path);
    for (const [i, child] of (input.children ?? []).entries()) seedNode(ctx, spaceId, folder.id, child, [...path, 'children', i]);
    return;
  }
  const what = `page "${input.title}"`;
  let page: DocumentRecord;
  try {
    page = createDocument(ctx.site, ctx.user, {
      kind: 'page',
      rootLevel: false,
      body: {
        spaceId,
        parentId,
        title: input.title,
        status: input.status === 'draft' ? 'draft' : 'current',
        body: { representation: 'storage', value: input.body ?? '' },
      },
    });
  } catch (error) {
    throw failure(ctx.source, path, what, error);
  }
  ctx.content[input.title] = page.id;
  applyUpdates(ctx, page, input.updates ?? [], [...path, 'updates']);
  decorate(ctx, page, input, path, what);
  for (const [i, child] of (input.children ?? []).entries()) seedNode(ctx, spaceId, page.id, child, [...path, 'children', i]);
  // Archived last, so that its children could be created under a current page.
  if (input.status === 'archived') page.status = 'archived';
}

function seedBlogPost(ctx: Context, spaceId: string, input: SeedBlogPost, path: Path): void {
  const what = `blog post "${input.title}"`;
  let post: DocumentRecord;
  try {
    post = createDocument(ctx.site, ctx.user, {
      kind: 'blogpost',
      rootLevel: false,
      body: {
        spaceId,
        title: input.title,
        status: input.status ?? 'current',
        ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
        body: { representation: 'storage', value: input.body ?? '' },
      },
    });
  } catch (error) {
    throw failure(ctx.source, path, what, error);
  }
  ctx.content[input.title] = post.id;
  applyUpdates(ctx, post, input.updates ?? [], [...path, 'updates']);
  decorate(ctx, post, input, path, what);
}

/** Each update is a PUT with the next version number, as a client would send it. */
function applyUpdates(ctx: Context, record: DocumentRecord, updates: readonly SeedUpdate[], path: Path): void {
  for (const [i, update] of updates.entries()) {
    const latest = current(record);
    try {
      updateDocument(ctx.site, ctx.user, record, {
        id: record.id,
        status: record.status,
        title: update.title ?? latest.title,
        ...(update.body !== undefined ? { body: { representation: 'storage', value: update.body } } : {}),
        version: { number: latest.number + 1, message: update.message ?? '' },
      });
    } catch (error) {
      throw failure(ctx.source, [...path, i], `version ${latest.number + 1} of "${latest.title}"`, error);
    }
    if (update.title !== undefined && update.title !== latest.title) {
      delete ctx.content[latest.title];
      ctx.content[update.title] = record.id;
    }
  }
}

/** Labels, properties and attachments of a page or blog post. */
function decorate(
  ctx: Context,
  record: DocumentRecord,
  input: { labels?: readonly string[] | undefined; properties?: Readonly<Record<string, unknown>> | undefined; attachments?: readonly SeedAttachment[] | undefined },
  path: Path,
  what: string,
): void {
  if (input.labels && input.labels.length > 0) {
    try {
      // One v1 request takes at most `perRequest` names; a longer list is sent as several requests.
      const names = normalizeLabelNames(input.labels);
      const { perRequest } = ctx.site.fidelity.labelLimits;
      for (let i = 0; i < names.length; i += perRequest) addLabels(ctx.site, record, names.slice(i, i + perRequest));
    } catch (error) {
      throw failure(ctx.source, [...path, 'labels'], what, error);
    }
  }
  if (input.properties) addProperties(ctx, record, input.properties, [...path, 'properties']);
  for (const [i, file] of (input.attachments ?? []).entries()) {
    try {
      attachFile(ctx, record, file);
    } catch (error) {
      throw failure(ctx.source, [...path, 'attachments', i], `attachment "${file.filename}" of ${what}`, error);
    }
  }
}

function addProperties(ctx: Context, holder: PropertyHolder, properties: Readonly<Record<string, unknown>>, path: Path): void {
  for (const [key, value] of Object.entries(properties)) {
    try {
      createProperty(ctx.site, ctx.user, holder, { key, value });
    } catch (error) {
      throw failure(ctx.source, [...path, key], `property "${key}"`, error);
    }
  }
}

/** A folder under a page or folder, through the `POST /folders` rules. */
function seedFolder(ctx: Context, spaceId: string, parentId: string, input: SeedNode, path: Path): FolderRecord {
  try {
    const folder = createFolder(ctx.site, ctx.user, { spaceId, parentId, title: input.title });
    ctx.content[input.title] = folder.id;
    if (input.properties) addProperties(ctx, folder, input.properties, [...path, 'properties']);
    return folder;
  } catch (error) {
    throw failure(ctx.source, path, `folder "${input.title}"`, error);
  }
}

/** An attachment as a v1 upload (`POST …/child/attachment`) creates it: name, size and uniqueness checked, version 1. */
function attachFile(ctx: Context, record: DocumentRecord, file: SeedAttachment): void {
  const { site, user } = ctx;
  const upload: Upload = {
    filename: file.filename,
    data: file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : Buffer.from(file.text ?? '', 'utf8'),
    declaredType: file.mediaType,
    comment: file.comment ?? '',
    minorEdit: false,
  };
  checkFileName(upload.filename);
  checkFileSize(site, upload);
  if (attachmentNamed(site, record.id, upload.filename)) {
    throw new ApiError(400, `Cannot add a new attachment with same file name as an existing attachment: ${upload.filename}`);
  }
  createAttachment(site, user, record, upload);
}
