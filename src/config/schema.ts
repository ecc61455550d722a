import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * `confluence-sync.config.json`. Secrets are never in it: they come from the environment
 * (docs/configuration.md). `schema/config.schema.json` is generated from this (npm run schema).
 */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    site: z
      .object({
        authMode: z.enum(['api-token', 'oauth', 'maton']).optional().describe('How to authenticate; default: from the environment variables present.'),
        baseUrl: z.url().optional().describe('The site, e.g. https://acme.atlassian.net/wiki (API-token mode). CONFLUENCE_BASE_URL overrides it.'),
        email: z.string().optional().describe('The Atlassian account email for API-token mode. CONFLUENCE_EMAIL overrides it.'),
        cloudId: z.string().optional().describe('Cloud ID for OAuth and Maton; discovered through accessible-resources when absent.'),
        site: z.string().optional().describe('Site name or URL to choose when the credential reaches several sites.'),
        connection: z.string().optional().describe('Maton connection ID (the Maton-Connection header).'),
        gatewayUrl: z.url().optional().describe('Maton gateway base; default https://gateway.maton.ai (Maton also documents https://api.maton.ai).'),
        apiBase: z.url().optional().describe('OAuth API base; default https://api.atlassian.com.'),
      })
      .strict()
      .default({}),
    space: z.string().regex(/^~?[A-Za-z0-9]+$/, 'a space key such as DOCS').optional().describe('Key of the space to publish into.'),
    docs: z.string().min(1).default('docs').describe('The docs root, relative to the config file.'),
    include: z.array(z.string()).default(['**/*.md']).describe('Globs (relative to docs) of the files to publish.'),
    exclude: z.array(z.string()).default([]).describe('Globs (relative to docs) to leave out.'),
    rootPage: z.string().regex(/^\d+$/, 'a numeric page ID').optional().describe('Page ID under which the tree is published; default: the space homepage.'),
    orphans: z.enum(['keep', 'archive', 'delete']).default('keep').describe('What to do with a managed page whose file is gone.'),
    folders: z
      .enum(['page', 'folder'])
      .default('page')
      .describe('What a folder without an index.md/README.md becomes: an empty page, or a Confluence folder.'),
    cache: z
      .union([z.string().min(1), z.literal(false)])
      .default('.confluence-sync/cache.json')
      .describe('The conversion cache (unchanged files are not converted again), relative to the config file; false for none. Not meant to be committed.'),
    concurrency: z.number().int().min(1).max(64).default(8).describe('Requests in flight at most (adapts down on rate limits).'),
    threads: z
      .union([z.literal('auto'), z.number().int().min(1).max(64)])
      .default('auto')
      .describe('Threads that convert pages, the main one included; 1 converts on the main thread alone (the least memory). auto: as many as the cores Node reports.'),
    notify: z.boolean().default(false).describe('Whether updates notify watchers (minor edits when false); frontmatter notify overrides per page.'),
    strict: z.boolean().default(false).describe('Treat broken links and missing images as errors.'),
    notice: z
      .object({
        enabled: z.boolean().default(false),
        template: z.string().optional().describe('A storage-format template file; default templates/notice.xml.'),
        repositoryUrl: z.url().optional().describe('Link to the source file: {repositoryUrl}/{path}.'),
      })
      .strict()
      .default({ enabled: false }),
    lockfile: z.string().default('confluence-sync.lock.json'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** How many threads convert pages (config `threads`; `auto`: the cores Node reports). */
export function convertThreads(config: Pick<Config, 'threads'>): number {
  return config.threads === 'auto' ? availableParallelism() : config.threads;
}
