import { seededRandom } from '../analysis/rng';
import * as Y from 'yjs';
import type { EditContext } from '../domain/context';
import { transact } from '../domain/context';
import { writeNewConnection } from '../domain/connections';
import { writeNewElement } from '../domain/elements';
import { addElement, connect, addSource, initMap, linkSource, setLoopNote } from '../domain/index';
import { ELEMENT_KINDS } from '../schema/types';

/**
 * Maps for tests and the bench: one small map that uses every field a format may keep or lose,
 * and large seeded random maps.
 */

function ctxFor(userId: string): EditContext {
  let t = 1_700_000_000_000;
  return { doc: new Y.Doc(), origin: { user: userId }, userId, now: () => ++t };
}

/** A map with every kind, an actor type, tags, positions, both polarities, delay, every direction, strength, weights, custom fields, a source and a named loop. */
export function richMap(): EditContext {
  const ctx = ctxFor('ana');
  initMap(ctx, 'School readiness');
  const frame = addElement(ctx, {
    id: 'frameHome',
    kind: 'group',
    label: 'Home',
    position: [0, 0],
  });
  const a = addElement(ctx, {
    id: 'elReadiness',
    kind: 'factor',
    label: 'Kindergarten readiness',
    description: 'Share of children ready at entry.\nMeasured each autumn.',
    tags: ['outcome', 'education'],
    position: [120.5, -40.25],
    leverageLevel: 6,
    color: '#1f77b4',
    extra: { customScore: 4, 'Owner team': 'Data', verified: true },
  });
  const b = addElement(ctx, {
    id: 'elParents',
    kind: 'actor',
    actorType: 'group',
    label: 'Parent council',
    description: 'Meets monthly',
    tags: ['families'],
    position: [-300, 80],
    parent: frame,
    pinned: true,
  });
  const c = addElement(ctx, {
    id: 'elReading',
    kind: 'factor',
    label: '=Reading at home',
    description: '+2 hours a week, -1 screen',
    tags: ['@home'],
    position: [400, 200],
  });
  const d = addElement(ctx, {
    id: 'elProgram',
    kind: 'intervention',
    label: 'Book bags',
    position: [10, 500],
  });
  addElement(ctx, { id: 'elNote', kind: 'note', label: 'Ask the library', position: [-50, -400] });
  const c1 = connect(ctx, {
    id: 'cnRead',
    from: c,
    to: a,
    kind: 'causal',
    polarity: '+',
    strength: 0.75,
    label: 'builds vocabulary',
    tags: ['evidence'],
  });
  const c2 = connect(ctx, {
    id: 'cnBack',
    from: a,
    to: c,
    kind: 'causal',
    polarity: '-',
    delay: true,
    weight: 2.5,
    description: 'Ready children read less at home?',
  });
  connect(ctx, {
    id: 'cnTalk',
    from: b,
    to: d,
    kind: 'relationship',
    direction: 'mutual',
    label: 'co-designs',
    weight: 0.5,
    extra: { since: 2021 },
  });
  connect(ctx, { id: 'cnKnows', from: b, to: c, kind: 'relationship', direction: 'undirected' });
  connect(ctx, { id: 'cnBags', from: d, to: c, kind: 'causal', polarity: '+' });
  const s = addSource(ctx, {
    id: 'srcReport',
    url: 'https://example.org/report',
    title: 'Readiness report',
    authors: ['Read, Tory'],
    clippedAt: 5,
    quotes: [
      {
        id: 'q1',
        exact: 'parents fixed schools',
        prefix: 'how ',
        suffix: '.',
        note: '',
        clippedBy: 'ana',
        clippedAt: 5,
      },
    ],
  });
  linkSource(ctx, s, [a, c1]);
  setLoopNote(ctx, [c1, c2].sort().join(' '), {
    name: 'Reading spiral',
    note: 'Named in session 2',
    members: [c, a],
  });
  return ctx;
}

/** A deterministic pseudo-random source: the one seeded generator (shared/analysis/rng). */
export const seeded = seededRandom;

/** A seeded random map of `elements` elements and `connections` connections, in one transaction. */
export function generatedMap(elements: number, connections: number, seed = 1): EditContext {
  const ctx = ctxFor('bench');
  const rnd = seeded(seed);
  initMap(ctx, `Generated ${elements}x${connections}`);
  const ids: string[] = [];
  transact(ctx, () => {
    for (let i = 0; i < elements; i++) {
      const kind = ELEMENT_KINDS[Math.floor(rnd() * 4)]!;
      ids.push(
        writeNewElement(ctx, {
          id: `e${i}`,
          kind,
          label: `Element ${i}`,
          description: rnd() < 0.3 ? `Description of element ${i}, with a comma and "quotes".` : '',
          tags: rnd() < 0.5 ? ['t' + Math.floor(rnd() * 20)] : [],
          position: [Math.round(rnd() * 20000 - 10000), Math.round(rnd() * 20000 - 10000)],
          ...(kind === 'actor' ? { actorType: 'person' as const } : {}),
          extra: { score: Math.floor(rnd() * 100) },
        }),
      );
    }
    for (let i = 0; i < connections; i++) {
      const from = ids[Math.floor(rnd() * ids.length)]!;
      let to = ids[Math.floor(rnd() * ids.length)]!;
      if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length]!;
      const causal = rnd() < 0.7;
      writeNewConnection(ctx, {
        id: `c${i}`,
        from,
        to,
        kind: causal ? 'causal' : 'relationship',
        ...(causal ? { polarity: rnd() < 0.5 ? ('+' as const) : ('-' as const) } : {}),
        strength: Math.round(rnd() * 100) / 100,
      });
    }
  });
  return ctx;
}
