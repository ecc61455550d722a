/**
 * Thrown where the fast serializer meets a node or a situation it does not reproduce exactly;
 * `serializeMarkdown` catches it and the document goes through the reference serializer.
 */
export class Unsupported extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function unsupported(reason: string): never {
  throw new Unsupported(reason);
}

/** Line endings are where the reference's escaping depends on more than one line: left to it. */
export function singleLine(value: string, what: string): string {
  if (value.includes('\n') || value.includes('\r')) unsupported(`line ending in ${what}`);
  return value;
}
