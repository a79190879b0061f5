import type {
  ConnectionRecord,
  Direction,
  ElementKind,
  ElementRecord,
  Polarity,
} from '../schema/types';
import { seededRandom } from './rng';

/**
 * Builders for map records, and seeded random maps for tests and benchmarks. The records are
 * complete schema v1 records, so what is measured here is what a real map holds.
 */

export function element(
  id: string,
  kind: ElementKind,
  label = id,
  extra: Partial<ElementRecord> = {},
): ElementRecord {
  return {
    id,
    kind,
    label,
    description: '',
    tags: [],
    position: [0, 0],
    createdBy: 'analysis',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
    ...(kind === 'actor' ? { actorType: 'person' as const } : {}),
    ...extra,
  };
}

export function causal(
  id: string,
  from: string,
  to: string,
  polarity: Polarity | null = '+',
  extra: Partial<ConnectionRecord> = {},
): ConnectionRecord {
  return {
    id,
    from,
    to,
    kind: 'causal',
    ...(polarity ? { polarity } : {}),
    direction: 'directed',
    label: '',
    description: '',
    tags: [],
    createdBy: 'analysis',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
    ...extra,
  };
}

export function relationship(
  id: string,
  from: string,
  to: string,
  direction: Direction = 'undirected',
  extra: Partial<ConnectionRecord> = {},
): ConnectionRecord {
  return {
    id,
    from,
    to,
    kind: 'relationship',
    direction,
    label: '',
    description: '',
    tags: [],
    createdBy: 'analysis',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
    ...extra,
  };
}

export interface RecordLists {
  elements: ElementRecord[];
  connections: ConnectionRecord[];
}

/** A random causal map: `factors` factors and `links` distinct directed links, random signs. */
export function randomCausalMap(factors: number, links: number, seed: number): RecordLists {
  const random = seededRandom(seed);
  const elements = Array.from({ length: factors }, (_, i) =>
    element(`f${i}`, 'factor', `Factor ${i}`),
  );
  const connections: ConnectionRecord[] = [];
  const used = new Set<string>();
  const max = factors * (factors - 1);
  while (connections.length < Math.min(links, max)) {
    const a = Math.floor(random() * factors);
    const b = Math.floor(random() * factors);
    if (a === b || used.has(`${a},${b}`)) continue;
    used.add(`${a},${b}`);
    connections.push(
      causal(`c${connections.length}`, `f${a}`, `f${b}`, random() < 0.4 ? '-' : '+'),
    );
  }
  return { elements, connections };
}

/**
 * A random actor network: `actors` people, each adding `ties` relationships to earlier actors,
 * mostly within one of `groups` neighbourhoods (so there are clusters to find) and sometimes
 * anywhere. Actors get a few tags from a pool, and some are linked to factors.
 */
export function randomActorMap(
  actors: number,
  ties: number,
  seed: number,
  options: { groups?: number; factors?: number; tagPool?: number } = {},
): RecordLists {
  const random = seededRandom(seed);
  const groups = options.groups ?? Math.max(2, Math.round(actors / 50));
  const factorCount = options.factors ?? Math.max(2, Math.round(actors / 20));
  const tagPool = options.tagPool ?? Math.max(4, Math.round(actors / 10));
  const elements: ElementRecord[] = [];
  const connections: ConnectionRecord[] = [];
  for (let f = 0; f < factorCount; f++) elements.push(element(`x${f}`, 'factor', `Factor ${f}`));
  const members: number[][] = Array.from({ length: groups }, () => []);
  const seen = new Set<string>();
  for (let i = 0; i < actors; i++) {
    const g = Math.floor(random() * groups);
    const tags = new Set<string>();
    const tagCount = Math.floor(random() * 3);
    for (let t = 0; t < tagCount; t++) tags.add(`tag${Math.floor(random() * tagPool)}`);
    elements.push(element(`a${i}`, 'actor', `Actor ${i}`, { tags: [...tags] }));
    const pool = members[g]!;
    for (let t = 0; t < ties && i > 0; t++) {
      const local = pool.length > 0 && random() < 0.85;
      const j = local ? pool[Math.floor(random() * pool.length)]! : Math.floor(random() * i);
      const key = j < i ? `${j},${i}` : `${i},${j}`;
      if (j === i || seen.has(key)) continue;
      seen.add(key);
      connections.push(relationship(`r${connections.length}`, `a${i}`, `a${j}`));
    }
    pool.push(i);
    if (random() < 0.3) {
      const f = Math.floor(random() * factorCount);
      connections.push(causal(`l${connections.length}`, `a${i}`, `x${f}`, '+'));
    }
  }
  return { elements, connections };
}
