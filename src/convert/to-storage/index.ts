import { VFile } from 'vfile';
import { hasNonXmlChars } from '../shared/xml.js';
import { splitFrontmatter } from './frontmatter.js';
import { storageProcessor } from './processor.js';
import { ConversionSession } from './session.js';
import type { ToStorageContext, ToStorageResult } from './types.js';

const CONTROL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Replaces characters XML cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF) with U+FFFD
 * and normalises line endings to LF, warning once per line that had such a character.
 */
function cleanInput(markdown: string, session: ConversionSession): string {
  let text = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  if (!hasNonXmlChars(text)) return text;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (!hasNonXmlChars(line)) return;
    const column = line.search(CONTROL) + 1;
    session.warnAt('control-character', index + 1 - session.lineOffset, column, 'Control character');
  });
  text = text.replace(CONTROL, '\uFFFD');
  return text;
}

/**
 * Converts one Markdown document (frontmatter allowed) to Confluence storage format. Pure: no
 * I/O, deterministic output for the same input and context, never throws on any input string.
 */
export function markdownToStorage(markdown: string, context: ToStorageContext = {}): ToStorageResult {
  const probe = new ConversionSession(context, 0);
  const cleaned = cleanInput(String(markdown), probe);
  const frontmatter = splitFrontmatter(cleaned);
  const session = new ConversionSession(context, frontmatter.lines);
  session.warnings.push(...probe.warnings);
  if (frontmatter.error !== undefined) session.warnAt('frontmatter-invalid', 1 - frontmatter.lines, 1, `Frontmatter (${frontmatter.error})`);
  session.tocRequested = frontmatter.data['toc'] === true;

  const file = new VFile({ value: frontmatter.body, path: session.file });
  file.data.toStorage = session;
  const storage = String(storageProcessor.processSync(file));
  return {
    storage,
    attachments: session.attachmentList(),
    links: session.links,
    headings: session.headings,
    warnings: session.sortedWarnings(),
  };
}

export type {
  AttachmentReference,
  ConversionWarning,
  HeadingInfo,
  LinkReference,
  LinkTarget,
  PageReference,
  ToStorageContext,
  ToStorageOptions,
  ToStorageResult,
  WarningCode,
} from './types.js';
