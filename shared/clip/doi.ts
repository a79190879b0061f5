/**
 * Digital Object Identifiers. A DOI is `10.<registrant>/<suffix>`; pages write it bare, as
 * `doi:10...`, or as a doi.org link. We keep the bare form, as written (DOIs compare
 * case-insensitively; see sameDoi).
 */

const DOI_IN_TEXT = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;
const MAX_DOI = 200;

/** Cuts the punctuation a sentence or a bracket leaves on a DOI found in running text. */
function trimTrailing(doi: string): string {
  let d = doi.replace(/[.,;:!?'"\]}>]+$/, '');
  // A trailing ")" belongs to the DOI only if it opened a "(" inside it, e.g. 10.1016/S0140-6736(20)30183-5.
  while (d.endsWith(')') && (d.match(/\(/g)?.length ?? 0) < (d.match(/\)/g)?.length ?? 0)) {
    d = d.slice(0, -1).replace(/[.,;:]+$/, '');
  }
  return d;
}

/**
 * The bare DOI in `raw` ("10.1000/xyz", "doi:10.1000/xyz", "https://doi.org/10.1000/xyz",
 * "info:doi/10.1000/xyz", a percent-encoded doi.org link), or undefined if there is none.
 */
export function parseDoi(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let s = raw.trim().slice(0, 1_000);
  const link = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/(.+)$/i.exec(s);
  if (link) {
    s = link[1] ?? '';
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep as written
    }
  }
  const m = DOI_IN_TEXT.exec(s);
  if (!m) return undefined;
  const doi = trimTrailing(m[1] ?? '');
  if (!/^10\.\d{4,9}\/\S+$/.test(doi) || doi.length > MAX_DOI) return undefined;
  return doi;
}

/** A DOI in the address of a link (doi.org, dx.doi.org), or undefined. */
export function doiFromLink(href: string | null | undefined): string | undefined {
  if (typeof href !== 'string') return undefined;
  const m = /^https?:\/\/(?:dx\.)?doi\.org\/(10\..+)$/i.exec(href.trim());
  if (!m) return undefined;
  return parseDoi(`https://doi.org/${m[1] ?? ''}`);
}

/** The first DOI written in a stretch of running text, or undefined. */
export function findDoiInText(text: string): string | undefined {
  const m = DOI_IN_TEXT.exec(text);
  return m ? parseDoi(m[1]) : undefined;
}

export function sameDoi(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
