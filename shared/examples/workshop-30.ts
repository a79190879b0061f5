import type { NativeFile } from '../interop/native';

/**
 * A 30-element workshop map, as a room of people leaves one after an hour: 20 factors, 6 actors,
 * 3 interventions and a note, labels of ordinary workshop length (up to about 40 characters),
 * spread loosely over the board (about 2,300 x 1,200 units, where a tidy layout or hands put
 * them), with signed causal links forming loops. The legibility tests fit and present it
 * (issue #14: "a 30-element workshop map in present mode").
 */

const FACTORS = [
  'Rents',
  'Household savings',
  'Evictions',
  'Homelessness',
  'Health problems',
  'Employment stability',
  'Eviction protection',
  'Social housing supply',
  'Landlord confidence',
  'Demand for emergency shelter',
  'Public spending on shelters',
  'Budget for prevention services',
  'Overcrowding',
  'School attendance of children',
  'Stress and anxiety in families',
  'Local wages',
  'Speculative buying of homes',
  'Vacant homes',
  'Trust in the council',
  'Neighbourhood cohesion',
];
const ACTORS = [
  'Tenants union',
  'City housing department',
  'Private landlords association',
  'Food bank volunteers',
  'Local employers',
  'Health clinic staff',
];
const INTERVENTIONS = [
  'Rent deposit guarantee scheme',
  'Vacancy tax on empty homes',
  'Early warning for arrears',
];
const NOTE = 'Check the eviction figures with the court records';

/** Causal links between factors [from, to, polarity]. */
const LINKS: [number, number, '+' | '-'][] = [
  [0, 1, '-'],
  [1, 2, '-'],
  [2, 3, '+'],
  [3, 4, '+'],
  [4, 5, '-'],
  [5, 1, '+'],
  [6, 2, '-'],
  [7, 0, '-'],
  [8, 7, '+'],
  [3, 9, '+'],
  [9, 10, '+'],
  [10, 11, '-'],
  [11, 2, '-'],
  [3, 12, '+'],
  [12, 13, '-'],
  [12, 14, '+'],
  [14, 4, '+'],
  [15, 1, '+'],
  [16, 0, '+'],
  [16, 17, '+'],
  [17, 7, '-'],
  [18, 19, '+'],
  [19, 14, '-'],
  [3, 18, '-'],
  [5, 15, '+'],
];

/** A small deterministic jitter (a linear congruential generator). */
function jitter(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

export function workshopMap30(): NativeFile {
  const at = 1_733_130_000_000;
  const rand = jitter(30);
  const base = { description: '', tags: [], createdBy: 'workshop', createdAt: at, updatedAt: at };
  const labels: [kind: 'factor' | 'actor' | 'intervention' | 'note', label: string][] = [
    ...FACTORS.map((l) => ['factor', l] as ['factor', string]),
    ...ACTORS.map((l) => ['actor', l] as ['actor', string]),
    ...INTERVENTIONS.map((l) => ['intervention', l] as ['intervention', string]),
    ['note', NOTE],
  ];
  // Six columns by five rows, each element pushed off its cell as people drop and drag them.
  const elements = labels.map(([kind, label], i) => ({
    ...base,
    id: `ws${String(i).padStart(2, '0')}`,
    kind,
    label,
    position: [
      Math.round((i % 6) * 380 + rand() * 120),
      Math.round(Math.floor(i / 6) * 250 + rand() * 80),
    ],
  }));
  const connections = LINKS.map(([a, b, polarity], i) => ({
    ...base,
    id: `wc${String(i).padStart(2, '0')}`,
    from: `ws${String(a).padStart(2, '0')}`,
    to: `ws${String(b).padStart(2, '0')}`,
    kind: 'causal',
    direction: 'directed',
    label: '',
    polarity,
  }));
  // Each actor can move a factor.
  ACTORS.forEach((_, i) => {
    connections.push({
      ...base,
      id: `wa${i}`,
      from: `ws${String(20 + i).padStart(2, '0')}`,
      to: `ws${String([6, 7, 8, 9, 15, 4][i]!).padStart(2, '0')}`,
      kind: 'causal',
      direction: 'directed',
      label: '',
      polarity: '+',
    });
  });
  return {
    format: 'weavemap',
    version: 1,
    exportedAt: new Date(at).toISOString(),
    meta: {
      schemaVersion: 1,
      title: 'Housing security workshop',
      createdAt: at,
      createdBy: 'workshop',
    },
    elements,
    connections,
    sources: [],
    loops: [],
  } as unknown as NativeFile;
}
