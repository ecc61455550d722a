/**
 * The fast Markdown serializer of the pull converter (`src/convert/to-markdown/serialize/`)
 * against the reference (`stringifyMarkdown`) over corpora: every storage document of each DIR
 * (`*.xhtml`, `*.storage.xml`, `*.in.xml`, and the `*.xml` of md2storage), and the storage that
 * `markdownToStorage` writes for every `*.md` file, are converted to mdast and serialized both
 * ways. Prints how many trees came out identical, how many the fast serializer left to the
 * reference (and why), and how many differ, which must be none (exit code 1 otherwise).
 *
 *   node --import tsx bench/serializer-diff.ts [DIR…] [--show N]
 *
 * Default directories: ../shared/corpus/storage, ../shared/corpus/md2storage and
 * ../shared/corpus/docs-tree. The corpora are only read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownToStorage } from '../src/convert/index.js';
import { buildPullTree } from '../src/convert/to-markdown/build.js';
import { serializeMarkdown } from '../src/convert/to-markdown/serialize/index.js';
import { stringifyMarkdown } from '../src/convert/to-markdown/stringify.js';
import { corpusFiles, isStorageFile } from './convert-helpers.js';
import type { ToMarkdownContext } from '../src/convert/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULTS = ['storage', 'md2storage', 'docs-tree'].map((name) => path.resolve(HERE, '../../shared/corpus', name));

interface Tally {
  identical: number;
  fallback: number;
  different: number;
  empty: number;
  readonly reasons: Map<string, number>;
  readonly differences: { readonly name: string; readonly fast: string; readonly reference: string }[];
}

const pull = (file: string): ToMarkdownContext => ({
  file,
  resolvePage: (page) => `pages/${page.spaceKey ?? ''}/${page.title}.md`,
  resolveAttachment: (filename) => `attachments/${filename}`,
});

function compare(name: string, storage: string, file: string, tally: Tally): void {
  const built = buildPullTree(storage, pull(file), file);
  if (!built.ok || built.tree.children.length === 0) {
    tally.empty += 1;
    return;
  }
  const fast = serializeMarkdown(built.tree);
  if (!fast.ok) {
    tally.fallback += 1;
    tally.reasons.set(fast.reason, (tally.reasons.get(fast.reason) ?? 0) + 1);
    return;
  }
  const reference = stringifyMarkdown(built.tree);
  if (fast.markdown === reference) tally.identical += 1;
  else {
    tally.different += 1;
    tally.differences.push({ name, fast: fast.markdown, reference });
  }
}

/** The first line where the two differ, with the line before it. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && left[line] === right[line]) line += 1;
  return `line ${line + 1}\n  fast:      ${JSON.stringify(left.slice(Math.max(0, line - 1), line + 2))}\n  reference: ${JSON.stringify(right.slice(Math.max(0, line - 1), line + 2))}`;
}

const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt === -1 ? 5 : Number(args[showAt + 1]);
const dirs = args.filter((arg, index) => !arg.startsWith('--') && (showAt === -1 || index !== showAt + 1));
let failed = false;
for (const dir of dirs.length > 0 ? dirs : DEFAULTS) {
  const tally: Tally = { identical: 0, fallback: 0, different: 0, empty: 0, reasons: new Map(), differences: [] };
  const files = corpusFiles(dir).sort();
  let storageDocuments = 0;
  let markdownFiles = 0;
  for (const full of files) {
    const relative = path.relative(dir, full).split(path.sep).join('/');
    const markdownName = relative.replace(/\.[^./]+$/, '.md');
    if (isStorageFile(full, dir)) {
      storageDocuments += 1;
      compare(relative, readFileSync(full, 'utf8'), markdownName, tally);
    } else if (full.endsWith('.md')) {
      markdownFiles += 1;
      const storage = markdownToStorage(readFileSync(full, 'utf8'), { file: relative, resolveLink: (target) => ({ title: target.path }) }).storage;
      compare(`${relative} (pushed)`, storage, relative, tally);
    }
  }
  const trees = tally.identical + tally.fallback + tally.different;
  const share = trees === 0 ? 0 : (100 * tally.fallback) / trees;
  console.log(`${dir}: ${storageDocuments} storage documents, ${markdownFiles} Markdown files pushed; ${trees} trees (${tally.empty} empty or malformed left out)`);
  console.log(`  identical ${tally.identical}, fallback ${tally.fallback} (${share.toFixed(1)} %), different ${tally.different}`);
  for (const [reason, count] of [...tally.reasons].sort((a, b) => b[1] - a[1])) console.log(`    fallback: ${reason} × ${count}`);
  for (const difference of tally.differences.slice(0, show)) console.log(`  DIFFERENT ${difference.name}: ${firstDifference(difference.fast, difference.reference)}`);
  if (tally.different > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
