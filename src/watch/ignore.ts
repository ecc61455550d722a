/**
 * Files under the docs root that a watch never reacts to (pure): hidden files and folders,
 * node_modules, the temporary files of atomic writes (ours: `<file>.<pid>.<hex>.tmp`) and editors'
 * swap, backup and lock files, and the files and folders the tool itself writes (lockfile and its
 * journal, cache and its bodies, config) when they live under the docs root.
 */
export function watchIgnored(relativePath: string, own: ReadonlySet<string>): boolean {
  const path = relativePath.replace(/\\/g, '/');
  if (path === '' || path === '.') return false;
  for (const file of own) if (path === file || path.startsWith(`${file}/`)) return true;
  const segments = path.split('/');
  const name = segments.at(-1)!;
  if (segments.some((s) => s.startsWith('.') || s === 'node_modules')) return true;
  return /\.tmp$|~$|\.sw[a-p]$|\.swx$|^4913$|^#.*#$/.test(name);
}
