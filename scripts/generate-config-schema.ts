/**
 * Writes schema/config.schema.json from the zod schema of the config (src/config/schema.ts), so
 * editors complete and validate confluence-sync.config.json. `npm run schema`; a test checks it is current.
 */
import { writeFile } from 'node:fs/promises';
import { configJsonSchema } from '../src/config/json-schema.js';

await writeFile(new URL('../schema/config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
