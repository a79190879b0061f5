import type { Tie } from './actor-network';

export interface Bridge {
  /** Index into the ties. */
  readonly tie: number;
  /** People on the `a` side and on the `b` side once the tie is gone. */
  readonly sideA: number;
  readonly sideB: number;
}

/**
 * Ties whose removal splits their part of the network in two (Tarjan's bridge algorithm,
 * iterative, direction ignored). Two ties between the same pair are never bridges: either one
 * keeps the pair connected.
 */
export function findBridges(n: number, ties: readonly Tie[]): Bridge[] {
  const m = ties.length;
  const start = new Int32Array(n + 1);
  for (const t of ties) {
    start[t.a + 1]!++;
    start[t.b + 1]!++;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adjNode = new Int32Array(2 * m);
  const adjTie = new Int32Array(2 * m);
  const fill = start.slice(0, n);
  ties.forEach((t, i) => {
    adjNode[fill[t.a]!] = t.b;
    adjTie[fill[t.a]!++] = i;
    adjNode[fill[t.b]!] = t.a;
    adjTie[fill[t.b]!++] = i;
  });
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const size = new Int32Array(n);
  const stackNode = new Int32Array(n);
  const stackPos = new Int32Array(n);
  const stackViaTie = new Int32Array(n);
  const found: { tie: number; child: number; root: number }[] = [];
  const componentSize = new Int32Array(n);
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    let sp = 0;
    stackNode[0] = root;
    stackPos[0] = start[root]!;
    stackViaTie[0] = -1;
    disc[root] = low[root] = time++;
    size[root] = 1;
    const firstBridge = found.length;
    while (sp >= 0) {
      const v = stackNode[sp]!;
      const p = stackPos[sp]!;
      if (p < start[v + 1]!) {
        stackPos[sp] = p + 1;
        const w = adjNode[p]!;
        const tie = adjTie[p]!;
        if (tie === stackViaTie[sp]) continue;
        if (disc[w] === -1) {
          disc[w] = low[w] = time++;
          size[w] = 1;
          sp++;
          stackNode[sp] = w;
          stackPos[sp] = start[w]!;
          stackViaTie[sp] = tie;
        } else if (disc[w]! < low[v]!) low[v] = disc[w]!;
        continue;
      }
      sp--;
      if (sp >= 0) {
        const parent = stackNode[sp]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
        size[parent]! += size[v]!;
        if (low[v]! > disc[parent]!) found.push({ tie: stackViaTie[sp + 1]!, child: v, root });
      }
    }
    for (let i = firstBridge; i < found.length; i++) componentSize[root] = size[root]!;
  }
  return found
    .map(({ tie, child, root }) => {
      const t = ties[tie]!;
      const childSide = size[child]!;
      const otherSide = componentSize[root]! - childSide;
      // the child's side holds whichever end the search reached through this tie
      const childIsB = t.b === child;
      return {
        tie,
        sideA: childIsB ? otherSide : childSide,
        sideB: childIsB ? childSide : otherSide,
      };
    })
    .sort((x, y) => x.tie - y.tie);
}
