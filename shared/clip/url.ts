import { LIMITS } from '../schema/limits';

/**
 * URL handling for clips: only http(s) addresses are ever kept, followed or linked.
 */

/** Query parameters that only track the click and never change the page. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'ref_src',
  'ref_url',
  'yclid',
  'ttclid',
  'twclid',
  'li_fat_id',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  '_ga',
  '_gl',
  's_cid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * Resolves `value` against `base` and returns it only if the result is an absolute http(s) URL no
 * longer than the schema allows; `javascript:`, `data:`, `file:` and unparsable values give
 * undefined. The fragment is kept (it can be meaningful for a PDF link); see normalizeUrl.
 */
export function resolveHttpUrl(
  value: string | null | undefined,
  base?: string,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Browsers ignore leading/trailing spaces and embedded tabs/newlines in URLs; so do we.
  const trimmed = value.replace(/[\t\n\r]/g, '').trim();
  if (trimmed === '' || trimmed.length > LIMITS.urlChars) return undefined;
  let u: URL;
  try {
    u = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.hostname === '') return undefined;
  const href = u.href;
  return href.length > LIMITS.urlChars ? undefined : href;
}

/**
 * The comparable form of a page address: http(s) only (anything else gives null), scheme and host
 * lower-cased (the URL parser does both), default port dropped, fragment and credentials removed, tracking
 * parameters (`utm_*`, `fbclid`, `gclid`, ...) removed, the other parameters kept in their order
 * and spelling, and a `?` with nothing after it removed. Path case is kept: paths are
 * case-sensitive on most servers.
 */
export function normalizeUrl(url: string): string | null {
  const href = resolveHttpUrl(url);
  if (href === undefined) return null;
  const u = new URL(href);
  u.hash = '';
  // user:password@ never identifies a page and must not be stored.
  u.username = '';
  u.password = '';
  if (u.search !== '') {
    const kept = u.search
      .slice(1)
      .split('&')
      .filter((pair) => {
        if (pair === '') return false;
        const eq = pair.indexOf('=');
        const rawName = eq === -1 ? pair : pair.slice(0, eq);
        let name = rawName;
        try {
          name = decodeURIComponent(rawName.replace(/\+/g, ' '));
        } catch {
          // A malformed escape is kept as written.
        }
        return !isTrackingParam(name);
      });
    u.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  }
  let out = u.href;
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** The fields of page metadata that identify a source. */
export interface SourceKeyInput {
  readonly url: string;
  readonly canonicalUrl?: string | undefined;
}

/**
 * The key under which a page's source is filed in a map, so that a second clip of the same page
 * adds its quote to the existing source: the normalised canonical URL when the page declares one,
 * else the normalised page URL. Null when neither is an http(s) address.
 */
export function sourceKey(meta: SourceKeyInput): string | null {
  if (meta.canonicalUrl) {
    const canonical = normalizeUrl(meta.canonicalUrl);
    if (canonical !== null) return canonical;
  }
  return normalizeUrl(meta.url);
}
