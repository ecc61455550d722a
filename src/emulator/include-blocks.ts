/**
 * The `include-*` blocks of single GETs (spec `OptionalFieldMeta`, `OptionalFieldLinks`): at most
 * 50 items, `meta.hasMore`, a `meta.cursor` only when there is more (the schema's cursor is a
 * non-nullable string), and `_links.self` naming the full list route.
 */
export const INCLUDE_LIMIT = 50;

export function includeBlock(self: string, items: readonly unknown[]): Record<string, unknown> {
  const hasMore = items.length > INCLUDE_LIMIT;
  return {
    results: items.slice(0, INCLUDE_LIMIT),
    meta: hasMore ? { hasMore, cursor: Buffer.from(JSON.stringify([INCLUDE_LIMIT])).toString('base64url') } : { hasMore },
    _links: { self },
  };
}
