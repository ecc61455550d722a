/**
 * The conversion benchmark's corpus: a docs tree of generated pages, in memory. Bodies come from
 * convert-helpers.ts (headings, paragraphs, lists and task lists, tables, code, GitHub alerts,
 * MkDocs admonitions, details, footnotes, emoji, images); here they get folders (nested up to 4
 * deep, each with an index.md), unique titles in frontmatter, links to other pages of the tree
 * with `#fragments` naming real headings of the target (one in ten names none), and images under
 * a shared `images/` folder of which most exist. Deterministic for a seed.
 */
import { buildTree, type LocalTree } from '../src/tree/build.js';
import { parseSource } from '../src/tree/read.js';
import { generateCorpus, random } from './convert-helpers.js';

export interface GeneratedTree {
  /** Path → file text (frontmatter and Markdown). */
  readonly files: ReadonlyMap<string, string>;
  /** The non-Markdown files of the tree (the images that exist). */
  readonly assets: ReadonlySet<string>;
}

const IMAGE_WORDS = 'the service sends spans to a collector which batches them exports metrics and logs over grpc or http configure exporter endpoint with'.split(' ');

export function generateTree(count: number, seed = 20261128): GeneratedTree {
  const rand = random(seed ^ 0x5eed);
  const bodies = generateCorpus(count, seed);
  const folders = [''];
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let folder = folders[Math.floor(rand() * folders.length)]!;
    if (i > 0 && rand() < 0.1 && folder.split('/').filter(Boolean).length < 4) {
      folder = `${folder}section-${i}/`;
      folders.push(folder);
      paths.push(`${folder}index.md`);
    } else paths.push(i === 0 ? 'index.md' : `${folder}page-${i}.md`);
  }
  // What the generator's `#fragments` are: its headings, lower case, spaces as hyphens.
  const slugs = bodies.map((body) => [...body.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/ /g, '-')));
  const files = new Map<string, string>();
  paths.forEach((path, i) => {
    const up = '../'.repeat(path.split('/').length - 1);
    const body = bodies[i]!;
    const title = `${/^# (.*)$/m.exec(body)?.[1] ?? 'page'} ${i}`;
    const text = body
      .replace(/^# .*\n/, '')
      .replace(/\]\(\.\.\/\w+\/\w+\.md#(\w+)\)/g, (_, word: string) => {
        const target = Math.floor(rand() * count);
        const headings = slugs[target]!;
        const fragment = headings.length > 0 && rand() < 0.9 ? headings[Math.floor(rand() * headings.length)]! : word;
        return `](${up}${paths[target]}#${fragment})`;
      })
      .replace(/\]\(images\//g, `](${up}images/`);
    files.set(path, `---\ntitle: "${title}"\nlabels: [generated]\n---\n\n${text}`);
  });
  const assets = new Set(IMAGE_WORDS.filter((_, i) => i % 5 !== 4).map((word) => `images/${word}.png`));
  return { files, assets };
}

/** The tree as the sync engine builds it (buildTree); throws on a problem. */
export function localTree(files: ReadonlyMap<string, string>): LocalTree {
  const sources = [...files].map(([path, text]) => {
    const parsed = parseSource(path, text);
    if (!('file' in parsed)) throw new Error(`${path}: ${parsed.problem.message}`);
    return parsed.file;
  });
  const { tree, problems } = buildTree(sources);
  if (problems.length > 0) throw new Error(`generated tree: ${problems[0]!.file}: ${problems[0]!.message}`);
  return tree;
}
