/**
 * Runs both round-trip properties over corpora written by others and prints the share that round
 * trips and a categorised list of failures.
 *
 *   node --import tsx bench/round-trip-corpus.ts [DIR…]
 *
 * Default directories: ../shared/corpus/storage, ../shared/corpus/docs-tree and
 * ../shared/corpus/md2storage. Storage files (`*.xhtml`, `*.storage.xml`, `*.in.xml`, and the
 * expected `*.xml` of md2storage) are pulled and pushed back: they "preserve their content" when
 * push(pull(S)) equals S after `normaliseStorage`. Markdown files (`*.md`) are pushed, pulled and
 * pushed again: they reach a fixed point when pull(push(M2)) === M2 for M2 = pull(push(M)), and
 * are exact when push(M2) === push(M) byte for byte. Page links resolve to every Markdown file of
 * the same tree, attachments to every other file, in both directions.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownToStorage, normaliseStorage, storageToMarkdown } from '../src/convert/index.js';
import type { ToMarkdownContext, ToStorageContext } from '../src/convert/index.js';
import { corpusFiles, isStorageFile } from './convert-helpers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULTS = ['storage', 'docs-tree', 'md2storage'].map((name) => path.resolve(HERE, '../../shared/corpus', name));


/**
 * Contexts for one file of a tree: page titles are tree paths (unique), attachment filenames are
 * paths with `/` replaced (unique), so both directions are exact inverses. Titles met in storage
 * that name no file get a file of their own under `pages/`.
 */
function contexts(root: string, file: string, files: readonly string[]): { push: ToStorageContext; pull: ToMarkdownContext } {
  const relative = path.relative(root, file).split(path.sep).join('/');
  const markdown = new Set(files.filter((f) => f.endsWith('.md')).map((f) => path.relative(root, f).split(path.sep).join('/')));
  const others = new Set(files.filter((f) => !f.endsWith('.md')).map((f) => path.relative(root, f).split(path.sep).join('/')));
  const titleToPath = new Map<string, string>();
  const pathToTitle = new Map<string, string>();
  const pageFor = (title: string, spaceKey: string | undefined): string => {
    const key = `${spaceKey ?? ''}:${title}`;
    let target = titleToPath.get(key);
    if (target === undefined) {
      target = markdown.has(title) ? title : `pages/${encodeURIComponent(key)}.md`;
      titleToPath.set(key, target);
      pathToTitle.set(target, key);
    }
    return target;
  };
  return {
    pull: {
      file: relative,
      resolvePage: (page) => pageFor(page.title, page.spaceKey),
      resolveAttachment: (filename) => `attachments/${filename}`,
    },
    push: {
      file: relative,
      resolveLink: (target) => {
        const key = pathToTitle.get(target.path);
        if (key !== undefined) {
          const colon = key.indexOf(':');
          const spaceKey = key.slice(0, colon);
          return spaceKey === '' ? { title: key.slice(colon + 1) } : { title: key.slice(colon + 1), spaceKey };
        }
        return markdown.has(target.path) ? { title: target.path } : undefined;
      },
      resolveAttachment: (p) => (p.startsWith('attachments/') ? p.slice('attachments/'.length) : others.has(p) ? p.replace(/\//g, '_') : undefined),
    },
  };
}

interface Tally {
  total: number;
  passed: number;
  exact: number;
  failures: Map<string, string[]>;
}

function fail(tally: Tally, category: string, file: string): void {
  const list = tally.failures.get(category) ?? [];
  list.push(file);
  tally.failures.set(category, list);
}

/** The first element (or text) where two normalised bodies part, to name the failure. */
function firstDifference(a: string, b: string): string {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  const open = a.lastIndexOf('<', index);
  const tag = /^<\/?([\w:-]+)/.exec(a.slice(open))?.[1];
  return tag === undefined ? 'text' : `<${tag}>`;
}

const storageTally: Tally = { total: 0, passed: 0, exact: 0, failures: new Map() };
const markdownTally: Tally = { total: 0, passed: 0, exact: 0, failures: new Map() };
const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2).map((dir) => path.resolve(dir)) : DEFAULTS;

for (const root of dirs) {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`skipping ${root}: not a directory\n`);
    continue;
  }
  const files = corpusFiles(root);
  for (const file of files) {
    const name = path.relative(path.dirname(root), file);
    const context = contexts(root, file, files);
    if (isStorageFile(file, root)) {
      storageTally.total += 1;
      const input = readFileSync(file, 'utf8');
      const expected = normaliseStorage(input);
      if (expected === undefined) {
        fail(storageTally, 'input is not well-formed storage (kept as an XML code block)', name);
        continue;
      }
      const pulled = storageToMarkdown(input, context.pull);
      const pushed = markdownToStorage(pulled.markdown, context.push).storage;
      const actual = normaliseStorage(pushed) ?? '';
      if (actual === expected) {
        storageTally.passed += 1;
        if (storageToMarkdown(pushed, context.pull).markdown === pulled.markdown) storageTally.exact += 1;
        else fail(storageTally, 'content kept, but the Markdown is not a fixed point', name);
      } else fail(storageTally, `content differs at ${firstDifference(expected, actual)}`, name);
    } else if (file.endsWith('.md')) {
      markdownTally.total += 1;
      const markdown = readFileSync(file, 'utf8');
      const s1 = markdownToStorage(markdown, context.push).storage;
      const m2 = storageToMarkdown(s1, context.pull).markdown;
      const s2 = markdownToStorage(m2, context.push).storage;
      const m3 = storageToMarkdown(s2, context.pull).markdown;
      if (m3 === m2) markdownTally.passed += 1;
      else fail(markdownTally, 'pulled Markdown is not a fixed point', name);
      if (s2 === s1) markdownTally.exact += 1;
      else if (normaliseStorage(s2) === normaliseStorage(s1)) fail(markdownTally, 'storage equal only after normalisation', name);
      else fail(markdownTally, `storage differs at ${firstDifference(normaliseStorage(s1) ?? '', normaliseStorage(s2) ?? '')}`, name);
    }
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;
}

process.stdout.write(`storage files: ${storageTally.total}; content preserved: ${storageTally.passed} (${percent(storageTally.passed, storageTally.total)}); and Markdown a fixed point: ${storageTally.exact}\n`);
process.stdout.write(`Markdown files: ${markdownTally.total}; fixed point after one round: ${markdownTally.passed} (${percent(markdownTally.passed, markdownTally.total)}); storage byte-identical: ${markdownTally.exact} (${percent(markdownTally.exact, markdownTally.total)})\n`);
for (const [label, tally] of [['storage', storageTally], ['Markdown', markdownTally]] as const) {
  for (const [category, list] of [...tally.failures].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`\n${label}: ${category} (${list.length})\n`);
    for (const file of list.slice(0, 12)) process.stdout.write(`  ${file}\n`);
    if (list.length > 12) process.stdout.write(`  … ${list.length - 12} more\n`);
  }
}
