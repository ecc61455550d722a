import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { LocalPage } from '../tree/build.js';

const DEFAULT_TEMPLATE = new URL('../../templates/notice.xml', import.meta.url);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The notice at the top of every published page (off by default): a storage template with
 * `{{path}}` and `{{link}}` placeholders, filled with escaped values.
 */
export function noticeFor(config: Config, baseDir: string): (page: LocalPage) => string {
  if (!config.notice.enabled) return () => '';
  const file = config.notice.template ? resolve(baseDir, config.notice.template) : DEFAULT_TEMPLATE;
  const template = readFileSync(file, 'utf8').trim();
  return (page) => {
    const path = `${config.docs.replace(/\/$/, '')}/${page.path}`;
    const url = config.notice.repositoryUrl ? `${config.notice.repositoryUrl.replace(/\/$/, '')}/${path}` : undefined;
    const link = url ? `<a href="${escapeXml(url)}">${escapeXml(path)}</a>` : `<code>${escapeXml(path)}</code>`;
    return template.replaceAll('{{path}}', escapeXml(path)).replaceAll('{{link}}', link);
  };
}
