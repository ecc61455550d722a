import { SaxesParser } from 'saxes';

/**
 * Parses a storage fragment as XML the way a strict consumer would: wrapped in one root, with
 * no entity declared beyond XML's five (our output must only use `&amp; &lt; &gt; &quot;` and
 * numeric references). Returns the first error message, or `undefined` when well-formed.
 */
export function xmlError(storage: string): string | undefined {
  const parser = new SaxesParser({ xmlns: false });
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(`<root>${storage}</root>`);
  parser.close();
  return error;
}

/** Named entity references in the output other than the four XML ones. */
export function foreignEntities(storage: string): string[] {
  const names = [...storage.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').matchAll(/&([A-Za-z][A-Za-z0-9]*);/g)].map((m) => m[1] ?? '');
  return names.filter((name) => !['amp', 'lt', 'gt', 'quot'].includes(name));
}
