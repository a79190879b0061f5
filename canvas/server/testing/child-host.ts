// Test support: hosts in child processes (host-process.ts), to kill -9, and their clients.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { rotateHosts, type HostRotation } from '../../../shared/sync/host-rotation';
import type { CreateRoomResponse } from '../routes/rooms';

const HOST_PROCESS = resolve(import.meta.dirname, 'host-process.ts');

export interface ChildHost {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  wsBase: string;
  exited: Promise<NodeJS.Signals | number | null>;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
  /** A clean shutdown (everything stored), resolved once the process has exited. */
  close(): Promise<void>;
}

/** Starts host-process.ts with `args` (a data dir, --redis=URL --database=URL, ...). */
export function startChildHost(args: string[]): Promise<ChildHost> {
  const child = fork(HOST_PROCESS, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.once('exit', (code, signal) => done(signal ?? code)),
  );
  return new Promise((done, fail) => {
    child.once('message', (message: { type: string; url: string }) => {
      const url = message.url.replace(/\/$/, '');
      done({
        child,
        url,
        wsBase: url.replace(/^http/, 'ws'),
        exited,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        close: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send({ type: 'close' });
          await exited;
        },
      });
    });
    void exited.then((how) => fail(new Error(`the host process exited (${String(how)})`)));
  });
}

export async function createRoom(url: string): Promise<CreateRoomResponse> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`creating a room answered ${res.status}`);
  return (await res.json()) as CreateRoomResponse;
}

/** Resolves when the provider has no update the host has not acknowledged. */
export function allAcknowledged(provider: HocuspocusProvider): Promise<void> {
  return new Promise((done) => {
    if (!provider.hasUnsyncedChanges) return done();
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      provider.off('unsyncedChanges', onChange);
      done();
    };
    provider.on('unsyncedChanges', onChange);
  });
}

export interface ClusterClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  rotation: HostRotation;
  synced: Promise<void>;
  destroy(): void;
}

/**
 * A client of a cluster, as the canvas connects: to `hosts[0]` first, then round the list each
 * time its connection closes (shared/sync/host-rotation.ts), retrying quickly.
 */
export function connectCluster(hosts: string[], roomId: string, token: string): ClusterClient {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${(hosts[0] as string).replace(/^http/, 'ws')}/sync`,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  const rotation = rotateHosts(socket, hosts[0] as string);
  rotation.setHosts(hosts);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: roomId,
    token,
    document: doc,
  });
  const synced = new Promise<void>((done) => provider.on('synced', () => done()));
  provider.attach();
  return {
    doc,
    provider,
    rotation,
    synced,
    destroy: () => {
      rotation.stop();
      provider.destroy();
      socket.destroy();
    },
  };
}
