import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement } from '../../../shared/domain/elements';
import { elementsMap } from '../../../shared/schema/doc';
import { DATABASE_FILE } from '../paths';
import type { CreateRoomResponse } from '../routes/rooms';
import { Database } from '../sqlite-driver';
import { tempDir } from '../testing/host';
import { connectSync, type SyncClient } from '../testing/sync-client';

const HOST_PROCESS = resolve(import.meta.dirname, '../testing/host-process.ts');
const EDITS = 1000;

interface ChildHost {
  child: ChildProcess;
  url: string;
  wsBase: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

const children: ChildProcess[] = [];
const clients: SyncClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startChildHost(dataDir: string): Promise<ChildHost> {
  const child = fork(HOST_PROCESS, [dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.once('exit', (code, signal) => done(signal ?? code)),
  );
  return new Promise((done, fail) => {
    child.once('message', (message: { type: string; url: string }) => {
      const url = message.url.replace(/\/$/, '');
      done({ child, url, wsBase: url.replace(/^http/, 'ws'), exited });
    });
    void exited.then((how) => fail(new Error(`the host process exited (${String(how)})`)));
  });
}

async function createRoom(url: string): Promise<CreateRoomResponse> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateRoomResponse;
}

/** Resolves when the provider has no update the host has not acknowledged. */
function allAcknowledged(client: SyncClient): Promise<void> {
  return new Promise((done) => {
    if (!client.provider.hasUnsyncedChanges) return done();
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      client.provider.off('unsyncedChanges', onChange);
      done();
    };
    client.provider.on('unsyncedChanges', onChange);
  });
}

describe('acknowledged means durable', () => {
  it(`keeps all ${EDITS} acknowledged edits when the host is killed -9 right after`, async () => {
    const dataDir = tempDir('weavemap-durable-');
    const first = await startChildHost(dataDir);
    const room = await createRoom(first.url);
    const writer = connectSync(first.wsBase, room.roomId, room.editSecret);
    clients.push(writer);
    await writer.synced;

    const ctx = { doc: writer.doc, origin: 'writer', userId: 'u-writer' };
    for (let i = 0; i < EDITS; i++) addElement(ctx, { kind: 'factor', label: `Edit ${i}` });
    expect(writer.provider.hasUnsyncedChanges).toBe(true);
    await allAcknowledged(writer);

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    writer.destroy();

    const second = await startChildHost(dataDir);
    const reader = connectSync(second.wsBase, room.roomId, room.viewSecret);
    clients.push(reader);
    await reader.synced;
    const labels = new Set([...elementsMap(reader.doc).values()].map((e) => e.get('label')));
    expect(labels.size).toBe(EDITS);
    for (let i = 0; i < EDITS; i++) expect(labels.has(`Edit ${i}`)).toBe(true);

    // What was replayed from the log is stored once: a clean stop compacts it into the snapshot.
    reader.destroy();
    const closed = new Promise((done) => second.child.once('message', done));
    second.child.send({ type: 'close' });
    await closed;
    expect(await second.exited).toBe(0);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const logged = db
      .prepare('SELECT count(*) AS n FROM document_updates WHERE name = ?')
      .get(room.roomId) as { n: number };
    const snapshot = db.prepare('SELECT data FROM documents WHERE name = ?').get(room.roomId) as {
      data: Uint8Array;
    };
    db.close();
    expect(logged.n).toBe(0);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, snapshot.data);
    expect(elementsMap(stored).size).toBe(EDITS);
  }, 120_000);
});
