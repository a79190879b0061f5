import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { useFileHost } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';

/** Hocuspocus message type of an awareness update. */
const AWARENESS = 1;
const BUDGET = 2;

const test = useFileHost({
  presenceRelay: { intervalMs: 40, motionBudget: BUDGET, keepAliveMs: 300 },
});

/** Every awareness message a client receives, as the client ids and states it carries. */
function tap(client: SyncClient): Map<number, unknown>[] {
  const messages: Map<number, unknown>[] = [];
  client.provider.on('message', ({ event }: { event: MessageEvent }) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== AWARENESS) return;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const entries = new Map<number, unknown>();
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(update);
      decoding.readVarUint(update);
      entries.set(id, JSON.parse(decoding.readVarString(update)) as unknown);
    }
    messages.push(entries);
  });
  return messages;
}

const join = test.joinAs;

const cursorOf = (watcher: SyncClient, of: SyncClient): unknown =>
  (
    watcher.provider.awareness!.getStates().get(of.provider.awareness!.clientID) as
      { cursor?: unknown } | undefined
  )?.cursor;

const namesOf = (client: SyncClient): string[] =>
  [...client.provider.awareness!.getStates().values()]
    .map((s) => (s as { user?: { name?: string } }).user?.name ?? '')
    .sort();

describe('presence relay: one combined update per interval, motion within a budget', () => {
  it('sends a watcher at most the budget (+1 in turn) of motion per message, and the last cursor of everyone in view', async () => {
    const room = await createRoom(test);
    // The watcher looks at x, y in [-500, 500] at zoom 1 on a 1000 × 1000 view.
    const watcher = await join(room.roomId, room.editSecret, 'watcher', {
      x: 0,
      y: 0,
      k: 1,
      w: 1000,
      h: 1000,
    });
    const movers: SyncClient[] = [];
    for (let i = 0; i < 6; i++) movers.push(await join(room.roomId, room.editSecret, `m${i}`));
    await waitFor(() => namesOf(watcher).length === 7, 'everyone joined');
    const messages = tap(watcher);
    // Three movers inside the watcher's view, three far outside it: 20 moves each, all sent at
    // once (the host gets them within an interval or two).
    for (let step = 1; step <= 20; step++)
      movers.forEach((m, i) =>
        m.provider.awareness!.setLocalStateField('cursor', {
          x: i < 3 ? step : 50_000 + step,
          y: i,
        }),
      );
    // Everyone in view ends where they stopped, on the watcher's screen.
    await waitFor(
      () =>
        movers
          .slice(0, 3)
          .every(
            (m, i) => JSON.stringify(cursorOf(watcher, m)) === JSON.stringify({ x: 20, y: i }),
          ),
      'the last cursor of everyone in view',
    );
    // ... and the others too, in turn (the relay sends one of the rest each interval).
    await waitFor(
      () =>
        movers
          .slice(3)
          .every(
            (m, i) =>
              JSON.stringify(cursorOf(watcher, m)) === JSON.stringify({ x: 50_020, y: i + 3 }),
          ),
      'the last cursor of everyone out of view, eventually',
    );
    const carrying = messages.filter((m) => m.size > 0);
    expect(carrying.length).toBeGreaterThan(0);
    for (const m of carrying) expect(m.size).toBeLessThanOrEqual(BUDGET + 1);
    // 120 cursor moves were sent; the watcher got only the latest of each, a few at a time.
    const received = carrying.reduce((a, m) => a + m.size, 0);
    expect(received).toBeLessThan(120);
    // Never its own state back.
    const own = watcher.provider.awareness!.clientID;
    expect(messages.some((m) => m.has(own))).toBe(false);
  });

  it('always sends joins, renames and leaves, beyond the motion budget', async () => {
    const room = await createRoom(test);
    const watcher = await join(room.roomId, room.editSecret, 'watcher', { x: 0, y: 0, k: 1 });
    const others: SyncClient[] = [];
    for (let i = 0; i < 5; i++) others.push(await join(room.roomId, room.editSecret, `p${i}`));
    await waitFor(() => namesOf(watcher).length === 6, 'five joins seen');
    for (const [i, o] of others.entries())
      o.provider.awareness!.setLocalStateField('user', {
        id: `id-p${i}`,
        name: `renamed ${i}`,
        color: '#1f77b4',
      });
    await waitFor(
      () => namesOf(watcher).filter((n) => n.startsWith('renamed')).length === 5,
      'five renames seen',
    );
    others[0]!.destroy();
    await waitFor(() => namesOf(watcher).length === 5, 'a leave seen');
  });

  it('sends a quiet connection an empty update now and then (the provider reconnects after 30 s of silence); the idle person stays listed', async () => {
    const room = await createRoom(test);
    const watcher = await join(room.roomId, room.editSecret, 'watcher');
    const idle = await join(room.roomId, room.editSecret, 'idle');
    await waitFor(() => namesOf(watcher).length === 2, 'both present');
    const messages = tap(watcher);
    await waitFor(() => messages.some((m) => m.size === 0), 'an empty keep-alive update');
    expect(namesOf(watcher)).toEqual(['idle', 'watcher']);
    expect(idle.provider.awareness!.getStates().size).toBe(2);
  });

  it('clears the cursor of a view link: view links send no cursor', async () => {
    const room = await createRoom(test);
    const watcher = await join(room.roomId, room.editSecret, 'watcher', { x: 0, y: 0, k: 1 });
    const viewer = await join(room.roomId, room.viewSecret, 'viewer', { x: 0, y: 0, k: 1 });
    viewer.provider.awareness!.setLocalStateField('cursor', { x: 5, y: 5 });
    viewer.provider.awareness!.setLocalStateField('selection', ['marker']);
    await waitFor(
      () =>
        JSON.stringify(
          (
            watcher.provider.awareness!.getStates().get(viewer.provider.awareness!.clientID) as {
              selection?: unknown;
            }
          )?.selection,
        ) === '["marker"]',
      "the viewer's later state",
    );
    expect(cursorOf(watcher, viewer)).toBeNull();
  });
});
