// Test support: the host a test file shares, and the sync clients its tests open, with the
// vitest hooks that start and close them (one place instead of a copy in each server test).
import { afterAll, afterEach, beforeAll } from 'vitest';
import type * as Y from 'yjs';
import type { HostOptions } from '../host';
import { startTestHost, type TestHost } from './host';
import { connectSync, type SyncClient } from './sync-client';

/** A viewport in presence, as the canvas publishes it. */
export type PresenceViewport = { x: number; y: number; k: number; w?: number; h?: number } | null;

/** Sync clients that are destroyed when the tests that opened them are over. */
export interface Clients {
  /** A client of a room; not waited on. */
  connect(test: TestHost, roomId: string, secret: string, doc?: Y.Doc): SyncClient;
}

/** One host for the whole file (a TestHost once `beforeAll` has run), and its clients. */
export interface FileHost extends TestHost {
  connect(roomId: string, secret: string, doc?: Y.Doc): SyncClient;
  /** `connect`, then waits for the first sync. */
  join(roomId: string, secret: string): Promise<SyncClient>;
  /** `join`, then shows in presence as `name` (id `id-<name>`) with no cursor or selection. */
  joinAs(
    roomId: string,
    secret: string,
    name: string,
    viewport?: PresenceViewport,
  ): Promise<SyncClient>;
}

function clientList(): { list: SyncClient[]; connect: Clients['connect'] } {
  const list: SyncClient[] = [];
  return {
    list,
    connect(test, roomId, secret, doc) {
      const client = connectSync(test.wsBase, roomId, secret, doc);
      list.push(client);
      return client;
    },
  };
}

/** Starts a host before the file's tests and closes it, with every client opened, after them. */
export function useFileHost(options: HostOptions = {}): FileHost {
  let started: TestHost | undefined;
  const clients = clientList();
  beforeAll(async () => {
    started = await startTestHost(options);
  });
  afterAll(async () => {
    for (const client of clients.list.splice(0)) client.destroy();
    await started?.host.close();
  });
  const current = (): TestHost => {
    if (!started) throw new Error('the file host starts in beforeAll');
    return started;
  };
  const connect = (roomId: string, secret: string, doc?: Y.Doc) =>
    clients.connect(current(), roomId, secret, doc);
  const join = async (roomId: string, secret: string) => {
    const client = connect(roomId, secret);
    await client.synced;
    return client;
  };
  return {
    get host() {
      return current().host;
    },
    get dataDir() {
      return current().dataDir;
    },
    get logs() {
      return current().logs;
    },
    get wsBase() {
      return current().wsBase;
    },
    api: (path, init) => current().api(path, init),
    connect,
    join,
    async joinAs(roomId, secret, name, viewport = null) {
      const client = await join(roomId, secret);
      client.provider.awareness!.setLocalState({
        user: { id: `id-${name}`, name, color: '#1f77b4' },
        cursor: null,
        selection: [],
        viewport,
      });
      return client;
    },
  };
}

/** Hosts and clients that each test starts for itself (restarts, limits). */
export interface TestHosts extends Clients {
  /** Starts a host, closed after the test (`{ dataDir }` reopens another host's data). */
  start(options?: HostOptions): Promise<TestHost>;
  /** Destroys the clients of `test` and closes it now (a restart within the test). */
  stop(test: TestHost): Promise<void>;
}

/** Every host and client a test starts is closed after that test. */
export function useHostsPerTest(): TestHosts {
  const hosts: TestHost[] = [];
  const clients = new Map<SyncClient, TestHost>();
  const stop = async (test: TestHost) => {
    for (const [client, of] of clients) {
      if (of !== test) continue;
      client.destroy();
      clients.delete(client);
    }
    hosts.splice(hosts.indexOf(test), 1);
    await test.host.close();
  };
  afterEach(async () => {
    await Promise.all([...hosts].map(stop));
  });
  return {
    connect(test, roomId, secret, doc) {
      const client = connectSync(test.wsBase, roomId, secret, doc);
      clients.set(client, test);
      return client;
    },
    async start(options = {}) {
      const test = await startTestHost(options);
      hosts.push(test);
      return test;
    },
    stop,
  };
}
