import { afterEach, describe, expect, it } from 'vitest';
import { createAttachment } from '../../src/emulator/attachments-store.js';
import { ApiError } from '../../src/emulator/errors.js';
import { addLabels, labelsOf, LabelValidationError, normalizeLabelNames, removeLabel, type Labelled } from '../../src/emulator/labels-store.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
async function start(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const v2 = '/wiki/api/v2';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const error = (status: number, code: string, title: string) => ({ errors: [{ status, code, title, detail: null }] });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

async function page(title: string): Promise<Json> {
  const r = await h!.call('POST', `${v2}/pages`, { spaceId: h!.spaceId, title, body: { representation: 'storage', value: '<p>x</p>' } });
  expect(r.status).toBe(200);
  return r.body as Json;
}

function record(id: string): Labelled {
  const found = h!.emulator.defaultSite.content.get(id);
  if (!found || found.kind === 'folder') throw new Error(`no document ${id}`);
  return found;
}

const names = (r: { body: unknown }) => ((r.body as Json).results as Json[]).map((l) => l.name as string);

describe('normalizeLabelNames (notes §4.9)', () => {
  it('lowercases (Unicode-aware), splits on spaces and commas, drops empty pieces and duplicates', () => {
    expect(normalizeLabelNames(['UPPER'])).toEqual(['upper']);
    expect(normalizeLabelNames(['HÉLLO'])).toEqual(['héllo']);
    expect(normalizeLabelNames(['Runbook Two'])).toEqual(['runbook', 'two']);
    expect(normalizeLabelNames(['a,b', 'trail ', ' , a'])).toEqual(['a', 'b', 'trail']);
    expect(normalizeLabelNames(['ci/cd', `it's`, 'a"b', 'c+d', 'x_y-z', '123', 'ünïcode', '🚀'])).toEqual(['ci/cd', `it's`, 'a"b', 'c+d', 'x_y-z', '123', 'ünïcode', '🚀']);
  });

  it('refuses each invalid character (and tab) with label.contains.invalid.chars', () => {
    for (const ch of ['!', '#', '&', '(', ')', '*', '.', ':', ';', '<', '>', '?', '@', '[', ']', '^', '\t']) {
      const e = thrown(() => normalizeLabelNames([`a${ch}b`]));
      expect(e).toBeInstanceOf(LabelValidationError);
      expect((e as LabelValidationError).status).toBe(400);
      expect((e as LabelValidationError).key).toBe('label.contains.invalid.chars');
      expect((e as LabelValidationError).title).toBe('label.contains.invalid.chars');
    }
    expect((thrown(() => normalizeLabelNames(['my:foo'])) as LabelValidationError).args).toEqual(['my:foo', ' ! # & ( ) * , . : ; < > ? @ [ ] ^']);
  });

  it('caps names at 255 UTF-16 code units and refuses an empty name', () => {
    expect(normalizeLabelNames(['é'.repeat(255)])).toHaveLength(1);
    expect((thrown(() => normalizeLabelNames(['é'.repeat(256)])) as LabelValidationError).key).toBe('label.name.is.too.long');
    // 128 emoji: 128 code points but 256 UTF-16 units.
    expect((thrown(() => normalizeLabelNames(['😀'.repeat(128)])) as LabelValidationError).key).toBe('label.name.is.too.long');
    for (const empty of [[], [''], [' , ']]) {
      const e = thrown(() => normalizeLabelNames(empty));
      expect(e).toBeInstanceOf(ApiError);
      expect(e).not.toBeInstanceOf(LabelValidationError);
      expect((e as ApiError).status).toBe(400);
    }
  });
});

describe('addLabels / removeLabel', () => {
  it('adds idempotently, shares one label per name, keeps prefixes apart, never bumps the version', async () => {
    await start();
    const a = await page('A');
    const b = await page('B');
    const site = h!.emulator.defaultSite;
    const first = addLabels(site, record(a.id), ['Docs', 'api']);
    expect(first.map((l) => [l.name, l.prefix])).toEqual([
      ['docs', 'global'],
      ['api', 'global'],
    ]);
    expect(addLabels(site, record(a.id), ['docs']).map((l) => l.id)).toEqual([first[0]!.id]);
    expect(labelsOf(site, record(a.id)).map((l) => l.name)).toEqual(['docs', 'api']);
    expect(addLabels(site, record(b.id), ['docs'])[0]!.id).toBe(first[0]!.id);
    const mine = addLabels(site, record(b.id), ['docs'], 'my');
    expect(mine[0]!.id).not.toBe(first[0]!.id);
    expect(mine[0]!.prefix).toBe('my');
    expect(((await h!.call('GET', `${v2}/pages/${a.id}`)).body as Json).version.number).toBe(1);
  });

  it('validates everything before changing anything', async () => {
    await start();
    const a = await page('Atomic');
    const site = h!.emulator.defaultSite;
    expect(() => addLabels(site, record(a.id), ['good', 'bad.name'])).toThrow(LabelValidationError);
    expect(labelsOf(site, record(a.id))).toEqual([]);
  });

  it('enforces the per-request and per-content limits of fidelity.labelLimits', async () => {
    await start({ fidelity: { labelLimits: { perRequest: 3, perContent: 4 } } });
    const a = await page('Limits');
    const site = h!.emulator.defaultSite;
    const many = thrown(() => addLabels(site, record(a.id), ['a b c d'])) as LabelValidationError;
    expect([many.key, many.args]).toEqual(['labels.too.many.entries', [4, 3]]);
    addLabels(site, record(a.id), ['a', 'b', 'c']);
    addLabels(site, record(a.id), ['a', 'd']);
    const over = thrown(() => addLabels(site, record(a.id), ['e'])) as LabelValidationError;
    expect([over.key, over.args]).toEqual(['labels.over.max', [5, 4]]);
  });

  it('removeLabel answers the removed label, or undefined when the record does not carry it', async () => {
    await start();
    const a = await page('Remove');
    const site = h!.emulator.defaultSite;
    addLabels(site, record(a.id), ['keep', 'drop']);
    expect(removeLabel(site, record(a.id), 'DROP')?.name).toBe('drop');
    expect(removeLabel(site, record(a.id), 'drop')).toBeUndefined();
    expect(removeLabel(site, record(a.id), 'never')).toBeUndefined();
    expect(labelsOf(site, record(a.id)).map((l) => l.name)).toEqual(['keep']);
  });
});

describe('GET /pages/{id}/labels and /blogposts/{id}/labels', () => {
  it('lists by label id, filters by prefix, sorts by name, paginates, 404s for a missing page', async () => {
    await start();
    const a = await page('Labelled');
    const site = h!.emulator.defaultSite;
    addLabels(site, record(a.id), ['zeta', 'alpha']);
    addLabels(site, record(a.id), ['mine'], 'my');
    const r = await h!.call('GET', `${v2}/pages/${a.id}/labels`);
    expect(r.status).toBe(200);
    expect((r.body as Json).results).toEqual(labelsOf(site, record(a.id)).map((l) => ({ id: l.id, name: l.name, prefix: l.prefix })));
    expect(names(r)).toEqual(['zeta', 'alpha', 'mine']);
    expect(names(await h!.call('GET', `${v2}/pages/${a.id}/labels?prefix=global`))).toEqual(['zeta', 'alpha']);
    expect(names(await h!.call('GET', `${v2}/pages/${a.id}/labels?prefix=my`))).toEqual(['mine']);
    expect(names(await h!.call('GET', `${v2}/pages/${a.id}/labels?sort=name`))).toEqual(['alpha', 'mine', 'zeta']);
    expect(names(await h!.call('GET', `${v2}/pages/${a.id}/labels?sort=-id`))).toEqual(['mine', 'alpha', 'zeta']);
    const bad = await h!.call('GET', `${v2}/pages/${a.id}/labels?prefix=other`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(error(400, 'BAD_REQUEST', "Provided value {other} for 'prefix' is not the correct type. Expected one of [global, my, team, system]"));
    const first = await h!.call('GET', `${v2}/pages/${a.id}/labels?limit=2`);
    expect(names(first)).toEqual(['zeta', 'alpha']);
    expect(names(await h!.call('GET', (first.body as Json)._links.next as string))).toEqual(['mine']);
    const missing = await h!.call('GET', `${v2}/pages/999999/labels`);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a page with id [999999]'));
  });

  it('blog posts list their labels the same way', async () => {
    await start();
    const post = (await h!.call('POST', `${v2}/blogposts`, { spaceId: h!.spaceId, title: 'Post', body: { representation: 'storage', value: '' } })).body as Json;
    addLabels(h!.emulator.defaultSite, record(post.id), ['news']);
    expect(names(await h!.call('GET', `${v2}/blogposts/${post.id}/labels`))).toEqual(['news']);
    expect((await h!.call('GET', `${v2}/blogposts/${h!.homepageId}/labels`)).status).toBe(404);
  });

  it('v2 label writes are 405 METHOD_NOT_ALLOWED with the JSON error body', async () => {
    await start();
    const a = await page('Read only');
    for (const method of ['POST', 'DELETE']) {
      for (const path of [`${v2}/pages/${a.id}/labels`, `${v2}/blogposts/${a.id}/labels`]) {
        const r = await h!.call(method, path, method === 'POST' ? [{ prefix: 'global', name: 'x' }] : undefined);
        expect(r.status).toBe(405);
        expect(r.body).toEqual(error(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed'));
        expect(r.headers.get('allow')).toBe('GET');
      }
    }
    expect(labelsOf(h!.emulator.defaultSite, record(a.id))).toEqual([]);
  });
});

describe('GET /labels, /labels/{id}/pages, /labels/{id}/blogposts', () => {
  it('lists every label of the site with label-id and prefix filters', async () => {
    await start();
    const a = await page('Site labels');
    const site = h!.emulator.defaultSite;
    const [one, two] = addLabels(site, record(a.id), ['one', 'two']);
    addLabels(site, record(a.id), ['team-only'], 'team');
    expect(names(await h!.call('GET', `${v2}/labels`))).toEqual(['one', 'two', 'team-only']);
    expect(names(await h!.call('GET', `${v2}/labels?label-id=${two!.id},${one!.id}`))).toEqual(['one', 'two']);
    expect(names(await h!.call('GET', `${v2}/labels?prefix=team`))).toEqual(['team-only']);
    expect(names(await h!.call('GET', `${v2}/labels?prefix=global,team&sort=-name`))).toEqual(['two', 'team-only', 'one']);
    const bad = await h!.call('GET', `${v2}/labels?label-id=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(error(400, 'BAD_REQUEST', "Provided value {abc} for 'label-id' is not the correct type. Expected type is long"));
  });

  it('lists the current pages (or blog posts) carrying a label, by space; 404 for an unknown label', async () => {
    await start();
    const site = h!.emulator.defaultSite;
    const a = await page('First');
    const b = await page('Second');
    const c = await page('Trashed later');
    const [label] = addLabels(site, record(a.id), ['shared']);
    addLabels(site, record(b.id), ['shared']);
    addLabels(site, record(c.id), ['shared']);
    await h!.call('DELETE', `${v2}/pages/${c.id}`);
    const pages = await h!.call('GET', `${v2}/labels/${label!.id}/pages?sort=-id&body-format=storage`);
    expect(((pages.body as Json).results as Json[]).map((p) => p.id)).toEqual([b.id, a.id]);
    expect((pages.body as Json).results[0].body.storage.value).toBe('<p>x</p>');
    expect(((await h!.call('GET', `${v2}/labels/${label!.id}/pages?space-id=999999`)).body as Json).results).toEqual([]);
    const post = (await h!.call('POST', `${v2}/blogposts`, { spaceId: h!.spaceId, title: 'Post', body: { representation: 'storage', value: '' } })).body as Json;
    addLabels(site, record(post.id), ['shared']);
    expect(((await h!.call('GET', `${v2}/labels/${label!.id}/blogposts`)).body as Json).results.map((p: Json) => p.id)).toEqual([post.id]);
    const missing = await h!.call('GET', `${v2}/labels/999999/pages`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a label with id [999999]'));
  });
});

describe('GET /spaces/{id}/content/labels', () => {
  it('lists the labels of the space’s current content, every prefix unless one is asked for', async () => {
    await start();
    const site = h!.emulator.defaultSite;
    const a = await page('Content');
    const trashed = await page('Gone');
    const post = (await h!.call('POST', `${v2}/blogposts`, { spaceId: h!.spaceId, title: 'Post', body: { representation: 'storage', value: '' } })).body as Json;
    addLabels(site, record(a.id), ['page-label']);
    addLabels(site, record(post.id), ['blog-label']);
    addLabels(site, record(a.id), ['personal'], 'my');
    addLabels(site, record(trashed.id), ['hidden']);
    await h!.call('DELETE', `${v2}/pages/${trashed.id}`);
    const base = `${v2}/spaces/${h!.spaceId}/content/labels`;
    expect(names(await h!.call('GET', base))).toEqual(['page-label', 'blog-label', 'personal']);
    expect(names(await h!.call('GET', `${base}?prefix=my`))).toEqual(['personal']);
    expect((await h!.call('GET', `${base}?prefix=global`)).status).toBe(400);
    expect((await h!.call('GET', `${v2}/spaces/999999/content/labels`)).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find a space with id [999999]'));
  });

  it('fidelity.spaceContentLabelsDefault=my-team applies the spec’s literal default', async () => {
    await start({ fidelity: { spaceContentLabelsDefault: 'my-team' } });
    const a = await page('Content');
    addLabels(h!.emulator.defaultSite, record(a.id), ['global-one']);
    addLabels(h!.emulator.defaultSite, record(a.id), ['team-one'], 'team');
    expect(names(await h!.call('GET', `${v2}/spaces/${h!.spaceId}/content/labels`))).toEqual(['team-one']);
  });
});

describe('GET /attachments/{id}/labels', () => {
  it('lists the labels of an attachment; 404 for a missing one', async () => {
    await start();
    const p = await page('With file');
    const site = h!.emulator.defaultSite;
    const container = site.content.get(p.id as string);
    if (!container || container.kind !== 'page') throw new Error('page expected');
    const file = createAttachment(site, h!.emulator.user, container, { filename: 'a.txt', data: Buffer.from('a'), declaredType: 'text/plain', comment: '', minorEdit: false });
    addLabels(site, file, ['diagram']);
    expect(names(await h!.call('GET', `${v2}/attachments/att${file.id}/labels`))).toEqual(['diagram']);
    expect((await h!.call('GET', `${v2}/attachments/att999999/labels`)).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find an attachment with id [att999999]'));
  });
});

describe('GET /custom-content/{id}/labels', () => {
  it('lists the labels of custom content', async () => {
    await start();
    const custom = (await h!.call('POST', `${v2}/custom-content`, { type: 'ac:app:x', spaceId: h!.spaceId, title: 'X', body: { representation: 'storage', value: '' } })).body as Json;
    const stored = h!.emulator.defaultSite.customContent.get(custom.id as string)!;
    addLabels(h!.emulator.defaultSite, { labels: stored.labels! }, ['custom']);
    expect(names(await h!.call('GET', `${v2}/custom-content/${custom.id}/labels`))).toEqual(['custom']);
    expect((await h!.call('GET', `${v2}/custom-content/999999/labels`)).body).toEqual(error(404, 'NOT_FOUND', 'Cannot find custom content with id [999999]'));
  });
});
