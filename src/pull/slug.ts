/**
 * File names for pulled pages and attachments (pure). A page's name comes from its title: readable,
 * lowercase, letters and digits of any script joined by `-`, so it is safe on Windows, macOS and
 * Linux and can never leave its folder (no `/`, `\`, `.`, `..`, control characters or reserved names).
 */

/** Longest slug, in characters and in UTF-8 bytes (file systems count bytes; Windows paths are short). */
export const MAX_SLUG_CHARS = 60;
const MAX_SLUG_BYTES = 120;
/** Longest attachment file name kept as a file (UTF-8 bytes). */
const MAX_ATTACHMENT_BYTES = 150;

/** Names Windows reserves whatever the extension (`con.md` cannot be created there). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Names push reads as a folder's page: a leaf page must not take them. */
const INDEX_NAMES = /^(index|readme)$/i;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function truncate(slug: string): string {
  let out = [...slug].slice(0, MAX_SLUG_CHARS).join('');
  while (utf8Length(out) > MAX_SLUG_BYTES) out = [...out].slice(0, -1).join('');
  // A cut inside a word goes back to the word's start when one is close; never end on a dash.
  if (out.length < slug.length && slug[out.length] !== '-') {
    const dash = out.lastIndexOf('-');
    if (dash > out.length / 2) out = out.slice(0, dash);
  }
  return out.replace(/-+$/, '');
}

/**
 * The slug of a title: NFC, lowercase, apostrophes dropped, every run of other characters that are
 * not letters or digits (spaces, punctuation, `/`, `.`, emoji, controls) one `-`, trimmed, at most
 * 60 characters. Empty (a title of only emoji or punctuation) gives `page-<id>`; a Windows reserved
 * name or `index`/`readme` gets `-page` appended.
 */
export function slugify(title: string, pageId: string): string {
  const base = truncate(
    title
      .normalize('NFC')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  );
  if (base === '') return `page-${pageId}`;
  if (WINDOWS_RESERVED.test(base) || INDEX_NAMES.test(base)) return `${base}-page`;
  return base;
}

/** `name`, else `name-2`, `name-3`, … : the first not in `taken` (compared in lowercase NFC). */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const key = (n: string) => n.normalize('NFC').toLowerCase();
  if (!taken.has(key(name))) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}-${i}`;
    if (!taken.has(key(candidate))) return candidate;
  }
}

/** The key names are compared by in one folder (case-insensitive file systems, NFC vs NFD). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Whether an attachment can be a file under its own name (push uploads a file under its base name,
 * so the name cannot change). Refused, and then left as a Confluence reference in the Markdown:
 * path separators, characters Windows forbids, control characters, a leading dot (hidden, and push
 * skips dot files), a trailing dot or space, a Windows reserved base name, a Markdown extension (push
 * would read the file as a page), or more than 150 UTF-8 bytes.
 */
export function safeAttachmentName(filename: string): boolean {
  if (filename === '' || utf8Length(filename) > MAX_ATTACHMENT_BYTES) return false;
  // eslint-disable-next-line no-control-regex
  if (/[/\\<>:"|?*\u0000-\u001f\u007f]/.test(filename)) return false;
  if (filename.startsWith('.') || /[. ]$/.test(filename)) return false;
  if (WINDOWS_RESERVED.test(filename.split('.')[0]!)) return false;
  if (/\.(md|markdown)$/i.test(filename)) return false;
  return true;
}
