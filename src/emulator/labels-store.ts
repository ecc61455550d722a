import { ApiError } from './errors.js';
import type { LabelRecord } from './model.js';
import type { Fidelity } from './options.js';
import type { Site } from './site.js';

/**
 * Labels: one `LabelRecord` per (prefix, name) in the site, shared by every record that carries it.
 * A record's `labels` set holds label ids. The normalization and validation rules are Confluence's,
 * as measured on a Cloud site (docs/confluence-api-notes.md §4.9, obs 2026-09-08/11, [MF-labels]);
 * the per-request and per-content limits come from Confluence's own validator (see `LabelLimits`).
 *
 * Label ids come from the site's one id sequence. `site.labelIdsByName` is keyed by `labelKey`.
 */

export type LabelPrefix = LabelRecord['prefix'];

export const labelPrefixes: readonly LabelPrefix[] = ['global', 'my', 'team', 'system'];

/** Anything that carries labels: pages, blog posts, attachments, custom content. */
export interface Labelled {
  readonly labels: Set<string>;
}

/** The characters Confluence refuses in a label name, as its 400 body lists them (plus tab, also refused). */
export const INVALID_LABEL_CHARS = ' ! # & ( ) * , . : ; < > ? @ [ ] ^';
const invalidChars = /[!#&()*,.:;<>?@[\]^\t\r\n]/;

/** At most 255 UTF-16 code units (JavaScript string length), not bytes and not code points. */
export const MAX_LABEL_LENGTH = 255;

/**
 * Limits from Confluence's label validator (`LabelValidationHelper`: 20 names per request, 500 labels
 * per content); the site's `fidelity.labelLimits` by default.
 */
export type LabelLimits = Fidelity['labelLimits'];

/** A refused label write: HTTP 400 with Confluence's validation key and its arguments. */
export class LabelValidationError extends ApiError {
  constructor(
    /** Confluence's message key, e.g. `label.contains.invalid.chars`. */
    readonly key: string,
    readonly args: readonly (string | number)[],
  ) {
    // v2 shows the key as the title; v1's message is the generic text Confluence answers with.
    super(400, key, { v1Message: 'Could not add labels to content' });
  }
}

/**
 * Splits and normalizes what a client sent as label names, as Confluence does on a v1 label POST:
 * each name is split on spaces and commas (empty pieces dropped, silently, no error), every piece
 * is lowercased (Unicode-aware) and checked. Duplicates are dropped, first occurrence kept.
 *
 * Throws a 400 for: no name at all after splitting (observed as a 400 whose exact text is not recorded),
 * and `LabelValidationError` (400) for a piece with one of `! # & ( ) * . : ; < > ? @ [ ] ^` or a tab/newline (`label.contains.invalid.chars`;
 * `:` included, so there is no `prefix:name` syntax), a piece longer than 255 UTF-16 code units
 * (`label.name.is.too.long`).
 */
export function normalizeLabelNames(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of names) {
    for (const piece of raw.split(/[ ,]+/)) {
      if (piece === '') continue;
      const name = piece.toLowerCase();
      if (invalidChars.test(name)) throw new LabelValidationError('label.contains.invalid.chars', [name, INVALID_LABEL_CHARS]);
      if (name.length > MAX_LABEL_LENGTH) throw new LabelValidationError('label.name.is.too.long', [MAX_LABEL_LENGTH]);
      if (!out.includes(name)) out.push(name);
    }
  }
  if (out.length === 0) throw new ApiError(400, 'Label name cannot be empty', { v1Message: 'Could not add labels to content' });
  return out;
}

/** The key of a label in `site.labelIdsByName`: the bare name for global labels, `prefix:name` otherwise (`:` cannot occur in names). */
export function labelKey(name: string, prefix: LabelPrefix): string {
  return prefix === 'global' ? name : `${prefix}:${name}`;
}

/** The site's label of that prefix and (already normalized) name, created if new. */
export function labelFor(site: Site, name: string, prefix: LabelPrefix = 'global'): LabelRecord {
  const key = labelKey(name, prefix);
  const existing = site.labelIdsByName.get(key);
  const found = existing === undefined ? undefined : site.labels.get(existing);
  if (found) return found;
  const label: LabelRecord = { id: site.nextId(), name, prefix };
  site.labels.set(label.id, label);
  site.labelIdsByName.set(key, label.id);
  return label;
}

/** The site's label of that prefix and name, without creating it. */
export function findLabel(site: Site, name: string, prefix: LabelPrefix = 'global'): LabelRecord | undefined {
  const id = site.labelIdsByName.get(labelKey(name.toLowerCase(), prefix));
  return id === undefined ? undefined : site.labels.get(id);
}

/**
 * Adds labels to a record: the v1 `POST /content/{id}/label` semantics, for the v1 routes and for
 * tests and seed data.
 *
 * - `names` are the raw names as the client sent them; see `normalizeLabelNames` for the splitting,
 *   lowercasing and the 400s. Everything is validated before anything changes.
 * - Additive and idempotent: labels the record already has are kept and not duplicated.
 * - More than `limits.perRequest` names (after splitting) is a 400 `labels.too.many.entries`; ending up
 *   with more than `limits.perContent` labels on the record is a 400 `labels.over.max`.
 * - Never touches the record's version (labels do not bump it, obs [MF-labels]).
 *
 * Returns the labels the input resolved to, in input order.
 */
export function addLabels(
  site: Site,
  record: Labelled,
  names: readonly string[],
  prefix: LabelPrefix = 'global',
  limits: LabelLimits = site.fidelity.labelLimits,
): LabelRecord[] {
  const normalized = normalizeLabelNames(names);
  if (normalized.length > limits.perRequest) throw new LabelValidationError('labels.too.many.entries', [normalized.length, limits.perRequest]);
  const fresh = normalized.filter((name) => {
    const label = findLabel(site, name, prefix);
    return label === undefined || !record.labels.has(label.id);
  });
  if (record.labels.size + fresh.length > limits.perContent) {
    throw new LabelValidationError('labels.over.max', [record.labels.size + fresh.length, limits.perContent]);
  }
  const labels = normalized.map((name) => labelFor(site, name, prefix));
  for (const label of labels) record.labels.add(label.id);
  return labels;
}

/**
 * Removes one label (by name, compared after lowercasing) from a record. Returns the removed label,
 * or `undefined` when the record does not carry it (v1 answers that with 404 `No label found with name: x`).
 * The label itself stays in the site, as Confluence keeps label definitions.
 */
export function removeLabel(site: Site, record: Labelled, name: string, prefix: LabelPrefix = 'global'): LabelRecord | undefined {
  const label = findLabel(site, name, prefix);
  if (!label || !record.labels.has(label.id)) return undefined;
  record.labels.delete(label.id);
  return label;
}

/** A record's labels, sorted by label id (v2's order). */
export function labelsOf(site: Site, record: Labelled): LabelRecord[] {
  return [...record.labels]
    .map((id) => site.labels.get(id))
    .filter((label): label is LabelRecord => label !== undefined)
    .sort((a, b) => Number(a.id) - Number(b.id));
}
