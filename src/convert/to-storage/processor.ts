import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { Processor } from 'unified';
import { remarkStorageTags } from '../shared/micromark-storage-tags.js';
import { handlers } from './handlers/index.js';
import { remarkAdmonitions } from './plugins/remark-admonitions.js';
import { remarkAlerts } from './plugins/remark-alerts.js';
import { remarkEmoji } from './plugins/remark-emoji.js';
import { remarkTocMarker } from './plugins/remark-toc-marker.js';
import { remarkXhtml } from './plugins/remark-xhtml.js';
import { xmlStringify } from './plugins/xml-stringify.js';

export type StorageProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

/**
 * The pipeline: remark-parse + remark-gfm → our mdast plugins (admonitions first, since they
 * re-parse their bodies; then alerts, TOC markers, raw HTML, emoji) → remark-rehype with the
 * Confluence handlers → XML serialisation. Built once and frozen; everything per-document lives
 * in the session on the vfile.
 */
export const storageProcessor: StorageProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkStorageTags)
  .use(remarkAdmonitions)
  .use(remarkAlerts)
  .use(remarkTocMarker)
  .use(remarkXhtml)
  .use(remarkEmoji)
  .use(remarkRehype, { handlers })
  .use(xmlStringify)
  .freeze() as unknown as StorageProcessor;
