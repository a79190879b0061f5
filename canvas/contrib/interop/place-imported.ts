import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationNodeDatum,
} from 'd3';
import { normLabel } from '../../../shared/interop/builder';
import type { ImportedMap } from '../../../shared/interop/index';
import type { MapSnapshot, Position } from '../../../shared/schema/types';

/**
 * Places imported elements that came without a position (Kumu spreadsheets, most GraphML and
 * GEXF files): a force layout over their connections up to 800 elements, a grid by kind above
 * that (Tidy Layout can arrange it afterwards). Runs in the import worker; plain data in and out.
 */

export type Positions = Readonly<Record<string, Position>>;

interface Node extends SimulationNodeDatum {
  id: string;
}

/** Above this many elements a force layout takes seconds even in a worker: a grid instead. */
const FORCE_LIMIT = 800;

export function placeUnpositioned(map: ImportedMap): Positions {
  const loose = map.elements.filter((e) => !e.position);
  if (loose.length === 0) return {};
  const ids = new Set(loose.map((e) => e.id));
  const out: Record<string, Position> = {};
  if (loose.length > FORCE_LIMIT) {
    // A grid, kinds together, in file order: quick, and readable once tidied.
    const sorted = [...loose].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    const cols = Math.ceil(Math.sqrt(sorted.length * 2));
    sorted.forEach((e, i) => {
      out[e.id] = [(i % cols) * 220, Math.floor(i / cols) * 120];
    });
    return out;
  }
  const nodes: Node[] = loose.map((e) => ({ id: e.id }));
  const links = map.connections
    .filter((c) => ids.has(c.from) && ids.has(c.to) && c.from !== c.to)
    .map((c) => ({ source: c.from, target: c.to }));
  const ticks = loose.length <= 300 ? 300 : 150;
  const sim = forceSimulation<Node>(nodes)
    .force(
      'link',
      forceLink<Node, { source: string | Node; target: string | Node }>(links)
        .id((n) => n.id)
        .distance(200),
    )
    .force('charge', forceManyBody<Node>().strength(-700).distanceMax(1500).theta(0.95))
    .force('collide', forceCollide<Node>(95))
    .force('x', forceX<Node>(0).strength(0.04))
    .force('y', forceY<Node>(0).strength(0.06))
    .stop();
  sim.tick(ticks);
  let minX = Infinity;
  let minY = Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.x ?? 0);
    minY = Math.min(minY, n.y ?? 0);
  }
  for (const n of nodes) out[n.id] = [Math.round((n.x ?? 0) - minX), Math.round((n.y ?? 0) - minY)];
  return out;
}

/**
 * `map` with the placed positions filled in. Merging, elements that match one on the map (by ID
 * or label) keep their place, and the new ones go to the right of what is there.
 */
export function withPositions(
  map: ImportedMap,
  positions: Positions,
  existing?: MapSnapshot,
): ImportedMap {
  if (Object.keys(positions).length === 0) return map;
  let dx = 0;
  let dy = 0;
  const matched = new Set<string>();
  if (existing && existing.elements.size) {
    const labels = new Set<string>();
    let maxX = -Infinity;
    let minY = Infinity;
    for (const e of existing.elements.values()) {
      labels.add(normLabel(e.label));
      maxX = Math.max(maxX, e.position[0]);
      minY = Math.min(minY, e.position[1]);
    }
    for (const e of map.elements)
      if (existing.elements.has(e.id) || (e.label && labels.has(normLabel(e.label))))
        matched.add(e.id);
    dx = Math.round(maxX + 320);
    dy = Math.round(minY);
  }
  return {
    ...map,
    elements: map.elements.map((e) => {
      const p = positions[e.id];
      if (e.position || !p || matched.has(e.id)) return e;
      return { ...e, position: [p[0] + dx, p[1] + dy] as Position };
    }),
  };
}
