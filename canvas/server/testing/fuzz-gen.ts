// Test support: a seeded generator of hostile input (random and mutated JSON, bytes, HTTP
// requests). The same seed gives the same input, so a failing batch can be replayed.
import { seededRandom } from '../../../shared/analysis/rng';

/** The shared seeded generator (shared/analysis/rng, mulberry32) with fuzzing's helpers. */
export class Random {
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uffff',
  '\ud800',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  '<script>alert(1)</script>',
  'x'.repeat(300),
  '😀'.repeat(20),
  'NaN',
  '1e309',
];

const NASTY_NUMBERS = [0, -0, 1, -1, 1e20, -1e300, 2 ** 53, 0.1, Number.MAX_VALUE];

export function randomString(rng: Random): string {
  if (rng.chance(0.4)) return rng.pick(NASTY_STRINGS);
  const length = rng.int(40);
  let out = '';
  for (let i = 0; i < length; i++)
    out += String.fromCharCode(rng.chance(0.9) ? 32 + rng.int(95) : rng.int(0x3000));
  return out;
}

/** A random JSON value nesting at most `depth` levels. */
export function randomJson(rng: Random, depth: number): unknown {
  const kind = depth <= 0 ? rng.int(4) : rng.int(6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.chance(0.5) ? rng.pick(NASTY_NUMBERS) : rng.int(1000) - 500;
    case 3:
      return randomString(rng);
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) out[randomString(rng)] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

/** `value` with one part replaced, deleted or retyped (recursively, at a random place). */
export function mutateJson(rng: Random, value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && rng.chance(0.7)) {
    const copy = [...(value as unknown[])];
    const i = rng.int(copy.length);
    copy[i] = mutateJson(rng, copy[i]);
    return copy;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && rng.chance(0.8)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length > 0 && rng.chance(0.8) ? rng.pick(keys) : randomString(rng);
    if (rng.chance(0.2)) delete copy[key];
    else copy[key] = rng.chance(0.5) ? mutateJson(rng, copy[key]) : randomJson(rng, 3);
    return copy;
  }
  return randomJson(rng, 3);
}

/** Text with a few bytes flipped, cut short, duplicated or padded. */
export function mutateText(rng: Random, text: string): string {
  let out = text;
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const at = rng.int(out.length + 1);
    switch (rng.int(5)) {
      case 0:
        out = out.slice(0, at);
        break;
      case 1:
        out = `${out.slice(0, at)}${rng.pick(['{', '[', '"', '\\', ']', '}', ',', ':', '\u0000'])}${out.slice(at)}`;
        break;
      case 2:
        out = `${out.slice(0, at)}${out.slice(at + 1 + rng.int(10))}`;
        break;
      case 3:
        out = out + out.slice(at);
        break;
      default:
        out = `${'['.repeat(rng.int(40))}${out}`;
    }
  }
  return out;
}

/** Bytes with a few flipped, cut or inserted. */
export function mutateBytes(rng: Random, bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  if (out.length === 0) return rng.bytes(1 + rng.int(16));
  for (let n = 1 + rng.int(4); n > 0; n--) out[rng.int(out.length)] = rng.int(256);
  if (rng.chance(0.2)) return out.subarray(0, rng.int(out.length));
  if (rng.chance(0.2)) return Buffer.concat([out, rng.bytes(rng.int(64))]);
  return out;
}

export interface RoomKeys {
  roomId: string;
  editSecret: string;
  viewSecret: string;
  facilitatorSecret: string;
}

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'BREW',
  'G\u00c9T',
];

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates included, as U+FFFD). */
const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** The host's routes with their methods; a request mostly uses the right method. */
function randomTarget(rng: Random, room: RoomKeys): { method: string; path: string } {
  const id = rng.chance(0.8) ? room.roomId : percentEncode(randomString(rng));
  const q = percentEncode(randomString(rng));
  const routes: [string, string][] = [
    ['GET', '/'],
    ['GET', '//'],
    ['GET', '/api'],
    ['GET', '/api/health'],
    ['GET', '/api/time'],
    ['POST', '/api/rooms'],
    ['GET', `/api/rooms/${id}`],
    ['POST', `/api/rooms/${id}/clips`],
    ['POST', `/api/rooms/${id}/clips`],
    ['GET', `/api/rooms/${id}/elements?q=${q}&limit=${rng.int(80)}`],
    ['GET', `/api/rooms/${id}/versions`],
    ['POST', `/api/rooms/${id}/versions`],
    ['GET', `/api/rooms/${id}/versions/${q}`],
    ['GET', '/sync'],
    ['GET', '/signal'],
    ['GET', '/index.html'],
    ['GET', '/assets/../../../etc/passwd'],
    ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
  ];
  const [routeMethod, routePath] = rng.pick(routes);
  const method = rng.chance(0.75)
    ? routeMethod
    : rng.chance(0.9)
      ? rng.pick(METHODS.slice(0, 7))
      : rng.pick(METHODS);
  let path = routePath;
  if (rng.chance(0.2)) path = mutateText(rng, path);
  // Mostly what can stand in a request line: no spaces or line breaks.
  return { method, path: path.replace(/[\s]/g, '%20') || '/' };
}

/** Printable ASCII for a header value, usually; sometimes anything but CR and LF. */
const headerText = (rng: Random, text: string): string =>
  rng.chance(0.9) ? text.replace(/[^\x20-\x7e]/g, '') : text.replace(/[\r\n]/g, '');

/** A body the routes expect, mutated; or random JSON; or random bytes. */
function randomBody(rng: Random, room: RoomKeys): Buffer {
  const clip = {
    clipId: `fuzz-clip-${rng.int(1e9)}`.padEnd(20, 'x'),
    kind: rng.chance(0.8) ? 'page' : rng.pick(['selection', 'image', 'x']),
    url: rng.chance(0.8) ? 'https://example.org/' : rng.pick(['javascript:1', randomString(rng)]),
    metadata: { title: rng.chance(0.7) ? 'Fuzz' : randomString(rng), authors: ['Ana'] },
    quote: { exact: rng.chance(0.7) ? 'A finding' : randomString(rng), prefix: '', suffix: '' },
    clippedBy: rng.chance(0.7) ? 'Ana' : randomString(rng),
    clippedAt: rng.chance(0.7) ? 1_700_000_000_000 : rng.pick(NASTY_NUMBERS),
    roomId: room.roomId,
  };
  const shapes = [
    () => JSON.stringify(clip),
    () => JSON.stringify({ title: randomString(rng) }),
    () => JSON.stringify({ name: randomString(rng) || 'v' }),
    () => JSON.stringify(mutateJson(rng, clip)),
    () => JSON.stringify(mutateJson(rng, { title: randomString(rng) })),
    () => JSON.stringify(mutateJson(rng, { name: randomString(rng), by: randomString(rng) })),
    () => JSON.stringify(randomJson(rng, 6)),
    () => mutateText(rng, JSON.stringify(clip)),
    () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  ];
  if (rng.chance(0.15)) return rng.bytes(rng.int(2048));
  return Buffer.from(rng.pick(shapes)(), 'utf8');
}

/** A whole raw HTTP/1.1 request, usually well framed, sometimes not. */
export function randomHttpRequest(rng: Random, room: RoomKeys, host: string): Buffer {
  const { method, path } = randomTarget(rng, room);
  const body =
    ['GET', 'HEAD'].includes(method) && rng.chance(0.8) ? Buffer.alloc(0) : randomBody(rng, room);
  const headers = [
    `Host: ${rng.chance(0.9) ? host : headerText(rng, randomString(rng))}`,
    'Connection: close',
  ];
  if (rng.chance(0.9))
    headers.push(
      `Content-Type: ${rng.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', ''])}`,
    );
  if (rng.chance(0.8)) {
    const secret = rng.pick([
      room.editSecret,
      room.viewSecret,
      room.facilitatorSecret,
      room.editSecret,
      room.facilitatorSecret,
      randomString(rng),
    ]);
    const scheme = rng.chance(0.8) ? 'Bearer ' : rng.pick(['bearer ', 'Basic ', '']);
    headers.push(`Authorization: ${headerText(rng, scheme + secret)}`);
  }
  if (rng.chance(0.4))
    headers.push(
      `Origin: ${rng.pick([`http://${host}`, 'https://evil.example.net', 'null', 'chrome-extension://abc', headerText(rng, randomString(rng))])}`,
    );
  if (rng.chance(0.2))
    headers.push(
      `Accept: ${rng.pick(['application/json', '*/*', headerText(rng, randomString(rng))])}`,
    );
  const framing = rng.int(20);
  if (framing === 0) headers.push(`Content-Length: ${body.length + 1 + rng.int(100)}`);
  else if (framing === 1) headers.push('Transfer-Encoding: chunked');
  else if (framing === 2)
    headers.push(`Content-Length: ${rng.pick(['-1', 'abc', '99999999999999999999'])}`);
  else headers.push(`Content-Length: ${body.length}`);
  const head = `${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** A /signal frame: a valid message, a mutation of one, random JSON or random bytes. */
export function randomSignalFrame(rng: Random, topic: string): string | Buffer {
  const valid = [
    { type: 'subscribe', topics: [topic] },
    { type: 'unsubscribe', topics: [topic] },
    { type: 'publish', topic, data: { type: 'announce', from: randomString(rng) } },
    { type: 'publish', topic, data: randomJson(rng, 4) },
    { type: 'ping' },
  ];
  switch (rng.int(6)) {
    case 0:
      return JSON.stringify(rng.pick(valid));
    case 1:
      return JSON.stringify(mutateJson(rng, rng.pick(valid)));
    case 2:
      return mutateText(rng, JSON.stringify(rng.pick(valid)));
    case 3:
      return JSON.stringify(randomJson(rng, 8));
    case 4:
      return rng.bytes(rng.int(512));
    default:
      return `{"type":"publish","topic":${JSON.stringify(topic)},"data":${'['.repeat(rng.int(30_000))}`;
  }
}
