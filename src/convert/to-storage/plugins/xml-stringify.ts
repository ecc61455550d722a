import type { Root } from 'hast';
import type { Plugin, Processor } from 'unified';
import { toXml } from '../serialize.js';

/** unified compiler: hast → storage-format XML (see {@link toXml}). */
export const xmlStringify: Plugin<[], Root, string> = function (this: Processor) {
  (this as unknown as Processor<undefined, undefined, undefined, Root, string>).compiler = (tree) => toXml(tree as Root);
};
