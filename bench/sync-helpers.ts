import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateCorpus, random } from './convert-helpers.js';

/** A 1×1 PNG, for the images of generated trees. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Writes a generated docs tree of `pages` Markdown files under `root`: folders nested up to 5 deep,
 * each with an index.md, realistic bodies (the converter benchmark's corpus), links between pages,
 * labels, and an image on one page in ten. Deterministic for a seed. Returns the file paths.
 */
export async function writeGeneratedTree(root: string, pages: number, seed = 7): Promise<string[]> {
  const rand = random(seed);
  const bodies = generateCorpus(pages, seed);
  const folders: string[] = [''];
  const files: string[] = [];
  for (let i = 0; i < pages; i++) {
    // One file in eight opens a new folder under an existing one (depth ≤ 5).
    let folder = folders[Math.floor(rand() * folders.length)]!;
    if (i > 0 && rand() < 0.125 && folder.split('/').filter(Boolean).length < 5) {
      folder = `${folder}section-${i}/`;
      folders.push(folder);
      files.push(`${folder}index.md`);
    } else files.push(`${folder}page-${i}.md`);
  }
  if (!files.includes('index.md')) files[0] = 'index.md';
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const body = bodies[i]!.replace(/^# .*\n/, '');
    const other = files[Math.floor(rand() * files.length)]!;
    const rel = relativePath(file, other);
    const image = i % 10 === 3 ? `\n![diagram](${relativePath(file, `assets/img-${i}.png`)})\n` : '';
    const text = `---\ntitle: "Generated page ${i}"\nlabels: [generated, group-${i % 7}]\n---\nSee [a related page](${rel}).\n${image}\n${body}`;
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
    if (image) {
      await mkdir(join(root, 'assets'), { recursive: true });
      await writeFile(join(root, 'assets', `img-${i}.png`), PNG);
    }
  }
  return files;
}

function relativePath(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return `${'../'.repeat(up)}${to}`;
}
