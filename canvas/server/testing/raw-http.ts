// Test support: raw HTTP over TCP, for requests that fetch and ws refuse to send.
import { connect } from 'node:net';

/**
 * Sends `text` as is to 127.0.0.1:`port` and resolves with everything the server answered once
 * it closes the connection (or `idleMs` after the last byte, for a server that keeps it open, or
 * `timeoutMs` after sending, for one still waiting for the rest of a request).
 */
export function rawRequest(
  port: number,
  text: string | Buffer,
  idleMs = 1_000,
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let idle: NodeJS.Timeout | undefined;
    const overall = setTimeout(() => done(), timeoutMs);
    const done = () => {
      clearTimeout(overall);
      clearTimeout(idle);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      clearTimeout(idle);
      idle = setTimeout(done, idleMs);
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that answers and then resets the connection has still answered.
      if (chunks.length > 0 || error.code === 'ECONNRESET') done();
      else reject(error);
    });
    socket.write(text);
  });
}

/** The status code of a raw HTTP answer, or 0 when there was none. */
export const statusOf = (answer: string): number =>
  Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);

/** A WebSocket handshake request for `path` (with extra header lines). */
export const upgradeRequest = (path: string, headers: string[] = []): string =>
  [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...headers,
    '',
    '',
  ].join('\r\n');
