import * as Y from 'yjs';
import { addElements, connect } from '../../shared/domain/index';

/**
 * The map the load benchmarks open: `size` elements of every kind (labels of ordinary length,
 * a third with a description, a fifth with tags, actors with a type) and 2 causal connections
 * per element, written through shared/domain as the canvas writes them.
 */
export function buildMap(size: number): Y.Doc {
  const doc = new Y.Doc();
  let t = 1_700_000_000_000;
  const ctx = { doc, origin: 'bench', userId: 'bench-user', now: () => ++t };
  const kinds = ['factor', 'actor', 'intervention', 'note'] as const;
  const ids = addElements(
    ctx,
    Array.from({ length: size }, (_, i) => ({
      kind: kinds[i % 4]!,
      label: `Element ${i}: a label of ordinary length`,
      description:
        i % 3 === 0 ? 'A sentence or two of description, as people write in a workshop.' : '',
      tags: i % 5 === 0 ? ['housing', 'schools'] : [],
      position: [(i % 100) * 140, Math.floor(i / 100) * 90] as const,
      ...(i % 4 === 1 ? { actorType: 'organization' as const } : {}),
    })),
  );
  doc.transact(() => {
    for (let i = 0; i < size * 2; i++) {
      const from = ids[i % size]!;
      const to = ids[((i % size) + 1 + ((i * 7919) % (size - 1))) % size]!;
      connect(ctx, { from, to, kind: 'causal', polarity: i % 3 ? '+' : '-' });
    }
  }, 'bench');
  return doc;
}
