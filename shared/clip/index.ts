/** The clipping logic shared by the extension, the host's clips endpoint and the tests. */
export { extractMetadata, normalizeLanguage, primaryLanguage } from './metadata';
export {
  normalizeUrl,
  sourceKey,
  resolveHttpUrl,
  isTrackingParam,
  type SourceKeyInput,
} from './url';
export { normalizeDate, isIsoDate, dateParts } from './dates';
export { parseDoi, findDoiInText, doiFromLink, sameDoi } from './doi';
export { cleanText } from './text';
export { pageText } from './dom-text';
export {
  describeQuote,
  describeRange,
  selectionOffsets,
  rangeFromOffsets,
  anchorQuote,
  type TextQuoteSelector,
  type TextPositionSelector,
  type QuoteSelectors,
  type AnchorInput,
  type RangeLike,
  type DescribeOptions,
} from './selectors';
export {
  validateClip,
  clipToSourcePatch,
  mergeClipIntoSource,
  CLIP_KINDS,
  type Clip,
  type ClipKind,
  type ClipQuote,
  type ClipValidation,
  type SourcePatch,
  type SourceFields,
  type MergeResult,
} from './clip';
export {
  sourcesToCslJson,
  sourceToCsl,
  splitName,
  cslType,
  type CslItem,
  type CslName,
} from './csl';
export {
  SOURCE_TYPES,
  METADATA_LIMITS,
  type PageMetadata,
  type SourceType,
  type MetadataField,
} from './types';
