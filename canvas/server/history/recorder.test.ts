import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_PHASES } from '../../../shared/session/agenda';
import { tempDir } from '../testing/host';
import { flipPhase, roomOfSize } from './fixtures';
import { createHistory, type History } from './recorder';
import { VersionStore } from './store';

const opened: { history: History; store: VersionStore }[] = [];
afterEach(() => {
  for (const { history, store } of opened.splice(0)) {
    history.close();
    store.close();
  }
});

const turn = () => new Promise<void>((done) => setImmediate(done));

async function setUp(doc: Y.Doc) {
  const store = new VersionStore(join(tempDir(), 'h.sqlite'));
  let clock = 1_800_000_000_000;
  const errors: string[] = [];
  const history = createHistory({
    store,
    log: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
    autoIntervalMs: 60 * 60_000,
    now: () => clock,
  });
  opened.push({ history, store });
  await history.extension.afterLoadDocument?.({
    documentName: 'room',
    document: doc,
  } as unknown as Parameters<NonNullable<typeof history.extension.afterLoadDocument>>[0]);
  return { store, history, errors, advance: (ms: number) => (clock += ms) };
}

describe('history recorder', () => {
  it('stores a bounded number of versions, in few bytes, for 100 phase flips', async () => {
    const doc = roomOfSize(400_000);
    const full = Y.encodeStateAsUpdate(doc).byteLength;
    const { store, advance, errors } = await setUp(doc);
    const ids = [DEFAULT_PHASES[0]!.id, DEFAULT_PHASES[1]!.id];

    for (let i = 0; i < 100; i++) {
      flipPhase(doc, ids, i);
      advance(100); // 100 flips in 10 s
      await turn();
    }
    await turn();
    const versions = store.list('room');
    // One per phase: the first change to each; the other 98 fell within the minute.
    expect(versions.map((v) => v.name).sort()).toEqual([
      `Phase: ${DEFAULT_PHASES[0]!.title}`,
      `Phase: ${DEFAULT_PHASES[1]!.title}`,
    ]);
    const stored = store.diskUse('room').versions;
    // One full copy and one delta, where a full copy per flip would be 100 × full.
    expect(stored).toBeLessThan(full * 1.02);
    expect(versions.find((v) => v.stored === 'delta')!.bytes).toBeLessThan(2_000);

    // A minute later the same phase gets a version again: a delta.
    advance(60_000);
    flipPhase(doc, ids, 100);
    await turn();
    const latest = store.list('room')[0]!;
    expect(latest.stored).toBe('delta');
    expect(store.list('room')).toHaveLength(3);
    const read = new Y.Doc();
    Y.applyUpdate(read, store.get('room', latest.id)!.state);
    expect(Y.equalSnapshots(Y.snapshot(read), Y.snapshot(doc))).toBe(true);
    expect(errors).toEqual([]);
  });
});
