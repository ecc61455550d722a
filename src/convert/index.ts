/** The conversion layer: Markdown ↔ Confluence storage format. */
export { markdownToStorage } from './to-storage/index.js';
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
} from './to-storage/index.js';
export { confluenceHeadingAnchor, decodeAnchor, encodeAnchor, githubSlug, GithubSlugger } from './shared/anchors.js';
export { CONFLUENCE_CODE_LANGUAGES, confluenceCodeLanguage } from './shared/code-languages.js';
export { WARNING_HELP } from './to-storage/warnings.js';
