/**
 * Converts every `.md` file under a directory with resolvers backed by that tree, checks that no
 * conversion throws and that every output is well-formed XML, and counts warnings by code.
 *
 *   node --import tsx bench/convert-docs-tree.ts DIR [--list CODE | --cli]
 *
 * `--cli` runs the built command (`npm run build` first) once per file instead, and checks its
 * exit code, its stdout and that every stderr line is a `file:line:column: warning [code]` line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { markdownToStorage } from '../src/convert/index.js';
import { markdownFiles, readText, treeContext, treeIndex } from './convert-helpers.js';

function xmlError(storage: string): string | undefined {
  const parser = new SaxesParser();
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(`<root>${storage}</root>`).close();
  return error;
}

const [dir, flag, listCode] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node --import tsx bench/convert-docs-tree.ts DIR [--list CODE]\n');
  process.exit(2);
}
const root = path.resolve(dir);
const index = treeIndex(root);

if (flag === '--cli') {
  const bin = path.resolve(import.meta.dirname, '../bin/confluence-sync.js');
  let failed = 0;
  let warnings = 0;
  const files = markdownFiles(root);
  for (const file of files) {
    const run = spawnSync(process.execPath, [bin, 'convert', file, '--to', 'storage'], { cwd: root, encoding: 'utf8' });
    const error = run.status === 0 ? xmlError(run.stdout) : `exit ${run.status}: ${run.stderr}`;
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    const odd = lines.filter((line) => !/^[^:]+:\d+:\d+: warning \[[a-z-]+\] /.test(line));
    warnings += lines.length;
    if (error || odd.length > 0) {
      failed += 1;
      process.stderr.write(`FAILED ${file}: ${error ?? odd[0]}\n`);
    }
  }
  process.stdout.write(`CLI: ${files.length} files, ${failed} failed, ${warnings} warning lines\n`);
  process.exit(failed > 0 ? 1 : 0);
}
const files = markdownFiles(root);
const counts = new Map<string, number>();
let thrown = 0;
let malformed = 0;
let bytes = 0;
for (const file of files) {
  const markdown = readText(path.join(root, file));
  bytes += Buffer.byteLength(markdown);
  try {
    const result = markdownToStorage(markdown, treeContext(index, file));
    const error = xmlError(result.storage);
    if (error) {
      malformed += 1;
      process.stderr.write(`MALFORMED ${file}: ${error}\n`);
    }
    for (const warning of result.warnings) {
      counts.set(warning.code, (counts.get(warning.code) ?? 0) + 1);
      if (flag === '--list' && warning.code === listCode) process.stdout.write(`${warning.file}:${warning.line}:${warning.column} ${warning.message}\n`);
    }
  } catch (error) {
    thrown += 1;
    process.stderr.write(`THREW ${file}: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
process.stdout.write(`${files.length} files, ${(bytes / 1e6).toFixed(2)} MB: ${thrown} threw, ${malformed} malformed\n`);
const total = [...counts.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`warnings: ${total}\n`);
for (const [code, count] of [...counts].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${code.padEnd(24)} ${count}\n`);
process.exitCode = thrown > 0 || malformed > 0 ? 1 : 0;
