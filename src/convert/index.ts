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
export { storageToMarkdown, TO_MARKDOWN_WARNING_HELP } from './to-markdown/index.js';
export type {
  PageTarget,
  PulledAttachment,
  PulledLink,
  ToMarkdownContext,
  ToMarkdownResult,
  ToMarkdownWarning,
  ToMarkdownWarningCode,
} from './to-markdown/index.js';
export { normaliseStorage } from './to-markdown/normalise.js';
export { roundTripContexts } from './shared/round-trip.js';
export type { RoundTripContexts, RoundTripPage, RoundTripTable } from './shared/round-trip.js';
