// Test support: a WebSocket client that can declare and stream frames of any size without
// holding them in memory (the payload is one reused chunk, masked with a zero key).
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { upgradeRequest } from './raw-http';

/** Completes a WebSocket handshake on `path`; resolves with the open socket. */
export function openRawWebSocket(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`handshake refused: ${head.split('\r\n')[0] ?? ''}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(upgradeRequest(path));
  });
}

/** The header of a masked (zero key) text frame declaring `length` bytes of payload. */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81; // FIN, text
  header[1] = 0x80 | 127; // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(length), 2);
  // bytes 10-13: the masking key, zero, so the payload goes out as is
  return header;
}

/**
 * Streams one frame of `length` bytes of `fill` (respecting backpressure) until it is sent or the
 * server closes the connection; resolves with the bytes of payload written.
 */
export async function sendHugeFrame(socket: Socket, length: number, fill = 0x78): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  const ignore = () => {};
  socket.on('error', ignore);
  socket.write(frameHeader(length));
  let sent = 0;
  while (sent < length && !socket.destroyed) {
    const part = Math.min(chunk.length, length - sent);
    const flushed = socket.write(part === chunk.length ? chunk : chunk.subarray(0, part));
    sent += part;
    if (!flushed && !socket.destroyed)
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
  }
  socket.off('error', ignore);
  return sent;
}

/** Sends one small masked text frame (zero key). */
export function sendTextFrame(socket: Socket, text: string): void {
  const payload = Buffer.from(text, 'utf8');
  socket.write(Buffer.concat([frameHeader(payload.length), payload]));
}
