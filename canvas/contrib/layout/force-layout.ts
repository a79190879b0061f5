import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3';

/**
 * The tidy layout: d3-force over the map's elements and connections. Pinned elements do not
 * move; new elements (added since the last tidy, or lying on top of another) start at the
 * middle of their neighbours, so they settle near them. Plain data in and out, so it runs the
 * same in a Web Worker and in a unit test.
 */

export interface LayoutNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly pinned?: boolean;
  readonly fresh?: boolean;
  /** Half the element's size, for collisions. */
  readonly radius?: number;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNode[];
  readonly links: readonly { readonly source: string; readonly target: string }[];
  /** Simulation steps (default 300). */
  readonly ticks?: number;
}

export type Positions = Record<string, [number, number]>;

interface SimNode extends SimulationNodeDatum {
  id: string;
  r: number;
}

const round = (v: number) => Math.round(v);

/** Where fresh nodes start: the mean of their placed neighbours (a little apart), else as is. */
export function seedFresh(input: LayoutInput): Map<string, [number, number]> {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const out = new Map<string, [number, number]>();
  const neighbours = new Map<string, string[]>();
  for (const l of input.links) {
    neighbours.set(l.source, [...(neighbours.get(l.source) ?? []), l.target]);
    neighbours.set(l.target, [...(neighbours.get(l.target) ?? []), l.source]);
  }
  let i = 0;
  for (const n of input.nodes) {
    if (!n.fresh || n.pinned) continue;
    const placed = (neighbours.get(n.id) ?? [])
      .map((id) => byId.get(id))
      .filter((m): m is LayoutNode => !!m && !m.fresh);
    if (!placed.length) continue;
    const angle = (i++ * 2.399963) % (2 * Math.PI); // golden angle: fresh nodes spread out
    const x = placed.reduce((s, m) => s + m.x, 0) / placed.length + 60 * Math.cos(angle);
    const y = placed.reduce((s, m) => s + m.y, 0) / placed.length + 60 * Math.sin(angle);
    out.set(n.id, [x, y]);
  }
  return out;
}

/**
 * Runs the simulation. `onFrame` hears intermediate positions every `frameEvery` ticks (the
 * animation); the result is the final, rounded positions of the nodes that are not pinned.
 */
export function runLayout(
  input: LayoutInput,
  onFrame?: (positions: Positions) => void,
  frameEvery = 6,
): Positions {
  const seeds = seedFresh(input);
  const nodes: SimNode[] = input.nodes.map((n) => {
    const [x, y] = seeds.get(n.id) ?? [n.x, n.y];
    return {
      id: n.id,
      x,
      y,
      r: n.radius ?? 70,
      ...(n.pinned ? { fx: n.x, fy: n.y } : {}),
    };
  });
  const ids = new Set(nodes.map((n) => n.id));
  const links: SimulationLinkDatum<SimNode>[] = input.links
    .filter((l) => ids.has(l.source) && ids.has(l.target) && l.source !== l.target)
    .map((l) => ({ source: l.source, target: l.target }));
  const cx = nodes.reduce((s, n) => s + (n.x ?? 0), 0) / Math.max(1, nodes.length);
  const cy = nodes.reduce((s, n) => s + (n.y ?? 0), 0) / Math.max(1, nodes.length);
  const sim = forceSimulation(nodes)
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((d) => d.id)
        .distance(200)
        .strength(0.25),
    )
    .force('charge', forceManyBody<SimNode>().strength(-900).distanceMax(900))
    .force('collide', forceCollide<SimNode>((d) => d.r + 20).strength(0.9))
    .force('x', forceX<SimNode>(cx).strength(0.02))
    .force('y', forceY<SimNode>(cy).strength(0.02))
    .stop();
  const ticks = input.ticks ?? 300;
  const snapshot = (): Positions => {
    const out: Positions = {};
    for (const n of nodes)
      if (n.fx === undefined || n.fx === null) out[n.id] = [round(n.x ?? 0), round(n.y ?? 0)];
    return out;
  };
  for (let t = 1; t <= ticks; t++) {
    sim.tick();
    if (onFrame && t % frameEvery === 0 && t < ticks) onFrame(snapshot());
  }
  return snapshot();
}
