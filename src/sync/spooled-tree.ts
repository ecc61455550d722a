import type { LocalPage, LocalTree } from '../tree/build.js';
import type { SourceFile } from '../tree/read.js';
import { detached } from './detached.js';
import type { TextSpool } from './text-spool.js';

/**
 * The tree with each page's Markdown body in `spool`, read back each time it is used: a push holds
 * the tree for its whole render, and the bodies of 5,000 files are about 22 MB of heap (more than
 * their UTF-8 on disk: two bytes a character once one is outside Latin-1), of which a conversion
 * needs one at a time. The spool holds the text as it was read, so a file saved again during the
 * run changes nothing. (The other fields, title and labels included, hold no view into the file's
 * text: test/sync/spooled-tree.test.ts.)
 */
export function spooledTree(tree: LocalTree, spool: TextSpool): LocalTree {
  return { pages: tree.pages.map((page) => spooledPage(page, spool)) };
}

function spooledPage(page: LocalPage, spool: TextSpool): LocalPage {
  const { body, ...fields } = page;
  spool.put(page.path, body);
  return withSpooledBody(fields, spool);
}

/**
 * The parsed file with its body in `spool` (by path), read back each time it is used, and its other
 * fields copied out of the file's text: a tree built from such sources (tree/build.ts) reads each
 * page's body on demand too, so that a pull's tree of thousands of pulled files never holds all
 * their texts at once, nor does anything made from it (the frontmatter's strings would otherwise
 * be views into the file's text: detached.ts).
 */
export function spooledSource(file: SourceFile, spool: TextSpool): SourceFile {
  const { body, ...fields } = file;
  spool.put(file.path, body);
  return withSpooledBody(detached(fields), spool);
}

/** A function of its own, so that the getter's scope holds the spool and the path only, not the body. */
function withSpooledBody<T extends { readonly path: string }>(fields: T, spool: TextSpool): T & { readonly body: string } {
  const { path } = fields;
  return {
    ...fields,
    get body(): string {
      const body = spool.get(path);
      if (body === undefined) throw new Error(`the Markdown of ${path} is no longer in the spool (it was closed)`);
      return body;
    },
  };
}
