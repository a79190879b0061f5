/** What kind of thing a clipped page is (stored in `SourceRecord.type`, mapped to a CSL type on export). */
export const SOURCE_TYPES = [
  'scholarly-article',
  'preprint',
  'paper-conference',
  'news-article',
  'blog-post',
  'article',
  'report',
  'thesis',
  'book',
  'dataset',
  'video',
  'image',
  'webpage',
  'link',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Caps applied to every extracted value (characters). */
export const METADATA_LIMITS = {
  titleChars: 500,
  descriptionChars: 5_000,
  authorChars: 100,
  authors: 200,
  siteNameChars: 500,
  doiChars: 200,
  languageChars: 35,
} as const;

/** Everything a clip knows about the page it came from. All strings are plain text. */
export interface PageMetadata {
  /** The address of the page that was clipped (http(s)). */
  readonly url: string;
  /** The page's own preferred address (`<link rel=canonical>`, else `og:url`), absolute http(s). */
  readonly canonicalUrl?: string;
  /** Never empty: falls back to the page address. */
  readonly title: string;
  /** The website or, for scholarly pages, the journal or proceedings. */
  readonly siteName?: string;
  readonly authors: readonly string[];
  /** ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[Z|±HH:MM]. */
  readonly publishedAt?: string;
  readonly description?: string;
  /** Bare DOI, e.g. 10.1000/xyz123. */
  readonly doi?: string;
  /** BCP 47 language tag as the page gives it (case normalised), e.g. en, fr-FR, ja: for CSL. */
  readonly language?: string;
  /** Its primary language subtag (`en` for `en-GB`): for comparing languages. */
  readonly primaryLanguage?: string;
  readonly type: SourceType;
  /** Absolute http(s) address of the site's icon. */
  readonly favicon?: string;
  /** The journal, newspaper or book series the page is part of. */
  readonly containerTitle?: string;
  readonly publisher?: string;
  /** Absolute http(s) address of the full-text PDF (`citation_pdf_url`). */
  readonly pdfUrl?: string;
  /** Which tag supplied each field, e.g. `{ title: 'citation_title' }`: shown to explain a result. */
  readonly provenance?: Readonly<Partial<Record<MetadataField, string>>>;
}

export type MetadataField = Exclude<keyof PageMetadata, 'provenance' | 'url'>;
