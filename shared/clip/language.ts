/** Language tags, as pages and clips give them, normalised to the shape of BCP 47. */
import { METADATA_LIMITS } from './types';

/** A BCP 47-shaped tag (`en`, `fr-FR`, `zh-Hant-TW`), from `fr_FR` or `FR-fr` too; else undefined. */
export function normalizeLanguage(raw: string): string | undefined {
  const s = raw.trim().replace(/_/g, '-');
  if (
    !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/.test(s) ||
    s.length > METADATA_LIMITS.languageChars
  )
    return undefined;
  return s
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}

/**
 * The primary language subtag of a normalised tag (`en-GB` -> `en`, `zh-Hant-TW` -> `zh`): what
 * comparisons of two sources' languages use, while CSL keeps the tag as the page gave it.
 */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
