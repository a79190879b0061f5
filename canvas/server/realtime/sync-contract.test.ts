import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect, removeElements } from '../../../shared/domain/index';
import { connectionsRoot, elementsMap, elementsRoot, metaMap } from '../../../shared/schema/doc';
import { SCHEMA_VERSION } from '../../../shared/schema/version';
import { readSnapshot } from '../../../shared/schema/snapshot';
import {
  addReflectionCard,
  initReflectionBoard,
  isMapLocked,
  joinSession,
  openVote,
  placeDot,
  sessionMap,
  setMapLocked,
  startTimer,
} from '../../../shared/session/index';
import { sessionContext } from '../../../shared/session/test-helpers';
import { useFileHost } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';
import { connectRoom } from '../../../shared/sync/connection';
import WebSocket from 'ws';

const test = useFileHost();

const join = test.join;

const ctx = (client: SyncClient, userId: string, facilitator = false) =>
  sessionContext(userId, { doc: client.doc, facilitator });

/** Everything the host stores for a room, as JSON (every root type). */
const stored = (roomId: string): Promise<string> =>
  test.host.withRoomDoc(roomId, (doc) => {
    const out: Record<string, unknown> = {};
    for (const name of [...doc.share.keys()].sort()) out[name] = doc.getMap(name).toJSON();
    return JSON.stringify(out);
  });

const settled = (client: SyncClient) =>
  waitFor(() => !client.provider.hasUnsyncedChanges, 'the host to acknowledge every update');

/** A room with a facilitator who has laid out two connected elements, an agenda and a vote. */
async function preparedRoom() {
  const room = await createRoom(test, 'Contract');
  const fac = await join(room.roomId, room.facilitatorSecret);
  const f = ctx(fac, 'fac', true);
  const a = addElement(f, { kind: 'factor', label: 'Soil', position: [0, 0] });
  const b = addElement(f, { kind: 'factor', label: 'Yield', position: [100, 0] });
  const link = connect(f, { from: a, to: b, kind: 'causal', polarity: '+' });
  initReflectionBoard(f);
  const vote = openVote(f, { elementIds: [a, b], dotsPerPerson: 2 });
  await settled(fac);
  return { room, fac, a, b, link, vote };
}

/** Runs `attack` on a fresh edit-link client; asserts the host refused it and stored nothing. */
async function expectRefused(
  roomId: string,
  secret: string,
  attack: (doc: Y.Doc) => void,
): Promise<string> {
  const before = await stored(roomId);
  const attacker = await join(roomId, secret);
  attacker.doc.transact(() => attack(attacker.doc));
  await waitFor(() => attacker.refusals().length > 0, 'the host to tell the sender');
  expect(attacker.refusedUpdates()).toBeGreaterThan(0);
  expect(await stored(roomId)).toBe(before);
  return attacker.refusals()[0]!;
}

describe('the host enforces the document contract on /sync', () => {
  it('refuses an edit link that locks the map, bumps schemaVersion, runs the timer or opens a vote', async () => {
    const { room, a } = await preparedRoom();
    const edit = room.editSecret;
    expect(
      await expectRefused(room.roomId, edit, (d) => sessionMap(d).set('locked', true)),
    ).toMatch(/Only a facilitator can lock the map/);
    expect(
      await expectRefused(room.roomId, edit, (d) => metaMap(d).set('schemaVersion', 999)),
    ).toMatch(/schemaVersion/);
    expect(
      await expectRefused(room.roomId, edit, (d) =>
        sessionMap(d).set('timer', { state: 'running', durationMs: 1, by: 'x', at: 0 }),
      ),
    ).toMatch(/timer/);
    expect(
      await expectRefused(room.roomId, edit, (d) => {
        const v = new Y.Map<unknown>();
        v.set('elementIds', [a]);
        d.getMap('votes').set('fake', v);
      }),
    ).toMatch(/vote/);
  });

  it('refuses out-of-range coordinates, wrong field types and dangling connections from anyone', async () => {
    const { room, a, b } = await preparedRoom();
    for (const secret of [room.editSecret, room.facilitatorSecret]) {
      expect(
        await expectRefused(room.roomId, secret, (d) =>
          (elementsMap(d).get(a) as Y.Map<unknown>).set('position', [1e20, -1e20]),
        ),
      ).toMatch(/position/);
      expect(
        await expectRefused(room.roomId, secret, (d) =>
          (elementsMap(d).get(b) as Y.Map<unknown>).set('label', 42),
        ),
      ).toMatch(/label must be text/);
      expect(
        await expectRefused(room.roomId, secret, (d) => {
          const c = new Y.Map<unknown>();
          c.set('kind', 'causal');
          c.set('_e', [a, 'nowhere', 'x', 0]);
          connectionsRoot(d).set('dangling', c);
        }),
      ).toMatch(/missing element/);
      // Deleting an element but not its connection.
      expect(await expectRefused(room.roomId, secret, (d) => elementsMap(d).delete(a))).toMatch(
        /linking to nothing/,
      );
    }
  });

  it('keeps the legitimate flows: facilitator lock, participant edits, dots, cards, migration', async () => {
    const { room, fac, a, b, vote } = await preparedRoom();
    const ana = await join(room.roomId, room.editSecret);
    const anaCtx = ctx(ana, 'ana');
    joinSession(anaCtx, 'Ana');
    const c = addElement(anaCtx, { kind: 'actor', label: 'Co-op', position: [50, 80] });
    connect(anaCtx, { from: c, to: b, kind: 'relationship' });
    placeDot(anaCtx, vote, a);
    addReflectionCard(anaCtx, { promptId: 'learned', text: 'Soil matters' });
    removeElements(anaCtx, [c]);
    await settled(ana);
    expect(ana.refusals()).toEqual([]);

    setMapLocked(ctx(fac, 'fac', true), true);
    startTimer(ctx(fac, 'fac', true), 60_000, Date.now());
    await settled(fac);
    expect(fac.refusals()).toEqual([]);
    expect(await test.host.withRoomDoc(room.roomId, (doc) => isMapLocked(doc))).toBe(true);

    const hostSnapshot = await test.host.withRoomDoc(room.roomId, (doc) => readSnapshot(doc));
    expect([...hostSnapshot.elements.values()].map((e) => e.label).sort()).toEqual([
      'Soil',
      'Yield',
    ]);
  });

  it('lets an editor migrate an old map to the current schema, once', async () => {
    const room = await createRoom(test, 'Old');
    const old = await join(room.roomId, room.editSecret);
    old.doc.transact(() => {
      const el = new Y.Map<unknown>();
      el.set('kind', 'factor');
      el.set('x', 10);
      el.set('y', 20);
      elementsRoot(old.doc).set('e1', el);
    });
    await settled(old);
    const { migrate } = await import('../../../shared/schema/migrations');
    // v0 -> v1 (positions as pairs), v1 -> v2 (records stored flat).
    expect(migrate(old.doc)).toHaveLength(2);
    expect(typeof elementsRoot(old.doc).get('e1')).toBe('string');
    await settled(old);
    expect(old.refusals()).toEqual([]);
    expect(
      await test.host.withRoomDoc(room.roomId, (doc) => metaMap(doc).get('schemaVersion')),
    ).toBe(SCHEMA_VERSION);
    expect(
      await expectRefused(room.roomId, room.facilitatorSecret, (d) =>
        metaMap(d).set('schemaVersion', 0),
      ),
    ).toMatch(/schemaVersion/);
  });

  it("tells the app's own connection why, so that it can reload the map", async () => {
    const { room } = await preparedRoom();
    const reasons: string[] = [];
    const doc = new Y.Doc();
    const connection = connectRoom({
      doc,
      origin: test.host.url,
      roomId: room.roomId,
      secret: room.editSecret,
      role: 'edit',
      mesh: false,
      WebSocket,
      onRefused: (reason) => reasons.push(reason),
    });
    try {
      await connection.whenSynced();
      sessionMap(doc).set('private', true);
      await waitFor(() => reasons.length > 0, 'the refusal to reach the client');
      expect(reasons[0]).toMatch(/Only a facilitator can turn private mode on or off/);
    } finally {
      connection.destroy();
    }
  });
});
