/** Writing a map as a JSON Canvas: nodes, edges, and what the format cannot say under weavemap. */
import type { MapSnapshot } from '../schema/types';
import {
  NODE_H,
  NODE_W,
  edgeLabel,
  textOf,
  type CanvasEdge,
  type CanvasNode,
  type JsonCanvas,
} from './json-canvas-format';
import { byId } from './kumu-table';

const GROUP_PAD = 40;

export function exportJsonCanvas(snapshot: MapSnapshot): JsonCanvas {
  const elements = byId(snapshot.elements);
  const nodes: CanvasNode[] = [];
  const boxes = new Map<string, [number, number, number, number]>();
  for (const e of elements) {
    if (e.kind === 'group') continue;
    const x = Math.round(e.position[0] - NODE_W / 2);
    const y = Math.round(e.position[1] - NODE_H / 2);
    boxes.set(e.id, [x, y, x + NODE_W, y + NODE_H]);
  }
  const groupNodes: CanvasNode[] = [];
  for (const e of elements) {
    if (e.kind !== 'group') continue;
    const members = elements
      .filter((m) => m.parent === e.id && boxes.has(m.id))
      .map((m) => boxes.get(m.id)!);
    let [x0, y0, x1, y1] = [
      e.position[0] - NODE_W,
      e.position[1] - NODE_H,
      e.position[0] + NODE_W,
      e.position[1] + NODE_H,
    ];
    if (members.length) {
      x0 = Math.min(...members.map((b) => b[0])) - GROUP_PAD;
      y0 = Math.min(...members.map((b) => b[1])) - GROUP_PAD;
      x1 = Math.max(...members.map((b) => b[2])) + GROUP_PAD;
      y1 = Math.max(...members.map((b) => b[3])) + GROUP_PAD;
    }
    groupNodes.push(
      node(e, 'group', Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)),
    );
  }
  function node(
    e: (typeof elements)[number],
    type: 'text' | 'group',
    x: number,
    y: number,
    width: number,
    height: number,
  ): CanvasNode {
    const n: CanvasNode = { id: e.id, type, x, y, width, height };
    if (type === 'group') n.label = e.label;
    else n.text = textOf(e.label, e.description);
    if (e.color) n.color = e.color;
    const ext: Record<string, unknown> = {
      kind: e.kind,
      label: e.label,
      description: e.description,
      position: [...e.position],
    };
    if (e.tags.length) ext.tags = [...e.tags];
    if (e.actorType) ext.actorType = e.actorType;
    if (e.leverageLevel !== undefined) ext.leverageLevel = e.leverageLevel;
    if (e.pinned) ext.pinned = true;
    if (e.parent) ext.parent = e.parent;
    if (Object.keys(e.extra).length) ext.fields = { ...e.extra };
    n.weavemap = ext;
    return n;
  }
  // Groups first, so Obsidian draws them beneath their members.
  nodes.push(...groupNodes);
  for (const e of elements) {
    if (e.kind === 'group') continue;
    const [x, y] = boxes.get(e.id)!;
    nodes.push(node(e, 'text', x, y, NODE_W, NODE_H));
  }
  const sources = byId(snapshot.sources);
  sources.forEach((s, i) => {
    const { id, url, extra, ...rest } = s;
    nodes.push({
      id,
      type: 'link',
      url,
      x: -NODE_W * 2,
      y: i * (NODE_H + 20),
      width: NODE_W,
      height: NODE_H,
      weavemap: { source: { ...extra, ...rest } },
    });
  });
  const edges: CanvasEdge[] = byId(snapshot.connections).map((c) => {
    const ed: CanvasEdge = { id: c.id, fromNode: c.from, toNode: c.to };
    if (c.direction === 'undirected') {
      ed.fromEnd = 'none';
      ed.toEnd = 'none';
    } else if (c.direction === 'mutual') {
      ed.fromEnd = 'arrow';
      ed.toEnd = 'arrow';
    }
    const label = edgeLabel(c.label, c.kind, c.polarity);
    if (label) ed.label = label;
    const ext: Record<string, unknown> = { kind: c.kind, label: c.label };
    if (c.polarity) ext.polarity = c.polarity;
    if (c.delay) ext.delay = true;
    if (c.strength !== undefined) ext.strength = c.strength;
    if (c.weight !== undefined) ext.weight = c.weight;
    if (c.description) ext.description = c.description;
    if (c.tags.length) ext.tags = [...c.tags];
    if (c.proposed) ext.proposed = true;
    if (Object.keys(c.extra).length) ext.fields = { ...c.extra };
    ed.weavemap = ext;
    return ed;
  });
  const loops = [...snapshot.loops.values()].sort((a, b) => (a.signature < b.signature ? -1 : 1));
  return {
    nodes,
    edges,
    weavemap: {
      version: 1,
      title: snapshot.meta.title,
      ...(loops.length
        ? {
            loops: loops.map((l) => ({
              signature: l.signature,
              name: l.name,
              note: l.note,
              members: [...l.members],
            })),
          }
        : {}),
    },
  };
}

export const serializeJsonCanvas = (snapshot: MapSnapshot): string =>
  JSON.stringify(exportJsonCanvas(snapshot), null, '\t');
