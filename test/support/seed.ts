import * as Y from 'yjs';
import { connectSync } from '../../canvas/server/testing/sync-client';
import type { CreateRoomResponse } from '../../canvas/server/routes/rooms';
import type { EditContext } from '../../shared/domain/context';
import { applyNative, parseNative } from '../../shared/interop/index';
import type { NativeFile } from '../../shared/interop/native';

/**
 * Seeds a room on a real host the way another peer would: creates it over HTTP, connects a Node
 * sync client with the edit secret, writes, waits until the host has every update, leaves.
 * `write` may bypass the domain functions (a hostile peer writes raw Yjs).
 */
export async function seedRoom(
  hostUrl: string,
  title: string,
  write: (ctx: EditContext) => void,
): Promise<CreateRoomResponse & { refusedUpdates: number }> {
  const res = await fetch(new URL('/api/rooms', hostUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status}`);
  const room = (await res.json()) as CreateRoomResponse;
  const wsBase = hostUrl.replace(/^http/, 'ws').replace(/\/$/, '');
  const client = connectSync(wsBase, room.roomId, room.editSecret, new Y.Doc());
  let refusedUpdates: number;
  try {
    await client.synced;
    write({ doc: client.doc, origin: 'seed', userId: 'seed' });
    // Done when the host has every update, or as soon as it refuses one (a host that checks
    // the document contract never counts a refused update as synced).
    await new Promise<void>((resolve) => {
      const { provider } = client;
      const check = (): void => {
        const refused = client.refusedUpdates() > 0 || client.refusals().length > 0;
        if (provider.hasUnsyncedChanges && !refused) return;
        provider.off('unsyncedChanges', check);
        provider.off('stateless', check);
        provider.off('message', check);
        resolve();
      };
      provider.on('unsyncedChanges', check);
      provider.on('stateless', check);
      provider.on('message', check);
      check();
    });
    refusedUpdates = client.refusedUpdates() || client.refusals().length;
  } finally {
    client.destroy();
  }
  return { ...room, refusedUpdates };
}

/** Writes a native map file (the example map, say) into a room's document. */
export function writeNative(ctx: EditContext, file: NativeFile): void {
  const parsed = parseNative(file);
  if (!parsed.ok) throw new Error('the map file does not parse');
  applyNative(ctx, parsed.file);
}
