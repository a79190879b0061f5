import { seededRandom } from '../../../shared/analysis/rng';
import type {
  ActorType,
  ConnectionRecord,
  Direction,
  ElementKind,
  ElementRecord,
  MapSnapshot,
} from '../../../shared/schema/types';

/**
 * A seeded random map for benchmarks and tests: `n` elements on a jittered grid (a mix of every
 * kind, a few group frames), each with two connections to near neighbours, the way real maps
 * connect nearby things. The same seed gives the same map everywhere.
 */

/** The seeded generator every seeded map and sample shares (mulberry32). */
export const mulberry32 = seededRandom;

const WORDS = [
  'trust',
  'funding',
  'housing',
  'water quality',
  'youth',
  'participation',
  'local food',
  'transport',
  'stress',
  'capacity',
  'policy',
  'awareness',
  'land use',
  'jobs',
  'health',
  'networks',
  'conflict',
  'learning',
  'rainfall',
  'prices',
  'volunteers',
  'data sharing',
  'coordination',
  'soil',
];

/** Grid spacing of the generated layout, map units. */
export const RANDOM_MAP_SPACING = 200;

export function randomMap(n: number, seed = 1): MapSnapshot {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
  const elements = new Map<string, ElementRecord>();
  const ids: string[] = [];
  const base = {
    description: '',
    tags: [] as string[],
    createdBy: 'bench',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
  };
  const groups = Math.floor(n / 400);
  const nodes = n - groups;
  for (let i = 0; i < nodes; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const r = rnd();
    const kind: ElementKind =
      r < 0.55 ? 'factor' : r < 0.8 ? 'actor' : r < 0.9 ? 'intervention' : 'note';
    const words = 1 + Math.floor(rnd() * (kind === 'note' ? 8 : 3));
    const label = Array.from({ length: words }, () => pick(WORDS)).join(' ');
    const id = `e${i}`;
    ids.push(id);
    const actorType: ActorType | undefined =
      kind === 'actor'
        ? pick(['person', 'organization', 'group', 'community'] as const)
        : undefined;
    elements.set(id, {
      ...base,
      id,
      kind,
      label,
      position: [
        col * RANDOM_MAP_SPACING + (rnd() - 0.5) * 60,
        row * RANDOM_MAP_SPACING + (rnd() - 0.5) * 60,
      ],
      ...(actorType ? { actorType } : {}),
      ...(rnd() < 0.08 ? { color: pick(['#ffd8a8', '#d3f9d8', '#e5dbff', '#ffc9c9']) } : {}),
    });
  }
  // Group frames around 3x3 blocks of the grid.
  for (let gi = 0; gi < groups; gi++) {
    const id = `g${gi}`;
    const c0 = Math.floor(rnd() * Math.max(1, cols - 3));
    const r0 = Math.floor(rnd() * Math.max(1, Math.ceil(nodes / cols) - 3));
    elements.set(id, {
      ...base,
      id,
      kind: 'group',
      label: `${pick(WORDS)} cluster`,
      position: [(c0 + 1) * RANDOM_MAP_SPACING, (r0 + 1) * RANDOM_MAP_SPACING],
    });
    for (let dc = 0; dc < 3; dc++) {
      for (let dr = 0; dr < 3; dr++) {
        const idx = (r0 + dr) * cols + c0 + dc;
        const child = ids[idx];
        const rec = child ? elements.get(child) : undefined;
        if (rec && !rec.parent) elements.set(child!, { ...rec, parent: id });
      }
    }
  }
  const connections = new Map<string, ConnectionRecord>();
  let ci = 0;
  for (let i = 0; i < nodes; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    for (let j = 0; j < 2; j++) {
      const tc = Math.min(cols - 1, Math.max(0, col + Math.floor(rnd() * 5) - 2));
      const tr = Math.max(0, row + Math.floor(rnd() * 5) - 2);
      let t = tr * cols + tc;
      if (t >= nodes || t === i) t = (i + 1) % nodes;
      if (t === i) continue;
      const causal = rnd() < 0.65;
      const d = rnd();
      const direction: Direction = causal
        ? d < 0.85
          ? 'directed'
          : d < 0.95
            ? 'mutual'
            : 'undirected'
        : d < 0.5
          ? 'undirected'
          : d < 0.75
            ? 'mutual'
            : 'directed';
      const id = `c${ci++}`;
      connections.set(id, {
        id,
        from: ids[i]!,
        to: ids[t]!,
        kind: causal ? 'causal' : 'relationship',
        ...(causal ? { polarity: rnd() < 0.5 ? ('+' as const) : ('-' as const) } : {}),
        ...(causal && rnd() < 0.15 ? { delay: true } : {}),
        direction,
        label: '',
        description: '',
        tags: [],
        createdBy: 'bench',
        createdAt: 0,
        updatedAt: 0,
        extra: {},
      });
    }
  }
  return {
    meta: {
      schemaVersion: 1,
      title: `Random map (${n})`,
      createdAt: 0,
      createdBy: 'bench',
      extra: {},
    },
    elements,
    connections,
    sources: new Map(),
    loops: new Map(),
  };
}
