import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log';
import { parseBoundedJson } from '../http/bounded-json';
import { limitedWarnings } from '../log';
import { keepAlive } from './keepalive';

export interface SignalingOptions {
  /** Largest frame accepted once subscribed; bigger ones are dropped (default 256 KiB). */
  maxFrameBytes: number;
  /**
   * Largest frame of a connection that has not yet subscribed to a topic (default 16 KiB, room for
   * a subscribe to every allowed topic); a bigger one ends the connection at once.
   */
  maxFrameBytesBeforeSubscribe: number;
  /** Deepest JSON nesting accepted (default 16; y-webrtc's deepest message nests 5). */
  maxDepth: number;
  /** Topics one connection may be subscribed to at once (default 100). */
  maxTopicsPerConnection: number;
  /** Longest topic name, in characters (default 256). */
  maxTopicLength: number;
  /** Ping interval; a socket that misses a pong is closed (default 30 s). */
  keepAliveMs: number;
  /** A socket whose unsent output exceeds this is closed as too slow (default 8 MiB). */
  maxBufferedBytes: number;
}

export const DEFAULT_SIGNALING_OPTIONS: SignalingOptions = {
  maxFrameBytes: 256 * 1024,
  maxFrameBytesBeforeSubscribe: 16 * 1024,
  maxDepth: 16,
  maxTopicsPerConnection: 100,
  maxTopicLength: 256,
  keepAliveMs: 30_000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

type SignalMessage =
  | { type: 'subscribe' | 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: unknown }
  | { type: 'ping' };

/**
 * The y-webrtc signaling protocol (the one its bundled server speaks), parsed defensively: the
 * nesting depth is checked on the raw text before JSON.parse, and a publish keeps only its
 * `topic` and `data` (what y-webrtc reads). Returns the parsed message or a reason for dropping
 * the frame.
 */
export function parseSignalFrame(
  text: string,
  maxDepth = DEFAULT_SIGNALING_OPTIONS.maxDepth,
): SignalMessage | { drop: string } {
  const parsed = parseBoundedJson(text, maxDepth, Number.POSITIVE_INFINITY);
  if (!parsed.ok) return { drop: parsed.reason };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { drop: 'not a JSON object' };
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = message.topics;
      if (!Array.isArray(topics) || !topics.every((t) => typeof t === 'string')) {
        return { drop: `${message.type} without a string array "topics"` };
      }
      return { type: message.type, topics: topics as string[] };
    }
    case 'publish':
      if (typeof message.topic !== 'string' || message.topic.length === 0) {
        return { drop: 'publish without a string "topic"' };
      }
      return { type: 'publish', topic: message.topic, data: message.data };
    case 'ping':
      return { type: 'ping' };
    default:
      return { drop: `unknown message type ${JSON.stringify(String(message.type)).slice(0, 40)}` };
  }
}

export interface SignalingServer {
  wss: WebSocketServer;
  /** Number of topics with at least one subscriber (for tests and diagnostics). */
  topicCount(): number;
  close(): Promise<void>;
}

/**
 * A WebSocket server (attach it with `handleUpgrade`) relaying y-webrtc signaling:
 * `publish` goes to every subscriber of the topic with `clients` (the subscriber count) added.
 * Only subscribers of a topic may publish to it.
 */
export function createSignalingServer(
  log: Logger,
  options: Partial<SignalingOptions> = {},
): SignalingServer {
  const opts = { ...DEFAULT_SIGNALING_OPTIONS, ...options };
  // A frame up to 2x the cap is read and dropped; beyond that ws closes the socket (1009).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxFrameBytes * 2,
    perMessageDeflate: false,
  });
  const topics = new Map<string, Set<WebSocket>>();
  const stopKeepAlive = keepAlive(wss, opts.keepAliveMs);
  let nextId = 1;

  const send = (ws: WebSocket, message: unknown): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > opts.maxBufferedBytes) {
      log.warn('signal: closing a connection that does not read its messages');
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };

  wss.on('connection', (ws) => {
    const id = nextId++;
    const subscribed = new Set<string>();
    const warn = limitedWarnings(log, 20, `signal #${id}`);

    const unsubscribe = (topic: string): void => {
      subscribed.delete(topic);
      const subscribers = topics.get(topic);
      if (!subscribers) return;
      subscribers.delete(ws);
      if (subscribers.size === 0) topics.delete(topic);
    };

    ws.on('error', (error) => warn(`socket error: ${error.message}`));
    ws.on('close', () => {
      for (const topic of [...subscribed]) unsubscribe(topic);
    });

    const onMessage = (data: RawData, isBinary: boolean): void => {
      const size = rawSize(data);
      if (subscribed.size === 0 && size > opts.maxFrameBytesBeforeSubscribe) {
        warn(
          `closed a connection that sent ${size} bytes before subscribing (cap ${opts.maxFrameBytesBeforeSubscribe})`,
        );
        // Not close(): an abuser that never answers the closing handshake would keep the
        // socket (and what it buffered) for ws's 30 s close timeout.
        ws.terminate();
        return;
      }
      if (isBinary) return warn('dropped a binary frame');
      if (size > opts.maxFrameBytes)
        return warn(`dropped a frame of ${size} bytes (cap ${opts.maxFrameBytes})`);
      const message = parseSignalFrame(rawText(data), opts.maxDepth);
      if ('drop' in message) return warn(`dropped a frame: ${message.drop}`);

      switch (message.type) {
        case 'subscribe':
          for (const topic of message.topics) {
            if (subscribed.has(topic)) continue;
            if (topic.length === 0 || topic.length > opts.maxTopicLength) {
              warn(`refused a topic of ${topic.length} characters (cap ${opts.maxTopicLength})`);
              continue;
            }
            if (subscribed.size >= opts.maxTopicsPerConnection) {
              warn(`refused topics beyond ${opts.maxTopicsPerConnection} on one connection`);
              break;
            }
            subscribed.add(topic);
            let subscribers = topics.get(topic);
            if (!subscribers) topics.set(topic, (subscribers = new Set()));
            subscribers.add(ws);
          }
          break;
        case 'unsubscribe':
          for (const topic of message.topics) unsubscribe(topic);
          break;
        case 'publish': {
          if (!subscribed.has(message.topic)) {
            warn('dropped a publish to a topic this connection has not subscribed to');
            break;
          }
          const subscribers = topics.get(message.topic);
          if (!subscribers) break;
          const out = {
            type: 'publish',
            topic: message.topic,
            data: message.data,
            clients: subscribers.size,
          };
          for (const receiver of subscribers) send(receiver, out);
          break;
        }
        case 'ping':
          send(ws, { type: 'pong' });
          break;
      }
    };

    // ws calls listeners from the socket's data event: a throw here would end the process.
    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        onMessage(data, isBinary);
      } catch (error) {
        log.error(`signal #${id}: a frame could not be handled; the connection was closed`, error);
        ws.terminate();
      }
    });
  });

  return {
    wss,
    topicCount: () => topics.size,
    close: () => {
      stopKeepAlive();
      return closeServer(wss);
    },
  };
}

const rawSize = (data: RawData): number =>
  Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;

const rawText = (data: RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
};

/** Closes every client of a noServer WebSocketServer (1001 "going away") and waits for them to go. */
export async function closeServer(wss: WebSocketServer): Promise<void> {
  const closing = [...wss.clients].map(
    (ws) =>
      new Promise<void>((done) => {
        if (ws.readyState === ws.CLOSED) return done();
        ws.once('close', () => done());
        ws.close(1001, 'server shutting down');
        // Do not wait on a peer that does not answer the closing handshake.
        setTimeout(() => ws.terminate(), 1000).unref();
      }),
  );
  await Promise.all(closing);
  await new Promise<void>((done) => wss.close(() => done()));
}
