import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
};

export const mimeType = (path: string): string =>
  MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

const NOT_BUILT = `Weavemap's canvas has not been built yet.

Run \`npm run build\` (or \`npm start\`, which builds first) and reload this page.
The host is running: the API, /signal and /sync work without the built canvas.
`;

/**
 * Serves the built canvas from `root`: real files by path, `index.html` for any other path
 * without a file extension (the SPA's own routes), 404 for missing assets. Paths are decoded,
 * normalised and checked (symlinks resolved) to stay inside `root`.
 */
export function createStaticHandler(root: string) {
  const absoluteRoot = resolve(root);

  return async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
    }
    let realRoot: string;
    try {
      realRoot = await realpath(absoluteRoot);
      await stat(join(realRoot, 'index.html'));
    } catch {
      return sendText(res, 503, NOT_BUILT);
    }

    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'Bad request: the path is not valid URL encoding.\n');
    }
    if (decoded.includes('\0')) return sendText(res, 400, 'Bad request.\n');

    const file = await resolveInside(realRoot, decoded);
    if (file) return sendFile(req, res, file);
    if (extname(decoded) === '' || decoded.endsWith('.html')) {
      return sendFile(req, res, join(realRoot, 'index.html'));
    }
    return sendText(res, 404, 'Not found.\n');
  };
}

/** The regular file `path` names under `root`, or undefined when it is missing or escapes root. */
async function resolveInside(root: string, path: string): Promise<string | undefined> {
  let candidate = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = join(candidate, 'index.html');
      info = await stat(candidate);
    }
    if (!info.isFile()) return undefined;
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch {
    return sendText(res, 404, 'Not found.\n');
  }
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  // Vite puts content-hashed files under assets/: those never change. Everything else
  // (index.html above all) must be revalidated so a new build is picked up at once.
  const immutable = /[/\\]assets[/\\]/.test(file) && !file.endsWith('.html');
  const headers: Record<string, string | number> = {
    'Content-Type': mimeType(file),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = info.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
