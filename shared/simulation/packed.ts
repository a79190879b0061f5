import type { MapLike } from '../analysis/input';
import { causal, element } from '../analysis/random-maps';
import type { ConnectionRecord } from '../schema/types';

/**
 * What a what-if reads of a map, packed for postMessage: element ids, and per connection its id,
 * ends (as element indices), kind, direction, sign, delay and strength in typed arrays. Cloning
 * it costs the UI thread a fraction of cloning thousands of full records (labels, descriptions,
 * tags, custom fields), which the engine never reads. `unpackMap` gives records the engine reads
 * the same way, so a run on the packed map has the same numbers.
 */
export interface PackedMap {
  readonly ids: readonly string[];
  readonly links: readonly string[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Bits: see FLAG below. */
  readonly flags: Uint8Array;
  /** NaN where a connection has none. */
  readonly strength: Float64Array;
}

const FLAG = {
  causal: 1,
  proposed: 2,
  undirected: 4,
  mutual: 8,
  plus: 16,
  minus: 32,
  delay: 64,
} as const;

const valuesOf = <T>(x: ReadonlyMap<string, T> | readonly T[]): readonly T[] =>
  Array.isArray(x) ? x : [...(x as ReadonlyMap<string, T>).values()];

export function packMap(map: MapLike): PackedMap {
  const ids = valuesOf(map.elements).map((e) => e.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const conns = valuesOf(map.connections).filter((c) => index.has(c.from) && index.has(c.to));
  const m = conns.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const flags = new Uint8Array(m);
  const strength = new Float64Array(m);
  conns.forEach((c, i) => {
    from[i] = index.get(c.from)!;
    to[i] = index.get(c.to)!;
    flags[i] =
      (c.kind === 'causal' ? FLAG.causal : 0) |
      (c.proposed ? FLAG.proposed : 0) |
      (c.direction === 'undirected' ? FLAG.undirected : 0) |
      (c.direction === 'mutual' ? FLAG.mutual : 0) |
      (c.polarity === '+' ? FLAG.plus : 0) |
      (c.polarity === '-' ? FLAG.minus : 0) |
      (c.delay === true ? FLAG.delay : 0);
    strength[i] = typeof c.strength === 'number' ? c.strength : NaN;
  });
  return { ids, links: conns.map((c) => c.id), from, to, flags, strength };
}

/** The typed arrays, to transfer rather than copy. */
export function packedBuffers(p: PackedMap): ArrayBuffer[] {
  return [p.from.buffer, p.to.buffer, p.flags.buffer, p.strength.buffer] as ArrayBuffer[];
}

export function unpackMap(p: PackedMap): MapLike {
  const elements = p.ids.map((id) => element(id, 'factor'));
  const connections: ConnectionRecord[] = p.links.map((id, i) => {
    const f = p.flags[i]!;
    const s = p.strength[i]!;
    return causal(
      id,
      p.ids[p.from[i]!]!,
      p.ids[p.to[i]!]!,
      f & FLAG.plus ? '+' : f & FLAG.minus ? '-' : null,
      {
        kind: f & FLAG.causal ? 'causal' : 'relationship',
        direction: f & FLAG.undirected ? 'undirected' : f & FLAG.mutual ? 'mutual' : 'directed',
        ...(f & FLAG.proposed ? { proposed: true } : {}),
        ...(f & FLAG.delay ? { delay: true } : {}),
        ...(Number.isNaN(s) ? {} : { strength: s }),
      },
    );
  });
  return { elements, connections };
}
