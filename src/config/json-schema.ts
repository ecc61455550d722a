import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of `confluence-sync.config.json`, for editors (schema/config.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://github.com/confluence-sync/confluence-sync/schema/config.schema.json',
    title: 'confluence-sync configuration',
    description: 'confluence-sync.config.json. Secrets (tokens, API keys) never go here: they are read from the environment.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
