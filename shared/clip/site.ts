/**
 * Which site an address belongs to, to tell a canonical link within one site (a mobile or AMP
 * copy pointing at the main address) from one to another site (a syndicated article pointing at
 * the wire service it came from).
 *
 * The site is the registrable domain, approximated without the Public Suffix List (200 KB, too
 * much for the extension's capture script): the last two labels of the host, or three when the
 * second-last is a common second-level label under a country code (`co.uk`, `ac.jp`, `gov.au`,
 * `com.br`). An IP address or `localhost` is its own site. The approximation errs on the side of
 * "same site" only for hosting suffixes such as `github.io`, where it trusts a canonical between
 * two users' pages.
 */

const SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'ed',
  'edu',
  'go',
  'gob',
  'gouv',
  'gov',
  'govt',
  'gv',
  'lg',
  'ltd',
  'mil',
  'ne',
  'net',
  'nhs',
  'nic',
  'or',
  'org',
  'plc',
  'sch',
]);

/** The site of an http(s) address (`news.example.co.uk` -> `example.co.uk`), else undefined. */
export function siteOf(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  if (host === '') return undefined;
  if (/^\d+(?:\.\d+){3}$/.test(host) || host.startsWith('[') || !host.includes('.')) return host;
  const labels = host.split('.');
  const n = labels.length;
  const keep = n >= 3 && labels[n - 1]!.length === 2 && SECOND_LEVEL.has(labels[n - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** True when both addresses are on one site (see siteOf). */
export function sameSite(a: string, b: string): boolean {
  const sa = siteOf(a);
  return sa !== undefined && sa === siteOf(b);
}
