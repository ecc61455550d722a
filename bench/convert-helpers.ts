/**
 * Shared by the converter benchmark and the docs-tree run: a deterministic generator of
 * realistic Markdown pages, and a file-system view of a docs tree that resolves links and images
 * the way the sync engine will (a page per Markdown file, an attachment per local file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ToStorageContext } from '../src/convert/index.js';
import { Random } from '../src/emulator/random.js';

/** A seeded PRNG (the emulator's mulberry32), so every run generates the same corpus. */
export function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

const WORDS = (
  'the service sends spans to a collector which batches them exports metrics and logs over grpc or http ' +
  'configure the exporter endpoint with an environment variable before you start the agent resource attributes ' +
  'describe the entity producing telemetry sampling decisions are made at the root span and propagated downstream ' +
  'pages in the space are published from markdown files in git each file becomes one page and folders become parents'
).split(' ');
const LANGUAGES = ['ts', 'js', 'sh', 'bash', 'yaml', 'json', 'python', 'go', 'java', 'sql', 'text', '', 'mermaid', 'c++', 'rust'];
const EMOJI = [':tada:', ':warning:', ':rocket:', ':white_check_mark:', ':x:', ':bulb:'];

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function words(rand: Rand, count: number): string {
  const out: string[] = [];
  for (let index = 0; index < count; index += 1) out.push(pick(rand, WORDS));
  return out.join(' ');
}

function inline(rand: Rand, headings: readonly string[]): string {
  const parts: string[] = [];
  const count = 2 + Math.floor(rand() * 6);
  for (let index = 0; index < count; index += 1) {
    const roll = rand();
    if (roll < 0.45) parts.push(words(rand, 4 + Math.floor(rand() * 10)));
    else if (roll < 0.55) parts.push(`**${words(rand, 2)}**`);
    else if (roll < 0.63) parts.push(`*${words(rand, 2)}*`);
    else if (roll < 0.72) parts.push(`\`${pick(rand, WORDS)}.${pick(rand, WORDS)}()\``);
    else if (roll < 0.79) parts.push(`[${words(rand, 2)}](https://example.com/${pick(rand, WORDS)}/${Math.floor(rand() * 100)})`);
    else if (roll < 0.86) parts.push(`[${words(rand, 2)}](../${pick(rand, WORDS)}/${pick(rand, WORDS)}.md#${pick(rand, WORDS)})`);
    else if (roll < 0.9 && headings.length > 0) parts.push(`[see above](#${pick(rand, headings)})`);
    else if (roll < 0.93) parts.push(pick(rand, EMOJI));
    else if (roll < 0.96) parts.push(`~~${words(rand, 2)}~~`);
    else parts.push(`<kbd>Ctrl</kbd>+<kbd>${pick(rand, ['C', 'V', 'K'])}</kbd>`);
  }
  return `${parts.join(' ')}.`;
}

function block(rand: Rand, headings: string[]): string {
  const roll = rand();
  if (roll < 0.12) {
    const text = words(rand, 2 + Math.floor(rand() * 4));
    headings.push(text.toLowerCase().replace(/ /g, '-'));
    return `${'#'.repeat(2 + Math.floor(rand() * 3))} ${text}`;
  }
  if (roll < 0.42) {
    const lines = 1 + Math.floor(rand() * 4);
    return Array.from({ length: lines }, () => inline(rand, headings)).join('\n');
  }
  if (roll < 0.54) {
    const ordered = rand() < 0.3;
    const task = !ordered && rand() < 0.2;
    const items: string[] = [];
    const count = 2 + Math.floor(rand() * 6);
    for (let index = 0; index < count; index += 1) {
      const marker = ordered ? `${index + 1}.` : task ? `- [${rand() < 0.5 ? 'x' : ' '}]` : '-';
      items.push(`${marker} ${inline(rand, headings)}`);
      if (rand() < 0.2) items.push(`   - ${inline(rand, headings)}`);
    }
    return items.join('\n');
  }
  if (roll < 0.68) {
    const language = pick(rand, LANGUAGES);
    const lines = 3 + Math.floor(rand() * 20);
    const body = Array.from({ length: lines }, () => `  ${pick(rand, WORDS)} = ${pick(rand, WORDS)}(${Math.floor(rand() * 1000)}) // ${words(rand, 3)}`);
    const meta = rand() < 0.2 ? ' title="example"' : '';
    return `\`\`\`${language}${meta}\n${body.join('\n')}\n\`\`\``;
  }
  if (roll < 0.76) {
    const columns = 2 + Math.floor(rand() * 4);
    const rows = 2 + Math.floor(rand() * 8);
    const header = `| ${Array.from({ length: columns }, () => words(rand, 1)).join(' | ')} |`;
    const rule = `| ${Array.from({ length: columns }, () => pick(rand, ['---', ':--', ':-:', '--:'])).join(' | ')} |`;
    const body = Array.from({ length: rows }, () => `| ${Array.from({ length: columns }, () => (rand() < 0.2 ? `\`${pick(rand, WORDS)}\`` : words(rand, 2))).join(' | ')} |`);
    return [header, rule, ...body].join('\n');
  }
  if (roll < 0.82) return `> [!${pick(rand, ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'])}]\n> ${inline(rand, headings)}`;
  if (roll < 0.86) return `> ${inline(rand, headings)}\n> ${inline(rand, headings)}`;
  if (roll < 0.89) return `!!! ${pick(rand, ['note', 'tip', 'warning'])} "${words(rand, 2)}"\n    ${inline(rand, headings)}`;
  if (roll < 0.92) return `![${words(rand, 2)}](images/${pick(rand, WORDS)}.png)`;
  if (roll < 0.94) return `<details>\n<summary>${words(rand, 3)}</summary>\n\n${inline(rand, headings)}\n\n</details>`;
  if (roll < 0.96) return '---';
  return `${inline(rand, headings)}[^${Math.floor(rand() * 3) + 1}]\n\n[^${Math.floor(rand() * 3) + 1}]: ${words(rand, 6)}`;
}

/** `count` pages of about 1–13 KB (4 KB on average), the same for the same seed. */
export function generateCorpus(count: number, seed = 20261128): string[] {
  const rand = random(seed);
  const pages: string[] = [];
  for (let page = 0; page < count; page += 1) {
    const target = 1_000 + Math.floor(rand() * rand() * 12_000);
    const headings: string[] = [];
    const blocks = [`# ${words(rand, 3)}`];
    let size = blocks[0]?.length ?? 0;
    while (size < target) {
      const next = block(rand, headings);
      blocks.push(next);
      size += next.length + 2;
    }
    pages.push(`${blocks.join('\n\n')}\n`);
  }
  return pages;
}

/** Every file under `dir`, as full paths, in directory order. */
export function corpusFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) corpusFiles(full, out);
    else out.push(full);
  }
  return out;
}

const STORAGE_FILE = /\.(xhtml|storage\.xml|in\.xml)$/;

/** Whether a corpus file is a storage document: by its name, or any `.xml` of the md2storage corpus (`root`). */
export function isStorageFile(file: string, root: string): boolean {
  return STORAGE_FILE.test(file) || (root.endsWith('md2storage') && file.endsWith('.xml'));
}

/** Every `.md` file under `root`, sorted, as paths relative to `root` with `/` separators. */
export function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** Every file and folder under `root`, relative, with `/` separators: the tree, read once. */
export function treeIndex(root: string): { readonly files: ReadonlySet<string>; readonly folders: ReadonlySet<string> } {
  const files = new Set<string>();
  const folders = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        folders.add(relative);
        walk(full);
      } else if (entry.isFile()) files.add(relative);
    }
  };
  walk(root);
  return { files, folders };
}

/**
 * A context for `file` whose resolvers look the tree up in `index` (no I/O while converting): a
 * link to an existing Markdown file, or to a folder with README.md/index.md, is a page titled by
 * its path; an existing local file is an attachment named by its base name. `/x.md` is relative
 * to the root of the tree, as on GitHub.
 */
export function treeContext(index: ReturnType<typeof treeIndex>, file: string): ToStorageContext {
  const local = (p: string): string => (p.startsWith('/') ? p.slice(1) : p);
  return {
    file,
    resolveLink: (target) => {
      let page = local(target.path);
      if (index.folders.has(page)) {
        page = ['README.md', 'index.md', '_index.md'].map((name) => path.posix.join(page, name)).find((p) => index.files.has(p)) ?? '';
      }
      return page.endsWith('.md') && index.files.has(page) ? { title: page } : undefined;
    },
    resolveAttachment: (relative) => (index.files.has(local(relative)) ? path.posix.basename(relative) : undefined),
  };
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
