// Test support: a raw WebSocket client of /signal with an awaitable queue of JSON messages.
import WebSocket from 'ws';

export interface SignalClient {
  ws: WebSocket;
  send(message: unknown): void;
  /** The next JSON message the server sends (in order). */
  next(): Promise<Record<string, unknown>>;
  /**
   * Sends a ping and resolves at the pong (so every earlier frame of ours has been processed),
   * with the messages that arrived before the pong.
   */
  roundTrip(): Promise<Record<string, unknown>[]>;
  closed: Promise<{ code: number }>;
}

export async function openSignal(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<SignalClient> {
  const ws = new WebSocket(url, options);
  const queue: Record<string, unknown>[] = [];
  const waiters: ((message: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = () => {
    const queued = queue.shift();
    return queued
      ? Promise.resolve(queued)
      : new Promise<Record<string, unknown>>((resolve) => waiters.push(resolve));
  };
  return {
    ws,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next,
    roundTrip: async () => {
      ws.send(JSON.stringify({ type: 'ping' }));
      const before: Record<string, unknown>[] = [];
      for (;;) {
        const message = await next();
        if (message.type === 'pong') return before;
        before.push(message);
      }
    },
    closed,
  };
}
