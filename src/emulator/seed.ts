import { z } from 'zod';

/**
 * The seed file format (docs/emulator.md, "Seed file format"): spaces with a page tree, blog posts,
 * labels, properties and attachments, as JSON. This module only describes and validates the
 * document; `seed-apply.ts` loads it into a site through the API's own rules.
 */

const MAX_TITLE = 255;
const MAX_PROPERTY_KEY = 255;

const title = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required: give a title' : 'must be a string') })
  .refine((t) => t.trim() !== '', { error: 'must not be empty or blank: give a title' })
  .refine((t) => t.length <= MAX_TITLE, { error: `must be at most ${MAX_TITLE} characters: shorten the title` });

const storageBody = z.string({ error: 'must be a string of storage-format XHTML, e.g. "<p>Hello</p>"' });

const labels = z.array(z.string({ error: 'must be a string' }), { error: 'must be an array of label names, e.g. ["howto", "draft"]' });

const properties = z
  .record(z.string(), z.json({ error: 'a property value must be JSON (string, number, boolean, null, array or object)' }), {
    error: 'must be an object of property key → JSON value, e.g. {"editor": "v2"}',
  })
  .superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (key === '') ctx.addIssue({ code: 'custom', path: [key], message: 'a property key must not be empty' });
      if (key.length > MAX_PROPERTY_KEY) ctx.addIssue({ code: 'custom', path: [key], message: `a property key must be at most ${MAX_PROPERTY_KEY} characters` });
    }
  });

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const attachment = z
  .strictObject(
    {
      filename: z
        .string({ error: 'is required: the file name the attachment is stored under' })
        .min(1, { error: 'must not be empty' })
        .refine((f) => !f.includes('/'), { error: "must not contain '/' (Confluence refuses it in file names)" }),
      mediaType: z
        .string()
        .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { error: 'must be a media type such as "image/png" or "text/plain"' })
        .optional(),
      text: z.string().optional(),
      base64: z.string().regex(base64, { error: 'must be base64 (A–Z, a–z, 0–9, +, /, padded with =)' }).optional(),
      comment: z.string().optional(),
    },
    { error: 'must be an object like {"filename": "a.txt", "text": "hello"}' },
  )
  .superRefine((a, ctx) => {
    if ((a.text === undefined) === (a.base64 === undefined)) {
      ctx.addIssue({ code: 'custom', message: "give exactly one of 'text' (UTF-8 content) or 'base64' (binary content)" });
    }
  });

const attachments = z.array(attachment, { error: 'must be an array of attachments' });

/** A later save of a page or blog post: a new version with this title and/or body. */
const update = z.strictObject(
  {
    title: title.optional(),
    body: storageBody.optional(),
    message: z.string().optional(),
  },
  { error: 'must be an object like {"body": "<p>new text</p>", "message": "why"}' },
);

export interface SeedAttachment {
  readonly filename: string;
  readonly mediaType?: string | undefined;
  readonly text?: string | undefined;
  readonly base64?: string | undefined;
  readonly comment?: string | undefined;
}

export interface SeedUpdate {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  readonly message?: string | undefined;
}

/** A page (the default) or a folder in the page tree. */
export interface SeedNode {
  readonly type?: 'page' | 'folder' | undefined;
  readonly title: string;
  readonly body?: string | undefined;
  readonly status?: 'current' | 'draft' | 'archived' | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  readonly attachments?: readonly SeedAttachment[] | undefined;
  readonly updates?: readonly SeedUpdate[] | undefined;
  readonly children?: readonly SeedNode[] | undefined;
}

export interface SeedBlogPost {
  readonly title: string;
  readonly body?: string | undefined;
  readonly status?: 'current' | 'draft' | undefined;
  readonly createdAt?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  readonly attachments?: readonly SeedAttachment[] | undefined;
  readonly updates?: readonly SeedUpdate[] | undefined;
}

export interface SeedHomepage {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  readonly attachments?: readonly SeedAttachment[] | undefined;
}

export interface SeedSpace {
  readonly key: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  readonly homepage?: SeedHomepage | undefined;
  /** Pages under the homepage (as the API puts a page created without `parentId`). */
  readonly pages?: readonly SeedNode[] | undefined;
  readonly blogposts?: readonly SeedBlogPost[] | undefined;
}

export interface Seed {
  /** Ignored: lets an editor find a JSON schema. */
  readonly $schema?: string | undefined;
  readonly spaces: readonly SeedSpace[];
}

const node: z.ZodType<SeedNode> = z
  .strictObject(
    {
      type: z.enum(['page', 'folder'], { error: 'must be "page" (the default) or "folder"' }).optional(),
      title,
      body: storageBody.optional(),
      status: z.enum(['current', 'draft', 'archived'], { error: 'must be "current" (the default), "draft" or "archived"' }).optional(),
      labels: labels.optional(),
      properties: properties.optional(),
      attachments: attachments.optional(),
      updates: z.array(update, { error: 'must be an array of later saves' }).optional(),
      get children() {
        return z.array(node, { error: 'must be an array of pages or folders' }).optional();
      },
    },
    { error: 'must be an object like {"title": "Intro", "body": "<p>…</p>"}' },
  )
  .superRefine((n, ctx) => {
    if (n.type === 'folder') {
      for (const field of ['body', 'status', 'labels', 'attachments', 'updates'] as const) {
        if (n[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a folder has no ${field}: remove it, or make this a page` });
      }
    }
    if (n.status === 'draft' && n.updates !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['updates'], message: 'a draft has no version history: remove "updates", or make the page current' });
    }
    if (n.status === 'draft' && n.children !== undefined && n.children.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['children'], message: 'a draft cannot have children: make the page current, or move the children elsewhere' });
    }
  }) as z.ZodType<SeedNode>;

const blogpost = z
  .strictObject(
    {
      title,
      body: storageBody.optional(),
      status: z.enum(['current', 'draft'], { error: 'must be "current" (the default) or "draft"' }).optional(),
      createdAt: z.iso.datetime({ error: 'must be an ISO-8601 timestamp such as "2026-01-31T09:00:00.000Z"' }).optional(),
      labels: labels.optional(),
      properties: properties.optional(),
      attachments: attachments.optional(),
      updates: z.array(update, { error: 'must be an array of later saves' }).optional(),
    },
    { error: 'must be an object like {"title": "News", "body": "<p>…</p>"}' },
  )
  .superRefine((b, ctx) => {
    if (b.status === 'draft' && b.updates !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['updates'], message: 'a draft has no version history: remove "updates", or make the blog post current' });
    }
  });

const space = z.strictObject(
  {
    key: z
      .string({ error: 'is required: a space key of letters and digits, e.g. "DOCS"' })
      .regex(/^[A-Za-z0-9]{1,255}$/, { error: 'must be 1–255 letters and digits, e.g. "DOCS"' }),
    name: z
      .string({ error: 'is required: the space name, e.g. "Documentation"' })
      .refine((n) => n.trim() !== '', { error: 'must not be blank' }),
    description: z.string().optional(),
    properties: properties.optional(),
    homepage: z
      .strictObject(
        {
          title: title.optional(),
          body: storageBody.optional(),
          labels: labels.optional(),
          properties: properties.optional(),
          attachments: attachments.optional(),
        },
        { error: 'must be an object like {"title": "Welcome", "body": "<p>…</p>"}' },
      )
      .optional(),
    pages: z.array(node, { error: 'must be an array of pages or folders' }).optional(),
    blogposts: z.array(blogpost, { error: 'must be an array of blog posts' }).optional(),
  },
  { error: 'must be an object like {"key": "DOCS", "name": "Documentation"}' },
);

export const seedSchema = z.strictObject(
  {
    $schema: z.string().optional(),
    spaces: z.array(space, { error: 'is required: an array of spaces, e.g. [{"key": "DOCS", "name": "Documentation"}]' }),
  },
  { error: 'a seed must be a JSON object like {"spaces": [{"key": "DOCS", "name": "Documentation"}]}' },
);

/** A seed that is not valid: every problem, each with the JSON path where it is and what to fix. */
export class SeedError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not a valid seed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SeedError';
  }
}

/** `spaces[0].pages[2].title` */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === '' ? '(top level)' : out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling (see "Seed file format" in docs/emulator.md)`;
  }
  return issue.message;
}

/** Validates a parsed JSON value as a seed; throws `SeedError` listing every problem. */
export function parseSeed(value: unknown, source = 'seed'): Seed {
  const result = seedSchema.safeParse(value);
  if (!result.success) throw new SeedError(source, result.error.issues.map((issue) => `${jsonPath(issue.path)}: ${describe(issue)}`));
  return result.data as Seed;
}

/** Parses seed JSON text; throws `SeedError` for bad JSON too. */
export function parseSeedText(text: string, source = 'seed'): Seed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SeedError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSeed(value, source);
}
