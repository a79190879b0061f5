import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChainMerger, MergeBusyError } from './merger';

const mergers: ChainMerger[] = [];
afterEach(async () => {
  for (const m of mergers.splice(0)) await m.close();
});

/** A checkpoint and one delta after it. */
function chain(label: string): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('m').set('label', label);
  const full = Y.encodeStateAsUpdate(doc);
  const sv = Y.encodeStateVector(doc);
  doc.getMap('m').set('more', `${label} again`);
  return [full, Y.encodeStateAsUpdate(doc, sv)];
}

describe('chain merger', () => {
  it('merges in a worker thread, shares one merge between concurrent reads, and bounds them', async () => {
    const merger = new ChainMerger(1024 * 1024, 1);
    mergers.push(merger);
    const first = merger.merge('a', chain('a'));
    expect(merger.merge('a', chain('a'))).toBe(first);
    await expect(merger.merge('b', chain('b'))).rejects.toBeInstanceOf(MergeBusyError);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await first);
    expect(doc.getMap('m').toJSON()).toEqual({ label: 'a', more: 'a again' });
    // Done: the next version may be merged, and `a` now comes from the cache.
    expect(await merger.merge('a', [])).toBe(await first);
    const b = new Y.Doc();
    Y.applyUpdate(b, await merger.merge('b', chain('b')));
    expect(b.getMap('m').get('label')).toBe('b');
  });
});
