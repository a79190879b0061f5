/** Caps on user and clipped text. The host refuses records that break them. */
export const LIMITS = {
  labelChars: 500,
  descriptionChars: 20_000,
  tagChars: 100,
  tagsPerRecord: 50,
  titleChars: 500,
  urlChars: 4_096,
  quoteBytes: 8 * 1024,
  quotesPerSource: 50,
  noteChars: 20_000,
  coordinate: 1e7,
} as const;
