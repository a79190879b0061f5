/**
 * Titles and site names as pages write them: "Article title | Site", "Article – Site". The site
 * part is cut from a title only when it matches a site or publisher name the page gives elsewhere,
 * and a `<title>`'s last part is the site name of last resort. Comparisons fold what typists and
 * CMSs write differently: curly and straight quotes, dashes, case, spaces.
 */

/** Separators between a title and the site name, spaces included ("Title | Site"). */
const SEPARATOR = /\s+(?:[|·•»«]|::|[-–—]{1,2})\s+/g;

/** A string with quotes, dashes, case and spacing folded, for comparing titles and names. */
export function foldForCompare(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^the /, '');
}

/** `{ head, site }` when the title ends in a separator and a short site-like part. */
export function splitSiteSuffix(title: string): { head: string; site: string } | undefined {
  let last: RegExpExecArray | undefined;
  for (const m of title.matchAll(SEPARATOR)) last = m;
  if (last === undefined) return undefined;
  const head = title.slice(0, last.index).trim();
  const site = title.slice(last.index + last[0].length).trim();
  if (head === '' || site === '' || site.length > 60 || site.split(/\s+/).length > 6)
    return undefined;
  return { head, site };
}

/** `title` without a trailing " | Site" when "Site" is one of `names`; else `title` unchanged. */
export function stripSiteSuffix(title: string, names: readonly string[]): string {
  const split = splitSiteSuffix(title);
  if (split === undefined) return title;
  const site = foldForCompare(split.site);
  return names.some((n) => foldForCompare(n) === site) ? split.head : title;
}
