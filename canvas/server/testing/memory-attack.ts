import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';

/** Test and bench support: the memory attack on /sync before authentication (#13). */

/** Resident memory of a process, MiB (Linux /proc). */
export const rssMiB = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

const MiB = 1024 * 1024;
const chunk = Buffer.alloc(MiB);

/**
 * Opens a /sync WebSocket that never authenticates and sends one binary frame of `mib` MiB, over
 * a raw TCP socket (masked with a zero key, so that this process spends no time masking).
 * Resolves with what the host answered: "closed" once it dropped the socket, or "took it all".
 */
export function unauthenticatedFrame(port: number, mib: number): Promise<'closed' | 'took it all'> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    let upgraded = false;
    let sent = 0;
    let closed = false;
    const sendBody = () => {
      while (!closed && sent < mib) {
        sent += 1;
        if (!socket.write(chunk)) return void socket.once('drain', sendBody);
      }
      if (sent >= mib && !closed) resolve('took it all');
    };
    socket.on('data', (data) => {
      if (upgraded || !data.toString('latin1').startsWith('HTTP/1.1 101')) return;
      upgraded = true;
      const header = Buffer.alloc(14);
      header[0] = 0x82; // final binary frame
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(mib * MiB), 2);
      // bytes 10..13: the mask key, zero
      socket.write(header);
      sendBody();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      resolve('closed');
    });
    socket.write(
      `GET /sync HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}
