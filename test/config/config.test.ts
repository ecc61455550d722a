import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const root = new URL('../../', import.meta.url);

async function dirWith(config: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cs-config-'));
  await writeFile(join(dir, 'confluence-sync.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('config', () => {
  it('the committed JSON Schema is the one generated from the zod schema (npm run schema)', async () => {
    const committed = JSON.parse(await readFile(new URL('schema/config.schema.json', root), 'utf8')) as unknown;
    expect(committed).toEqual(configJsonSchema());
  });

  it('the example config is valid for both the JSON Schema and the loader', async () => {
    const example = JSON.parse(await readFile(new URL('confluence-sync.config.example.json', root), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020.default({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(configJsonSchema());
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const loaded = await loadConfig(await dirWith(example), undefined);
    expect(loaded.config).toMatchObject({ space: 'DOCS', docs: 'docs', orphans: 'keep', concurrency: 8 });
  });

  it('applies defaults without a config file, and flags override the file', async () => {
    const none = await loadConfig(await mkdtemp(join(tmpdir(), 'cs-none-')), undefined, { space: 'X' });
    expect(none.file).toBeUndefined();
    expect(none.config).toMatchObject({ space: 'X', docs: 'docs', include: ['**/*.md'], orphans: 'keep', lockfile: 'confluence-sync.lock.json' });
    const dir = await dirWith({ space: 'DOCS', docs: 'site' });
    expect((await loadConfig(dir, undefined, { docs: 'other', rootPage: '42' })).config).toMatchObject({ space: 'DOCS', docs: 'other', rootPage: '42' });
  });

  it('names the file and the field of every problem', async () => {
    const dir = await dirWith({ space: 'not a key', orphans: 'burn', concurrency: 0, colour: 'blue', site: { baseUrl: 'nope' } });
    const error = (await loadConfig(dir, undefined).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(join(dir, 'confluence-sync.config.json'));
    for (const field of ['space:', 'orphans:', 'concurrency:', 'site.baseUrl:', 'unknown field(s) "colour"']) expect(error.message).toContain(field);
  });

  it('reports invalid JSON and a missing explicit config file', async () => {
    await expect(loadConfig(await dirWith('{ "space": '), undefined)).rejects.toThrow(/not valid JSON/);
    await expect(loadConfig(await mkdtemp(join(tmpdir(), 'cs-x-')), 'missing.json')).rejects.toThrow(/Cannot read the config file .*missing\.json/);
  });
});
