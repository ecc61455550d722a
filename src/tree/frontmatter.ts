import { z } from 'zod';

/**
 * The frontmatter fields confluence-sync reads (docs/frontmatter.md). Other fields are allowed and
 * left alone, since docs trees often carry frontmatter for other tools.
 */
export const frontmatterSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(255, 'Confluence titles are at most 255 characters').optional(),
    pageId: z
      .union([z.string().regex(/^\d+$/, 'must be a numeric page ID'), z.number().int().positive().transform(String)])
      .optional(),
    parent: z.union([z.string().min(1), z.number().int().positive().transform(String)]).optional(),
    labels: z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))]).optional(),
    confluence: z.boolean().optional(),
    notify: z.boolean().optional(),
    toc: z.boolean().optional(),
  })
  .loose();

export type Frontmatter = z.infer<typeof frontmatterSchema>;
