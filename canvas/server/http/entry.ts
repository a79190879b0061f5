import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from '../log';
import { HostClosingError, RoomNotFoundError } from '../realtime/sync';
import { HttpError, sendError, sendJson } from './json';
import type { OriginPolicy, OriginUse } from './origins';
import type { Router } from './router';

/**
 * The host's two entry points, guarded: every request and every upgrade goes through one
 * try/catch that turns a bad request into a 4xx and anything unexpected into a 500, each with a
 * log line, so no input can end the process.
 */

/** The longest request target accepted (Node already caps the whole header block at 16 KiB). */
const MAX_TARGET_CHARS = 8 * 1024;

/**
 * The request target as a URL, or undefined when it is not one we serve. Only origin-form
 * (`/path?query`) and http(s) absolute-form are accepted; `//x` stays a path (`new URL('//x', base)`
 * would read it as a host, or throw).
 */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  if (!target || target.length > MAX_TARGET_CHARS) return undefined;
  try {
    if (target.startsWith('/')) return new URL(`http://localhost${target}`);
    if (/^https?:\/\//i.test(target)) {
      const url = new URL(target);
      return new URL(`http://localhost${url.pathname}${url.search}`);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Logs at most `perMinute` lines a minute from one source, then one "suppressed" summary. */
export function throttledLog(log: Logger, perMinute: number): (message: string) => void {
  let windowStart = 0;
  let count = 0;
  return (message) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      if (count > perMinute) log.warn(`${count - perMinute} similar lines suppressed`);
      windowStart = now;
      count = 0;
    }
    count += 1;
    if (count <= perMinute) log.warn(message);
  };
}

/** Which origins an API request must come from, or undefined for requests not checked (reads). */
export function originUseOf(method: string | undefined, pathname: string): OriginUse | undefined {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  return /^\/api\/rooms\/[^/]+\/clips\/?$/.test(pathname) ? 'clip' : 'app';
}

const describe = (req: IncomingMessage): string =>
  `${(req.method ?? '?').slice(0, 10)} ${JSON.stringify((req.url ?? '').slice(0, 200))} from ${req.socket.remoteAddress ?? '?'}`;

export interface RequestEntryOptions {
  router: Router;
  serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  origins: OriginPolicy;
  log: Logger;
}

/** The `request` listener: routes /api to the router and the rest to the static canvas. */
export function createRequestEntry(options: RequestEntryOptions) {
  const { router, serveStatic, origins, log } = options;
  const refused = throttledLog(log, 30);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestTarget(req.url);
    if (!url) throw new HttpError(400, 'Bad request: the request target is not a path.');
    const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (!api) return serveStatic(req, res, url);
    const use = originUseOf(req.method, url.pathname);
    const verdict = use ? origins.check(req, use) : { ok: true as const };
    if (!verdict.ok)
      throw new HttpError(
        403,
        `Requests from ${verdict.origin} are not allowed; the host admits its own pages and the origins given with --allow-origin.`,
      );
    await router.handle(req, res, url);
  }

  function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      if (!(error instanceof HttpError)) log.error(`${describe(req)} failed mid-response`, error);
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      if (error.status >= 500) log.warn(`${describe(req)}: ${error.status} ${error.message}`);
      else if (error.status !== 401 && error.status !== 404)
        refused(`${describe(req)}: ${error.status} ${error.message}`);
      sendError(res, error);
    } else if (error instanceof RoomNotFoundError) {
      sendError(res, new HttpError(404, 'No such room.'));
    } else if (error instanceof HostClosingError) {
      sendError(res, new HttpError(503, error.message, undefined, { 'Retry-After': '5' }));
    } else {
      log.error(`${describe(req)} failed`, error);
      sendJson(res, 500, { error: 'Internal error; see the host log.' });
    }
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    res.on('error', (error) => refused(`${describe(req)}: response error: ${error.message}`));
    handle(req, res)
      .catch((error: unknown) => fail(req, res, error))
      .catch((error: unknown) => {
        // Even the error answer failed (say, the socket went away): log it and drop the socket.
        log.error(`${describe(req)}: could not answer`, error);
        res.destroy();
      });
  };
}

export interface UpgradeEntryOptions {
  /** WebSocket servers by path (`/signal`, `/sync`). */
  routes: ReadonlyMap<string, WebSocketServer>;
  origins: OriginPolicy;
  log: Logger;
  closing(): boolean;
}

const reject = (socket: Duplex, status: string): void => {
  if (socket.writable)
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
};

/**
 * The `upgrade` listener: a WebSocket handshake to a known path from an allowed origin (or none)
 * is handed to that path's server; anything else is answered 400/403/404/503 and closed.
 */
export function createUpgradeEntry(options: UpgradeEntryOptions) {
  const { routes, origins, log } = options;
  const refused = throttledLog(log, 30);

  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    try {
      if (options.closing()) return reject(socket, '503 Service Unavailable');
      const url = parseRequestTarget(req.url);
      if (!url) {
        refused(`upgrade ${describe(req)}: 400 not a path`);
        return reject(socket, '400 Bad Request');
      }
      const target = routes.get(url.pathname);
      if (!target) return reject(socket, '404 Not Found');
      const verdict = origins.check(req, 'app');
      if (!verdict.ok) {
        refused(`upgrade ${describe(req)}: 403 origin ${verdict.origin} is not allowed`);
        return reject(socket, '403 Forbidden');
      }
      target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
    } catch (error) {
      log.error(`upgrade ${describe(req)} failed`, error);
      reject(socket, '500 Internal Server Error');
    }
  };
}
