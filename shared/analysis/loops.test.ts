import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionRecord, ElementRecord } from '../schema/types';
import { buildCausalGraph } from './causal-graph';
import { canonicalSignature, findLoops, loopFromMembers, loopFromSignature } from './loops';
import { causal, element, randomCausalMap } from './random-maps';

const map = (ids: string[], connections: ConnectionRecord[]) => ({
  elements: ids.map((id) => element(id, 'factor')),
  connections,
});

/**
 * Brute force, independent of the finder: for every set of distinct factors in every cyclic
 * order starting with its smallest factor, every choice of one link per step is a loop.
 */
function bruteForceSignatures(
  elements: ElementRecord[],
  connections: ConnectionRecord[],
  maxLength: number,
): string[] {
  const steps = new Map<string, string[]>(); // "u v" -> tokens of links u -> v
  const add = (u: string, v: string, token: string) => {
    const key = `${u} ${v}`;
    steps.set(key, [...(steps.get(key) ?? []), token]);
  };
  for (const c of connections) {
    if (c.kind !== 'causal' || c.direction === 'undirected') continue;
    add(c.from, c.to, c.id);
    if (c.direction === 'mutual') add(c.to, c.from, `${c.id}~`);
  }
  const ids = elements.map((e) => e.id).sort();
  const out: string[] = [];
  const extend = (order: string[]) => {
    if (order.length <= maxLength) {
      // close the cycle: all link choices along order + back to start
      const pairs = order.map((u, i) => steps.get(`${u} ${order[(i + 1) % order.length]!}`) ?? []);
      if (pairs.every((p) => p.length > 0)) {
        let combos: string[][] = [[]];
        for (const p of pairs) combos = combos.flatMap((c) => p.map((t) => [...c, t]));
        for (const c of combos) out.push(canonicalSignature(c));
      }
    }
    if (order.length >= maxLength) return;
    for (const id of ids) if (id > order[0]! && !order.includes(id)) extend([...order, id]);
  };
  for (const id of ids) extend([id]);
  return out.sort();
}

const arbitraryGraph = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }),
    links: fc.array(
      fc.record({
        a: fc.nat(5),
        b: fc.nat(5),
        sign: fc.constantFrom('+' as const, '-' as const),
        direction: fc.constantFrom(
          'directed' as const,
          'directed' as const,
          'mutual' as const,
          'undirected' as const,
        ),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ n, links }) => {
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const connections = links
      .filter((l) => l.a < n && l.b < n && l.a !== l.b)
      .map((l, i) => causal(`c${i}`, ids[l.a]!, ids[l.b]!, l.sign, { direction: l.direction }));
    return map(ids, connections);
  });

describe('findLoops', () => {
  it('finds exactly the loops a brute-force enumeration finds, on small random graphs', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer({ min: 1, max: 6 }), (m, maxLength) => {
        const result = findLoops(m, { maxLength, maxLoops: 100_000, timeBudgetMs: 10_000 });
        const got = result.loops.map((l) => l.signature).sort();
        expect(got).toEqual(bruteForceSignatures(m.elements, m.connections, maxLength));
        expect(new Set(got).size).toBe(got.length);
        // shortest first
        for (let i = 1; i < result.loops.length; i++)
          expect(result.loops[i]!.length).toBeGreaterThanOrEqual(result.loops[i - 1]!.length);
        // every loop is a real cycle whose polarity is the parity of its '-' links
        const byId = new Map(m.connections.map((c) => [c.id, c]));
        for (const loop of result.loops) {
          const negatives = loop.connections.filter((id) => byId.get(id)!.polarity === '-').length;
          expect(loop.polarity).toBe(negatives % 2 === 0 ? 'R' : 'B');
          expect(loop.elements.length).toBe(loop.length);
          expect(new Set(loop.elements).size).toBe(loop.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('classifies hand-checked loops as reinforcing or balancing', () => {
    // Births grow the population, which grows births: reinforcing.
    // Deaths grow with the population and shrink it: balancing.
    const result = findLoops(
      map(
        ['population', 'births', 'deaths'],
        [
          causal('p-b', 'population', 'births', '+'),
          causal('b-p', 'births', 'population', '+'),
          causal('p-d', 'population', 'deaths', '+'),
          causal('d-p', 'deaths', 'population', '-', { delay: true }),
        ],
      ),
    );
    expect(result.truncated).toBe(false);
    const bySig = new Map(result.loops.map((l) => [l.signature, l]));
    expect(bySig.get('b-p p-b')).toMatchObject({
      polarity: 'R',
      hasDelay: false,
      elements: ['births', 'population'],
    });
    expect(bySig.get('d-p p-d')).toMatchObject({
      polarity: 'B',
      hasDelay: true,
      delayedConnections: ['d-p'],
    });
    expect(result.reinforcing).toBe(1);
    expect(result.balancing).toBe(1);
    expect(result.loops.map((l) => l.label).sort()).toEqual(['B1', 'R1']);

    // Two '-' links make a reinforcing loop (an arms race through fear); three make it balancing.
    const two = findLoops(
      map(
        ['a', 'b', 'c'],
        [causal('1', 'a', 'b', '-'), causal('2', 'b', 'c', '-'), causal('3', 'c', 'a', '+')],
      ),
    );
    expect(two.loops[0]!.polarity).toBe('R');
    const three = findLoops(
      map(
        ['a', 'b', 'c'],
        [causal('1', 'a', 'b', '-'), causal('2', 'b', 'c', '-'), causal('3', 'c', 'a', '-')],
      ),
    );
    expect(three.loops[0]!.polarity).toBe('B');
  });

  it('keeps parallel links with different polarities as different loops', () => {
    const result = findLoops(
      map(
        ['a', 'b'],
        [causal('x', 'a', 'b', '+'), causal('y', 'a', 'b', '-'), causal('z', 'b', 'a', '+')],
      ),
    );
    expect(result.loops.map((l) => [l.signature, l.polarity])).toEqual([
      ['x z', 'R'],
      ['y z', 'B'],
    ]);
  });

  it('reads a mutual link as influence both ways and skips undirected causal links', () => {
    const result = findLoops(
      map(
        ['a', 'b', 'c'],
        [
          causal('m', 'a', 'b', '-', { direction: 'mutual' }),
          causal('u', 'b', 'c', '+', { direction: 'undirected' }),
          causal('k', 'c', 'a', '+'),
        ],
      ),
    );
    expect(result.loops.map((l) => l.signature)).toEqual(['m m~']);
    expect(result.loops[0]!.polarity).toBe('R');
    expect(result.skipped.map((s) => s.connectionId)).toEqual(['u']);
    expect(result.skipped[0]!.reason).toMatch(/no direction/);
  });

  it('counts a link without polarity as + and says so', () => {
    const result = findLoops(
      map(['a', 'b'], [causal('1', 'a', 'b', null), causal('2', 'b', 'a', '-')]),
    );
    expect(result.loops[0]).toMatchObject({ polarity: 'B', assumedPositive: ['1'] });
  });

  it('gives a signature that does not depend on where the loop is entered', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (tokens, k) => {
          const r = k % tokens.length;
          const rotated = [...tokens.slice(r), ...tokens.slice(0, r)];
          expect(canonicalSignature(rotated)).toBe(canonicalSignature(tokens));
        },
      ),
    );
  });

  it('gives corresponding signatures when every id is renamed', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer({ min: 0, max: 1_000_000 }), (m, salt) => {
        // A renaming that reorders ids: ids sort differently afterwards.
        const rename = (id: string) =>
          `${((id.length * 7919 + [...id].reduce((s, ch) => s * 31 + ch.charCodeAt(0), salt)) % 1000).toString(36)}-${id}`;
        const renamed = {
          elements: m.elements.map((e) => ({ ...e, id: rename(e.id) })),
          connections: m.connections.map((c) => ({
            ...c,
            id: rename(c.id),
            from: rename(c.from),
            to: rename(c.to),
          })),
        };
        const before = findLoops(m, { maxLength: 6 }).loops;
        const after = findLoops(renamed, { maxLength: 6 }).loops;
        const mapped = before
          .map((l) =>
            canonicalSignature(
              l.signature
                .split(' ')
                .map((t) => (t.endsWith('~') ? `${rename(t.slice(0, -1))}~` : rename(t))),
            ),
          )
          .sort();
        expect(after.map((l) => l.signature).sort()).toEqual(mapped);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a loop again from its signature or its members', () => {
    const m = map(
      ['a', 'b', 'c'],
      [causal('1', 'a', 'b'), causal('2', 'b', 'c', '-'), causal('3', 'c', 'a')],
    );
    const graph = buildCausalGraph(m);
    expect(loopFromSignature(graph, '1 2 3')).toMatchObject({
      polarity: 'B',
      elements: ['a', 'b', 'c'],
    });
    expect(loopFromSignature(graph, '1 3 2')).toBeNull();
    expect(loopFromSignature(graph, '1 2 9')).toBeNull();
    expect(loopFromMembers(graph, ['b', 'c', 'a'])).toMatchObject({ signature: '1 2 3' });
    expect(loopFromMembers(graph, ['a', 'c', 'b'])).toBeNull();
  });

  it('stops at maxLoops with the shortest loops and says it was truncated', () => {
    // A complete graph on 6 factors has 409 elementary cycles: 15 of 2 links, 40 of 3, ...
    const ids = Array.from({ length: 6 }, (_, i) => `f${i}`);
    const links: ConnectionRecord[] = [];
    for (const a of ids) for (const b of ids) if (a !== b) links.push(causal(`${a}${b}`, a, b));
    const all = findLoops(map(ids, links), { maxLoops: 10_000 });
    expect(all.loops.length).toBe(409);
    expect(all.truncated).toBe(false);
    const some = findLoops(map(ids, links), { maxLoops: 20 });
    expect(some.truncated).toBe(true);
    expect(some.reason).toBe('maxLoops');
    expect(some.loops.length).toBe(20);
    expect(some.loops.filter((l) => l.length === 2).length).toBe(15);
    expect(some.loops.every((l) => l.length <= 3)).toBe(true);
    expect(some.summary).toBe('20+ loops, showing the shortest (20 reinforcing, 0 balancing).');
    const exact = findLoops(map(ids, links), { maxLoops: 409 });
    expect(exact.truncated).toBe(false);
  });

  it('says when longer loops than maxLength exist', () => {
    const ids = Array.from({ length: 5 }, (_, i) => `f${i}`);
    const ring = ids.map((id, i) => causal(`c${i}`, id, ids[(i + 1) % 5]!));
    const short = findLoops(map(ids, ring), { maxLength: 4 });
    expect(short).toMatchObject({ truncated: true, reason: 'maxLength', longerLoops: 'exist' });
    expect(short.loops).toHaveLength(0);
    const full = findLoops(map(ids, ring), { maxLength: 5 });
    expect(full).toMatchObject({ truncated: false, longerLoops: 'none' });
    expect(full.loops).toHaveLength(1);
    // A big component without long cycles is not flagged.
    const star = ids
      .slice(1)
      .flatMap((id, i) => [causal(`o${i}`, 'f0', id), causal(`i${i}`, id, 'f0')]);
    expect(findLoops(map(ids, star), { maxLength: 2 })).toMatchObject({
      truncated: false,
      longerLoops: 'none',
    });
  });

  it('holds its time budget on a random graph with millions of loops', () => {
    const m = randomCausalMap(200, 400, 7);
    // A clock that advances 0.05 'ms' each time it is read (the search reads it once per 1,024
    // steps): the budget is counted in work done, so the result is the same on any machine.
    let reads = 0;
    const clock = () => reads++ * 0.05;
    const result = findLoops(m, {
      maxLoops: 10_000_000,
      maxLength: 200,
      timeBudgetMs: 150,
      clock,
    });
    // It stopped at 90% of the budget: the reads after the deadline are the last check and the
    // elapsed time (nothing ran on past the budget).
    expect(reads * 0.05).toBeLessThanOrEqual(150);
    expect(result.elapsedMs).toBeLessThanOrEqual(150);
    expect(result.truncated).toBe(true);
    expect(result.reason).toBe('time');
    expect(result.loops.length).toBeGreaterThan(1_000);
    // the shortest come first and none was skipped below the longest listed length
    const longest = result.loops.at(-1)!.length;
    const complete = findLoops(m, {
      maxLength: longest - 1,
      maxLoops: 10_000_000,
      timeBudgetMs: 10_000,
    });
    expect(result.loops.slice(0, complete.loops.length).map((l) => l.signature)).toEqual(
      complete.loops.map((l) => l.signature),
    );
    expect(result.loops.length).toBeGreaterThan(0);
    // With the default limits the shortest loops (up to 12 links) are all there, and the
    // result says longer ones exist.
    const byDefault = findLoops(m, { timeBudgetMs: 10_000 });
    expect(byDefault).toMatchObject({ truncated: true, reason: 'maxLength', longerLoops: 'exist' });
  });

  it('rejects impossible limits with a clear error', () => {
    expect(() => findLoops(map([], []), { maxLength: 0 })).toThrow(/maxLength/);
    expect(() => findLoops(map([], []), { timeBudgetMs: -1 })).toThrow(/timeBudgetMs/);
  });
});
