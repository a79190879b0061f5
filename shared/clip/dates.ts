/**
 * Publication dates as pages write them, normalised to ISO 8601: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
 * or `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM` when the page gives a zone. The page's
 * own zone is kept (converting to UTC could move the date a reader sees by a day). Ambiguous
 * numeric forms such as 03/04/2021 are refused rather than guessed; so is anything that is not a
 * real calendar date.
 */

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'janvier', 'januar', 'enero', 'jänner'],
  ['february', 'février', 'fevrier', 'februar', 'febrero'],
  ['march', 'mars', 'märz', 'marz', 'marzo'],
  ['april', 'avril', 'abril'],
  ['may', 'mai', 'mayo'],
  ['june', 'juin', 'juni', 'junio'],
  ['july', 'juillet', 'juli', 'julio'],
  ['august', 'août', 'aout', 'agosto'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'sept'],
  ['october', 'octobre', 'oktober', 'octubre'],
  ['november', 'novembre', 'noviembre'],
  ['december', 'décembre', 'decembre', 'dezember', 'diciembre'],
];

/** 1-12 for a month name or unambiguous abbreviation (at least three letters), else undefined. */
export function monthFromName(token: string): number | undefined {
  const t = token.toLowerCase().replace(/\.$/, '');
  if (t.length < 3) return undefined;
  let found: number | undefined;
  for (let m = 0; m < 12; m++) {
    const names = MONTH_NAMES[m] ?? [];
    if (names.some((n) => n.startsWith(t))) {
      if (found !== undefined && found !== m + 1) return undefined;
      found = m + 1;
    }
  }
  return found;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Parts {
  year: number;
  month?: number | undefined;
  day?: number | undefined;
  hour?: number | undefined;
  minute?: number | undefined;
  second?: number | undefined;
  zone?: string | undefined;
}

function zoneOf(raw: string | undefined): string | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  const z = raw.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

function format(p: Parts): string | undefined {
  const { year, month, day } = p;
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return undefined;
  if (month === undefined) return pad(year, 4);
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return `${pad(year, 4)}-${pad(month)}`;
  if (!Number.isInteger(day) || day < 1 || day > daysIn(year, month)) return undefined;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (p.hour === undefined || p.minute === undefined) return date;
  const second = p.second ?? 0;
  if (p.hour > 23 || p.minute > 59 || second > 60) return undefined;
  return `${date}T${pad(p.hour)}:${pad(p.minute)}:${pad(second)}${p.zone ?? ''}`;
}

const num = (s: string | undefined): number | undefined =>
  s === undefined ? undefined : Number(s);

// 2021, 2021-03, 2021-03-15, 2021/3/5, 2021.03.15, with an optional time and zone.
const ISO_LIKE =
  /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;
// 20210315
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// 15 March 2021, 15. März 2021, Mon, 15 Mar 2021 10:00:00 GMT, 1er avril 2021, 15 de marzo de 2021
const DAY_MONTH_YEAR =
  /^(?:[A-Za-zÀ-ÿ]{2,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10}\.?)\s+(?:de\s+)?(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;
// March 15, 2021 / Mar. 15 2021 / Monday, March 15, 2021
const MONTH_DAY_YEAR =
  /^(?:[A-Za-z]{2,9}\.?,?\s+)?([A-Za-zÀ-ÿ]{3,10}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
// March 2021
const MONTH_YEAR = /^([A-Za-zÀ-ÿ]{3,10}\.?)\s+(\d{4})$/i;
// 15/03/2021 or 03/15/2021: only when the day is above 12, which settles the order.
const NUMERIC_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// An ISO date inside other words: "Published 2021-03-15 (online)".
const EMBEDDED_ISO =
  /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?(?![\d])/;

/** An ISO 8601 date or date-time for `raw`, or undefined if it is not a date we can be sure of. */
export function normalizeDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().replace(/\s+/g, ' ').slice(0, 100);
  if (s === '') return undefined;

  let m = ISO_LIKE.exec(s);
  if (m) {
    const zone = zoneOf(m[8]);
    if (zone === null) return undefined;
    return format({
      year: Number(m[1]),
      month: num(m[3]),
      day: num(m[4]),
      hour: num(m[5]),
      minute: num(m[6]),
      second: num(m[7]),
      zone,
    });
  }
  m = COMPACT.exec(s);
  if (m) return format({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });

  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const month = monthFromName(m[2] ?? '');
    const zone = zoneOf(m[7]);
    if (month === undefined || zone === null) return undefined;
    return format({
      year: Number(m[3]),
      month,
      day: Number(m[1]),
      hour: num(m[4]),
      minute: num(m[5]),
      second: num(m[6]),
      zone,
    });
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const month = monthFromName(m[1] ?? '');
    if (month === undefined) return undefined;
    return format({ year: Number(m[3]), month, day: Number(m[2]) });
  }
  m = MONTH_YEAR.exec(s);
  if (m) {
    const month = monthFromName(m[1] ?? '');
    if (month === undefined) return undefined;
    return format({ year: Number(m[2]), month });
  }
  m = NUMERIC_DMY.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) return format({ year: Number(m[3]), month: b, day: a });
    if (b > 12 && a <= 12) return format({ year: Number(m[3]), month: a, day: b });
    return undefined;
  }
  m = EMBEDDED_ISO.exec(s);
  if (m) {
    const [y, mo, d] = (m[1] ?? '').split('-').map(Number);
    const zone = zoneOf(m[5]);
    if (y === undefined || zone === null) return undefined;
    return format({
      year: y,
      month: mo,
      day: d,
      hour: num(m[2]),
      minute: num(m[3]),
      second: num(m[4]),
      zone,
    });
  }
  return undefined;
}

/** [year, month?, day?] of a normalised date, for CSL `date-parts`. */
export function dateParts(iso: string): number[] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2] !== undefined) parts.push(Number(m[2]));
  if (m[3] !== undefined) parts.push(Number(m[3]));
  return parts;
}

/** True for the shapes normalizeDate produces. */
export function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/.test(value) &&
    normalizeDate(value) === value
  );
}

// Dates as a visible byline writes them: "Published 3 March 2024", "March 3, 2024 at 10:00",
// "2024-03-03". Month names are checked by normalizeDate, so "Room 3 Block 2024" is no date.
const DATE_IN_TEXT =
  /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)|\b\d{1,2}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?[A-Za-zÀ-ÿ]{3,10}\.?,?\s+(?:de\s+)?\d{4}(?!\d)|\b[A-Za-zÀ-ÿ]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)/g;
const UPDATED_BEFORE = /(?:updated|modified|edited|revised|last\s+reviewed)\b[^.\d]{0,20}$/i;
const PUBLISHED_BEFORE = /(?:published|posted|first\s+published|released|issued)\b[^.\d]{0,20}$/i;

/**
 * The publication date a short visible text gives ("By Ana Ruiz · Published 3 March 2024 ·
 * Updated 5 March 2024"): a date after "published"/"posted" first, else the first date not
 * introduced as an update. Only the first 2,000 characters are read.
 */
export function findDateInText(text: string): string | undefined {
  const s = text.replace(/\s+/g, ' ').slice(0, 2_000);
  let first: string | undefined;
  for (const m of s.matchAll(DATE_IN_TEXT)) {
    const iso = normalizeDate(m[0].replace(/,$/, ''));
    if (iso === undefined) continue;
    const before = s.slice(Math.max(0, m.index - 40), m.index);
    if (PUBLISHED_BEFORE.test(before)) return iso;
    if (UPDATED_BEFORE.test(before)) continue;
    first ??= iso;
  }
  return first;
}
