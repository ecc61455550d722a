import type { LocalPage, LocalTree } from '../tree/build.js';
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

/** A function of its own, so that the getter's scope holds the spool and the path only, not the body. */
function withSpooledBody(fields: Omit<LocalPage, 'body'>, spool: TextSpool): LocalPage {
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
