import { forgetIndexes } from './content-index.js';
import type { Site } from './site.js';

/**
 * The whole stored state of a site as plain JSON, and back. Used by persistence (`--data FILE`),
 * by the admin reset, and to roll back a seed that fails half-way.
 *
 * Every `Map` and `Set` field of a `Site` is stored (so a map another module adds is persisted
 * without touching this file), with the id counter and the position of the site's random
 * generator, so ids and macro ids continue where they stopped. Record values may hold `Buffer`s,
 * `Set`s and `Map`s; they are encoded with tags (`{"$type":"Buffer","base64":…}`), and a plain
 * object that itself has a `$type` key (a content property value, say) is wrapped so it cannot be
 * mistaken for a tag.
 */

export interface SiteState {
  readonly cloudId: string;
  readonly name: string;
  readonly lastId: number;
  readonly random: number;
  /** Each collection field of the site by its property name, encoded. */
  readonly collections: Record<string, unknown>;
}

/** Site properties that are configuration or identity, not stored data. */
const notState = new Set(['cloudId', 'name', 'url', 'fidelity', 'random', 'lastId']);

/** The names of the site's collection fields (its `Map`s and `Set`s). */
export function collectionNames(site: Site): string[] {
  return Object.entries(site)
    .filter(([name, value]) => !notState.has(name) && (value instanceof Map || value instanceof Set))
    .map(([name]) => name);
}

/** Site fields that are neither configuration nor a collection: state this module would not save. */
export function unsavedFields(site: Site): string[] {
  return Object.entries(site)
    .filter(([name, value]) => !notState.has(name) && !(value instanceof Map || value instanceof Set))
    .map(([name]) => name);
}

function collection(site: Site, name: string): Map<unknown, unknown> | Set<unknown> {
  return (site as unknown as Record<string, Map<unknown, unknown> | Set<unknown>>)[name]!;
}

export function snapshotSite(site: Site): SiteState {
  const collections: Record<string, unknown> = {};
  for (const name of collectionNames(site)) collections[name] = encodeValue(collection(site, name));
  return { cloudId: site.cloudId, name: site.name, lastId: site.lastIssuedId, random: site.random.position, collections };
}

/**
 * Replaces the site's data with a snapshot. Collections the snapshot does not mention are emptied;
 * a collection in the snapshot that the site does not have is an error (the file is from another
 * version of the emulator).
 */
export function restoreSite(site: Site, state: SiteState): void {
  const names = collectionNames(site);
  const unknown = Object.keys(state.collections).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`the saved state has collections this emulator does not know: ${unknown.join(', ')}`);
  const decoded = new Map<string, unknown>();
  for (const name of names) {
    if (!(name in state.collections)) continue;
    const value = decodeValue(state.collections[name]);
    const target = collection(site, name);
    if (target instanceof Map ? !(value instanceof Map) : !(value instanceof Set)) {
      throw new Error(`the saved collection '${name}' is not a ${target instanceof Map ? 'Map' : 'Set'}`);
    }
    decoded.set(name, value);
  }
  for (const name of names) {
    const target = collection(site, name);
    target.clear();
    const value = decoded.get(name);
    if (value instanceof Map && target instanceof Map) for (const [k, v] of value) target.set(k, v);
    if (value instanceof Set && target instanceof Set) for (const v of value) target.add(v);
  }
  site.restoreIdCounter(state.lastId);
  site.random.restore(state.random);
  forgetIndexes(site);
}

/** Empties every collection of the site and restarts its id counter and random generator. */
export function clearSite(site: Site, lastId: number, randomSeed: number): void {
  for (const name of collectionNames(site)) collection(site, name).clear();
  site.restoreIdCounter(lastId);
  site.random.restore(randomSeed);
  forgetIndexes(site);
}

/** Encodes a value as JSON-safe data: Buffers as base64, Sets and Maps as tagged arrays. */
export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot save the number ${value}`);
    return value;
  }
  if (value === undefined) return undefined;
  if (Buffer.isBuffer(value)) return { $type: 'Buffer', base64: value.toString('base64') };
  if (value instanceof Set) return { $type: 'Set', values: [...value].map(encodeValue) };
  if (value instanceof Map) return { $type: 'Map', entries: [...value].map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : encodeValue(v)));
  if (typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
    return '$type' in value ? { $type: 'Object', value: out } : out;
  }
  throw new Error(`cannot save a value of type ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`);
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const object = value as Record<string, unknown>;
  switch (object.$type) {
    case undefined:
      return decodeFields(object);
    case 'Buffer':
      if (typeof object.base64 !== 'string') throw new Error('a saved Buffer has no base64 string');
      return Buffer.from(object.base64, 'base64');
    case 'Set':
      if (!Array.isArray(object.values)) throw new Error('a saved Set has no values array');
      return new Set(object.values.map(decodeValue));
    case 'Map':
      if (!Array.isArray(object.entries)) throw new Error('a saved Map has no entries array');
      return new Map(
        object.entries.map((entry: unknown) => {
          if (!Array.isArray(entry) || entry.length !== 2) throw new Error('a saved Map entry is not a [key, value] pair');
          return [decodeValue(entry[0]), decodeValue(entry[1])] as const;
        }),
      );
    case 'Object':
      if (typeof object.value !== 'object' || object.value === null) throw new Error('a saved Object has no value');
      return decodeFields(object.value as Record<string, unknown>);
    default:
      throw new Error(`unknown saved type '${String(object.$type)}'`);
  }
}

function decodeFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) out[k] = decodeValue(v);
  return out;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
