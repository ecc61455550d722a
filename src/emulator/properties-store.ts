import { ApiError } from './errors.js';
import type { PropertyRecord, User } from './model.js';
import { stringField } from './params.js';
import type { Site } from './site.js';

/**
 * Content and space properties (docs/confluence-api-notes.md §4.8). Each holder (page, blog post,
 * folder, comment, custom content, space) keeps a `Map` from property **key** to record, so a key
 * is unique per holder and the v1 routes (which address properties by key) share the namespace
 * with v2 (which addresses them by id), as observed.
 *
 * - A property has its own version counter, starting at 1; an update must send exactly current + 1.
 * - Property writes never touch the holder's version.
 * - Keys are 1–255 characters ([V1] `ContentPropertyCreate.key.maxLength`).
 */

export const MAX_PROPERTY_KEY = 255;

export interface PropertyHolder {
  readonly properties?: Map<string, PropertyRecord>;
}

/** The holder's property map, created on first use for records stored without one. */
export function propertyMap(holder: PropertyHolder): Map<string, PropertyRecord> {
  const target = holder as { properties?: Map<string, PropertyRecord> };
  target.properties ??= new Map();
  return target.properties;
}

export function findPropertyById(holder: PropertyHolder, id: string): PropertyRecord | undefined {
  for (const property of holder.properties?.values() ?? []) if (property.id === id) return property;
  return undefined;
}

function validKey(body: Record<string, unknown>): string {
  const key = stringField(body, 'key');
  if (key === undefined || key === '') throw new ApiError(400, "'key' is required");
  if (key.length > MAX_PROPERTY_KEY) throw new ApiError(400, `Property key cannot be longer than ${MAX_PROPERTY_KEY} characters.`);
  return key;
}

function validValue(site: Site, body: Record<string, unknown>): unknown {
  if (!('value' in body) || body.value === undefined) throw new ApiError(400, "'value' is required");
  const limit = site.fidelity.maxPropertyValueBytes;
  if (limit !== null && Buffer.byteLength(JSON.stringify(body.value), 'utf8') > limit) {
    throw new ApiError(400, `Property value cannot be larger than ${limit} bytes.`);
  }
  return body.value;
}

/** Creates a property from `{key, value}`; an existing key is a 409 (inferred, notes §4.8). */
export function createProperty(site: Site, user: User, holder: PropertyHolder, body: Record<string, unknown>): PropertyRecord {
  const key = validKey(body);
  const value = validValue(site, body);
  const map = propertyMap(holder);
  if (map.has(key)) throw new ApiError(409, `A property with key '${key}' already exists on this entity.`);
  const now = site.now();
  const property: PropertyRecord = {
    id: site.nextId(),
    key,
    value,
    version: { number: 1, message: '', minorEdit: false, authorId: user.accountId, createdAt: now },
    createdAt: now,
    createdBy: user.accountId,
  };
  map.set(key, property);
  return property;
}

/**
 * Updates a property from `{key, value, version: {number, message?}}`. `version.number` must be the
 * property's current version + 1, else 409; the key cannot change (400).
 */
export function updateProperty(site: Site, user: User, property: PropertyRecord, body: Record<string, unknown>): PropertyRecord {
  const key = stringField(body, 'key');
  if (key !== undefined && key !== property.key) throw new ApiError(400, `The key of a property cannot be changed (from '${property.key}' to '${key}').`);
  const version = body.version as { number?: unknown; message?: unknown; minorEdit?: unknown } | undefined;
  if (typeof version !== 'object' || version === null || typeof version.number !== 'number') throw new ApiError(400, "'version.number' is required");
  const value = validValue(site, body);
  if (version.number !== property.version.number + 1) {
    throw new ApiError(
      409,
      `Version must be incremented when updating a property. Current Version: [${property.version.number}]. Provided version: [${version.number}]`,
    );
  }
  property.value = value;
  property.version = {
    number: version.number,
    message: typeof version.message === 'string' ? version.message : '',
    minorEdit: version.minorEdit === true,
    authorId: user.accountId,
    createdAt: site.now(),
  };
  return property;
}

export function deleteProperty(holder: PropertyHolder, property: PropertyRecord): void {
  holder.properties?.delete(property.key);
}

/** `ContentProperty` (v2). */
export function contentPropertyView(property: PropertyRecord): Record<string, unknown> {
  return { id: property.id, key: property.key, value: property.value, version: property.version };
}

/** `SpaceProperty` (v2): creation data at the top, a version without `minorEdit`. */
export function spacePropertyView(property: PropertyRecord): Record<string, unknown> {
  return {
    id: property.id,
    key: property.key,
    value: property.value,
    createdAt: property.createdAt ?? property.version.createdAt,
    createdBy: property.createdBy ?? property.version.authorId,
    version: {
      createdAt: property.version.createdAt,
      createdBy: property.version.authorId,
      message: property.version.message,
      number: property.version.number,
    },
  };
}
