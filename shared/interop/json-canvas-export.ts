/** Writing a map as a JSON Canvas: nodes, edges, and what the format cannot say under weavemap. */
import type { MapSnapshot } from '../schema/types';
import {
  CANVAS_FIELDS,
  EDGE_KEYS,
  NODE_H,
  NODE_KEYS,
  NODE_W,
  edgeLabel,
  isCanvasField,
  restoreOtherKeys,
  textOf,
  type CanvasEdge,
  type CanvasNode,
  type JsonCanvas,
} from './json-canvas-format';
import { byId } from './kumu-table';

const GROUP_PAD = 40;

const posNum = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;
/** A node's size: the one it had in the canvas it came from, else the default. */
const sizeOf = (extra: Readonly<Record<string, unknown>>): [number, number] => [
  posNum(extra[CANVAS_FIELDS.width]) ?? NODE_W,
  posNum(extra[CANVAS_FIELDS.height]) ?? NODE_H,
];
const ownFields = (extra: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(extra).filter(([k]) => !isCanvasField(k)));

export function exportJsonCanvas(snapshot: MapSnapshot): JsonCanvas {
  const elements = byId(snapshot.elements);
  const nodes: CanvasNode[] = [];
  const boxes = new Map<string, [number, number, number, number]>();
  for (const e of elements) {
    if (e.kind === 'group') continue;
    const [w, h] = sizeOf(e.extra);
    const x = Math.round(e.position[0] - w / 2);
    const y = Math.round(e.position[1] - h / 2);
    boxes.set(e.id, [x, y, x + w, y + h]);
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
    const file = text(e.extra[CANVAS_FIELDS.file]);
    const url = text(e.extra[CANVAS_FIELDS.url]);
    const was = e.extra[CANVAS_FIELDS.type];
    if (type === 'group') {
      n.label = e.label;
      const bg = text(e.extra[CANVAS_FIELDS.background]);
      const bgStyle = text(e.extra[CANVAS_FIELDS.backgroundStyle]);
      if (bg) n.background = bg;
      if (bgStyle) n.backgroundStyle = bgStyle;
    } else if (was === 'file' && file) {
      // A file or link node from a canvas goes back as one (the label rides under weavemap).
      n.type = 'file';
      n.file = file;
      const subpath = text(e.extra[CANVAS_FIELDS.subpath]);
      if (subpath) n.subpath = subpath;
    } else if (was === 'link' && url) {
      n.type = 'link';
      n.url = url;
    } else n.text = textOf(e.label, e.description);
    const canvasColor = text(e.extra[CANVAS_FIELDS.color]);
    if (e.color) n.color = e.color;
    else if (canvasColor) n.color = canvasColor;
    restoreOtherKeys(e.extra, n, NODE_KEYS);
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
    const fields = ownFields(e.extra);
    if (Object.keys(fields).length) ext.fields = fields;
    n.weavemap = ext;
    return n;
  }
  // Groups first, so Obsidian draws them beneath their members.
  nodes.push(...groupNodes);
  for (const e of elements) {
    if (e.kind === 'group') continue;
    const [x, y, x1, y1] = boxes.get(e.id)!;
    nodes.push(node(e, 'text', x, y, x1 - x, y1 - y));
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
    const fromSide = text(c.extra[CANVAS_FIELDS.fromSide]);
    const toSide = text(c.extra[CANVAS_FIELDS.toSide]);
    const color = text(c.extra[CANVAS_FIELDS.color]);
    if (fromSide) ed.fromSide = fromSide;
    if (toSide) ed.toSide = toSide;
    if (color) ed.color = color;
    restoreOtherKeys(c.extra, ed, EDGE_KEYS);
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
    const fields = ownFields(c.extra);
    if (Object.keys(fields).length) ext.fields = fields;
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
