import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement } from '../../shared/domain/elements';
import { elementsMap } from '../../shared/schema/doc';
import {
  allAcknowledged,
  type ChildHost,
  type ClusterClient,
  connectCluster,
  createRoom,
  startChildHost,
} from './testing/child-host';
import { missingServices, startClusterServices } from './testing/services';
import { connectSync, type SyncClient } from './testing/sync-client';

/**
 * Several hosts, one map, with real servers: redis-server and PostgreSQL started on free ports
 * in temp dirs (canvas/server/testing/services.ts), hosts in child processes so that one can be
 * killed -9. Needs Debian's redis-server and postgresql packages: without them this file fails
 * and says what to install.
 */
const missing = missingServices();
if (missing) throw new Error(missing);

let services: Awaited<ReturnType<typeof startClusterServices>>;
const hosts: ChildHost[] = [];
const clients: (SyncClient | ClusterClient)[] = [];

beforeAll(async () => {
  services = await startClusterServices();
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(hosts.splice(0).map((h) => h.kill()));
  await services?.stop();
}, 60_000);

async function startHost(): Promise<ChildHost> {
  const host = await startChildHost([
    `--redis=${services.redis.url}`,
    `--database=${services.postgres.url}`,
    '--heartbeat-ms=200',
  ]);
  hosts.push(host);
  return host;
}

const labels = (doc: Y.Doc): Set<unknown> =>
  new Set([...elementsMap(doc).values()].map((e) => e.get('label')));

/** Resolves once `test` holds for `doc` (checked now and after each of its updates). */
function until(doc: Y.Doc, test: () => boolean): Promise<void> {
  return new Promise((done) => {
    if (test()) return done();
    const check = () => {
      if (!test()) return;
      doc.off('update', check);
      done();
    };
    doc.on('update', check);
  });
}

describe('several hosts, one map (Redis + PostgreSQL)', () => {
  it('shares a room, its edits and presence between two hosts', async () => {
    const [a, b] = await Promise.all([startHost(), startHost()]);
    // Created on one host, the room (its secrets are in PostgreSQL) opens on the other.
    const room = await createRoom(a.url);
    const onA = connectSync(a.wsBase, room.roomId, room.editSecret);
    const onB = connectSync(b.wsBase, room.roomId, room.editSecret);
    clients.push(onA, onB);
    await Promise.all([onA.synced, onB.synced]);

    addElement({ doc: onA.doc, origin: 'a', userId: 'u-a' }, { kind: 'factor', label: 'From A' });
    await until(onB.doc, () => labels(onB.doc).has('From A'));
    addElement({ doc: onB.doc, origin: 'b', userId: 'u-b' }, { kind: 'factor', label: 'From B' });
    await until(onA.doc, () => labels(onA.doc).has('From B'));

    const awarenessB = onB.provider.awareness;
    if (!awarenessB) throw new Error('no awareness');
    const seen = new Promise<void>((done) => {
      const check = () => {
        for (const state of awarenessB.getStates().values())
          if ((state as { user?: { name?: string } }).user?.name === 'Ana') {
            awarenessB.off('change', check);
            done();
          }
      };
      awarenessB.on('change', check);
    });
    onA.provider.setAwarenessField('user', { id: 'u-a', name: 'Ana', color: '#3366aa' });
    await seen;

    // A named version kept on host A is listed, and read whole, on host B (both in PostgreSQL).
    const kept = await fetch(`${a.url}/api/rooms/${room.roomId}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${room.editSecret}` },
      body: JSON.stringify({ name: 'Both edits', by: 'Ana' }),
    });
    expect(kept.status).toBe(201);
    const { id } = (await kept.json()) as { id: string };
    const auth = { Authorization: `Bearer ${room.viewSecret}` };
    const listed = await fetch(`${b.url}/api/rooms/${room.roomId}/versions`, { headers: auth });
    const { versions } = (await listed.json()) as { versions: { id: string; name: string }[] };
    expect(versions.map((v) => [v.id, v.name])).toContainEqual([id, 'Both edits']);
    const state = await fetch(`${b.url}/api/rooms/${room.roomId}/versions/${id}`, {
      headers: auth,
    });
    expect(state.status).toBe(200);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, new Uint8Array(await state.arrayBuffer()));
    expect(labels(restored)).toEqual(new Set(['From A', 'From B']));

    // The cluster heartbeat: host A announces Ana's client id in this room, so that host B keeps
    // her entry while she idles (realtime/cluster-heartbeat.ts has the timing, on a fake clock).
    const listener = new Redis(services.redis.url);
    try {
      const announced = new Promise<void>((done) => {
        listener.on('message', (_channel: string, message: string) => {
          const rooms = (JSON.parse(message) as { rooms: Record<string, number[]> }).rooms;
          if (rooms[room.roomId]?.includes(onA.doc.clientID)) done();
        });
      });
      await listener.subscribe('weavemap:presence-heartbeat');
      await announced;
    } finally {
      listener.disconnect();
    }
  }, 120_000);

  it('loses no acknowledged edit when a host is killed -9 mid-run; its client moves on', async () => {
    const EDITS = 600;
    const [a, b] = await Promise.all([startHost(), startHost()]);
    const room = await createRoom(b.url);
    const writer = connectCluster([a.url, b.url], room.roomId, room.editSecret);
    const watcher = connectSync(b.wsBase, room.roomId, room.viewSecret);
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    expect(writer.rotation.current()).toBe(a.url);

    const ctx = { doc: writer.doc, origin: 'writer', userId: 'u-writer' };
    const edit = (i: number) => addElement(ctx, { kind: 'factor', label: `Edit ${i}` });
    for (let i = 0; i < EDITS / 2; i++) edit(i);
    await allAcknowledged(writer.provider);
    // Relayed live to the other host's client through Redis.
    await until(watcher.doc, () => labels(watcher.doc).size === EDITS / 2);

    // More edits on their way while host A dies: those it acknowledged are in PostgreSQL; the
    // rest the client sends again to host B, where it goes next.
    for (let i = EDITS / 2; i < EDITS; i++) edit(i);
    await a.kill();
    expect(await a.exited).toBe('SIGKILL');
    await allAcknowledged(writer.provider);
    expect(writer.rotation.current()).toBe(b.url);
    await until(watcher.doc, () => labels(watcher.doc).size === EDITS);

    // Kill the other host too: a third host, with nothing but PostgreSQL to load from, has it all.
    await b.kill();
    writer.destroy();
    const c = await startHost();
    const reader = connectSync(c.wsBase, room.roomId, room.viewSecret);
    clients.push(reader);
    await reader.synced;
    const stored = labels(reader.doc);
    expect(stored.size).toBe(EDITS);
    for (let i = 0; i < EDITS; i++) expect(stored.has(`Edit ${i}`)).toBe(true);
  }, 180_000);
});
