import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes a JSON response `{error, fields?}` with the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body: { error: string; fields?: string[] } = { error: error.message };
  if (error.fields && error.fields.length > 0) body.fields = error.fields;
  sendJson(res, error.status, body, error.headers);
}

/** Bytes a client may keep sending after the cap before the socket is cut (so it can read our 413). */
const DRAIN_ALLOWANCE = 16 * 1024 * 1024;

/**
 * Reads the request body up to `limit` bytes. Over the limit it rejects with 413, after letting the
 * client finish sending (up to a bounded allowance) so that it can read the response.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let received = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (received > limit + DRAIN_ALLOWANCE) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(tooLargeError(limit));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) =>
      reject(new HttpError(400, `Could not read the request body: ${error.message}`)),
    );
    req.on('close', () => {
      if (!req.complete)
        reject(tooLarge ? tooLargeError(limit) : new HttpError(400, 'The request was aborted.'));
    });
  });
}

const tooLargeError = (limit: number): HttpError =>
  new HttpError(413, `The request body is larger than ${limit} bytes.`, undefined, {
    Connection: 'close',
  });

/**
 * Reads a JSON body. An empty body reads as `undefined`; a non-empty one must be declared
 * `application/json` and parse, or the request fails with a clear 4xx.
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'The request body must be JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
