/**
 * Plain-text hygiene for everything read from a page. Clipped text is data, never HTML: values are
 * entity-decoded once, stripped of anything that looks like markup, of control and bidi-override
 * characters, trimmed, whitespace-collapsed and capped. Work is bounded by the cap, so a hostile
 * megabyte-long attribute costs no more than a short one.
 */

/** How much raw input is looked at per output character allowed (room for tags and spaces). */
const RAW_FACTOR = 4;
const RAW_MIN = 2_000;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
};

/** Decodes the character references that double-escaped metadata commonly carries. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (
        !Number.isFinite(code) ||
        code <= 0 ||
        code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff)
      )
        return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Removes script/style blocks with their content, then every tag-like `<x ...>` or `</x>`. */
export function stripMarkup(s: string): string {
  if (!s.includes('<')) return s;
  return s
    .replace(/<(script|style|iframe|object|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
    .replace(/<\/?[a-zA-Z][^<>]*$/, ' ');
}

// C0/C1 controls (tab, newline and carriage return become spaces below), bidi embeddings and
// overrides, isolates, zero-width no-break space and the replacement-prone noncharacters.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function capLength(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return s.slice(0, cut).trimEnd();
}

/**
 * Makes one metadata value safe plain text: decode entities, strip markup, drop invisible control
 * characters, collapse whitespace, trim, cap at `max` characters. Returns undefined when nothing is
 * left, so callers can fall through to the next source.
 */
export function cleanText(raw: unknown, max: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const bounded =
    raw.length > Math.max(RAW_MIN, max * RAW_FACTOR)
      ? raw.slice(0, Math.max(RAW_MIN, max * RAW_FACTOR))
      : raw;
  const text = stripMarkup(decodeEntities(bounded))
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  return capLength(text, max);
}
