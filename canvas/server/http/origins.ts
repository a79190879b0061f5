import type { IncomingMessage } from 'node:http';

/**
 * Which pages may drive the host from a browser. A browser always sends `Origin` on a
 * cross-origin POST and on every WebSocket handshake, so checking it keeps other web pages from
 * creating rooms or opening /sync and /signal sockets. A request without `Origin` (Node, curl, the
 * CLI, a same-origin GET) is not a browser acting for another page and stays allowed.
 *
 * Allowed: the host's own origin (from the request's `Host` header, by http or https, and the
 * configured public URL), the allowlist (`--allow-origin`, `WEAVEMAP_ALLOW_ORIGIN`), and, for the
 * clip routes only, browser extensions (`chrome-extension://`, `moz-extension://`,
 * `safari-web-extension://`), since the clipper posts from its own origin.
 */
export type OriginUse = 'app' | 'clip';

export type OriginVerdict = { ok: true } | { ok: false; origin: string };

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:', 'safari-web-extension:'];
const MAX_ORIGIN_CHARS = 512;

/** `scheme://host[:port]` of an http(s) or extension URL (lower case, default port dropped), or undefined. */
export function normalizeOrigin(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_ORIGIN_CHARS) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  // URL.origin is "null" for non-special schemes; build it from the parts.
  if (EXTENSION_SCHEMES.includes(url.protocol) && url.host !== '')
    return `${url.protocol}//${url.host.toLowerCase()}`;
  return undefined;
}

/**
 * Reads `--allow-origin` values: each may hold several origins separated by commas. Throws with
 * the offending text when one is not an origin (scheme://host[:port], no path).
 */
export function parseAllowedOrigins(values: readonly string[]): string[] {
  const origins: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const text = part.trim().replace(/\/$/, '');
      if (text === '') continue;
      const origin = normalizeOrigin(text);
      if (!origin || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(text))
        throw new Error(`Not an origin (scheme://host[:port]): ${JSON.stringify(part.trim())}`);
      origins.push(origin);
    }
  }
  return [...new Set(origins)];
}

export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(options: { publicUrl?: string; allow?: readonly string[] } = {}) {
    const allowed = new Set(parseAllowedOrigins(options.allow ?? []));
    const publicOrigin = options.publicUrl ? normalizeOrigin(options.publicUrl) : undefined;
    if (publicOrigin) allowed.add(publicOrigin);
    this.allowed = allowed;
  }

  /** Whether the request's `Origin` (if any) may use the host for `use`. */
  check(req: IncomingMessage, use: OriginUse): OriginVerdict {
    const header = req.headers.origin;
    if (header === undefined) return { ok: true };
    const origin = normalizeOrigin(header);
    const shown = header.slice(0, 100);
    if (!origin) return { ok: false, origin: shown };
    if (this.allowed.has(origin) || ownOrigins(req.headers.host).includes(origin))
      return { ok: true };
    if (use === 'clip' && EXTENSION_SCHEMES.some((scheme) => origin.startsWith(scheme)))
      return { ok: true };
    return { ok: false, origin: shown };
  }
}

/** The origins a page served by this host has: `http(s)://<Host header>`. */
function ownOrigins(host: string | undefined): string[] {
  if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return [];
  const origins: string[] = [];
  for (const scheme of ['http', 'https']) {
    const origin = normalizeOrigin(`${scheme}://${host}`);
    if (origin) origins.push(origin);
  }
  return origins;
}
