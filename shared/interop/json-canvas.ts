import type { ElementKind, MapSnapshot, Polarity, Position } from '../schema/types';
import { isHttpUrl } from '../schema/validate';
import { MapBuilder } from './builder';
import { byId } from './kumu-table';
import { fail, guard, type ImportInput, type ImportResult } from './model';
import { decodeText } from './text';

/**
 * JSON Canvas 1.0 (Obsidian `.canvas`). Elements are text nodes (label, a blank line, the
 * description), group elements are group nodes, connections are edges with their label, sources
 * are link nodes. What JSON Canvas cannot say (kinds, polarity, tags, exact positions, custom
 * fields, loops) rides along under `weavemap` keys, which Obsidian keeps; text edited in Obsidian
 * wins over the copy under `weavemap`.
 */

const NODE_W = 260;
const NODE_H = 80;
const GROUP_PAD = 40;

interface CanvasNode {
  id: string;
  type: 'text' | 'file' | 'link' | 'group';
  x: number;
  y: number;
  width: number;
  height: number;
  color?: string;
  text?: string;
  file?: string;
  url?: string;
  label?: string;
  weavemap?: Record<string, unknown>;
}

interface CanvasEdge {
  id: string;
  fromNode: string;
  toNode: string;
  fromEnd?: 'none' | 'arrow';
  toEnd?: 'none' | 'arrow';
  label?: string;
  color?: string;
  weavemap?: Record<string, unknown>;
}

export interface JsonCanvas {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  weavemap?: Record<string, unknown>;
}

const textOf = (label: string, description: string): string =>
  description ? `${label}\n\n${description}` : label;

function parseText(text: string): { label: string; description: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const i = lines.findIndex((l) => l.trim() !== '');
  if (i < 0) return { label: '', description: '' };
  return {
    label: lines[i]!.replace(/^#+\s*/, '').trim(),
    description: lines
      .slice(i + 1)
      .join('\n')
      .trim(),
  };
}

const edgeLabel = (label: string, kind: string, polarity?: string): string =>
  label || (kind === 'causal' && polarity ? polarity : '');

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

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const fin = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const HEX = /^#[0-9a-fA-F]{6}$/;

export function importJsonCanvas(input: ImportInput): ImportResult {
  return guard(() => {
    let value: unknown;
    try {
      value = JSON.parse(decodeText(input));
    } catch (e) {
      return fail(`This is not valid JSON (${(e as Error).message}).`);
    }
    if (!isObj(value) || (!Array.isArray(value.nodes) && !Array.isArray(value.edges)))
      return fail('This is not a JSON Canvas file: it has no "nodes" or "edges" list.');
    const b = new MapBuilder();
    const top = isObj(value.weavemap) ? value.weavemap : {};
    b.title = str(top.title);
    const nodes = Array.isArray(value.nodes) ? value.nodes : [];
    const groups: { id: string; box: [number, number, number, number]; area: number }[] = [];
    for (const n of nodes)
      if (isObj(n) && n.type === 'group' && typeof n.id === 'string') {
        const [x, y, w, h] = [fin(n.x) ?? 0, fin(n.y) ?? 0, fin(n.width) ?? 0, fin(n.height) ?? 0];
        groups.push({ id: n.id, box: [x, y, x + w, y + h], area: w * h });
      }
    groups.sort((a, b2) => a.area - b2.area);
    nodes.forEach((n, i) => {
      const where = `nodes[${i}]`;
      if (!isObj(n) || typeof n.id !== 'string') {
        b.error(where, 'id', 'A node needs an id.');
        return;
      }
      const ext = isObj(n.weavemap) ? n.weavemap : {};
      const [x, y, w, h] = [
        fin(n.x) ?? 0,
        fin(n.y) ?? 0,
        fin(n.width) ?? NODE_W,
        fin(n.height) ?? NODE_H,
      ];
      const centre: Position = [x + w / 2, y + h / 2];
      if (n.type === 'link' && isObj(ext.source)) {
        const s = ext.source;
        const url = str(n.url) ?? '';
        if (!isHttpUrl(url)) {
          b.warn(where, 'url', `A source with a non-http(s) address was left out.`);
          return;
        }
        const { quotes, linkedTo, title, ...fields } = s;
        b.source({
          where,
          ref: n.id,
          url,
          title: str(title),
          fields,
          quotes: Array.isArray(quotes) ? (quotes as never[]) : [],
          linkedTo: Array.isArray(linkedTo)
            ? linkedTo.filter((t): t is string => typeof t === 'string')
            : [],
        });
        return;
      }
      // Exact position when the node was not moved in the canvas since Weavemap wrote it.
      const extPos =
        Array.isArray(ext.position) && ext.position.length === 2
          ? (ext.position as number[])
          : undefined;
      const position: Position =
        extPos &&
        Math.round(extPos[0]! - w / 2) === x &&
        Math.round(extPos[1]! - h / 2) === y &&
        n.type !== 'group'
          ? [extPos[0]!, extPos[1]!]
          : extPos && n.type === 'group'
            ? [extPos[0]!, extPos[1]!]
            : centre;
      let label: string;
      let description = '';
      const extra: Record<string, unknown> = isObj(ext.fields) ? { ...ext.fields } : {};
      let kind = str(ext.kind);
      if (n.type === 'text') {
        const text = str(n.text) ?? '';
        if (
          typeof ext.label === 'string' &&
          text === textOf(ext.label, str(ext.description) ?? '')
        ) {
          label = ext.label;
          description = str(ext.description) ?? '';
        } else ({ label, description } = parseText(text));
      } else if (n.type === 'group') {
        label = str(n.label) ?? '';
        description = str(ext.description) ?? '';
        kind = 'group';
      } else if (n.type === 'file') {
        label = str(n.file) ?? '';
        extra.file = str(n.file);
        kind ??= 'note';
      } else if (n.type === 'link') {
        const url = str(n.url) ?? '';
        kind ??= 'note';
        if (isHttpUrl(url)) {
          label = url;
          extra.url = url;
        } else {
          label = 'Link';
          b.warn(
            where,
            'url',
            'A link to a non-http(s) address was kept as a note without its address.',
          );
        }
      } else {
        b.warn(where, 'type', `Node type '${String(n.type)}' is unknown; read as a text note.`);
        label = str(n.text) ?? '';
        kind ??= 'note';
      }
      const color = str(n.color);
      if (color && !HEX.test(color)) extra.canvasColor = color;
      let parent = str(ext.parent);
      if (!parent && n.type !== 'group') {
        const inside = groups.find(
          (g) =>
            centre[0] >= g.box[0] &&
            centre[0] <= g.box[2] &&
            centre[1] >= g.box[1] &&
            centre[1] <= g.box[3],
        );
        parent = inside?.id;
      }
      const validKind =
        kind === 'factor' ||
        kind === 'actor' ||
        kind === 'intervention' ||
        kind === 'note' ||
        kind === 'group';
      b.element({
        where,
        ref: n.id,
        kind: validKind ? (kind as ElementKind) : n.type === 'text' ? 'factor' : 'note',
        label,
        description,
        tags: Array.isArray(ext.tags)
          ? ext.tags.filter((t): t is string => typeof t === 'string')
          : [],
        position,
        actorType: ext.actorType as never,
        leverageLevel: fin(ext.leverageLevel),
        color: color && HEX.test(color) ? color : undefined,
        pinned: ext.pinned === true ? true : undefined,
        parent,
        extra,
      });
    });
    const edges = Array.isArray(value.edges) ? value.edges : [];
    edges.forEach((ed, i) => {
      const where = `edges[${i}]`;
      if (!isObj(ed)) {
        b.error(where, '', 'An edge must be an object.');
        return;
      }
      const ext = isObj(ed.weavemap) ? ed.weavemap : {};
      const shown = str(ed.label) ?? '';
      const extKind = ext.kind === 'causal' || ext.kind === 'relationship' ? ext.kind : undefined;
      const extLabel = str(ext.label) ?? '';
      const polarity = ext.polarity === '+' || ext.polarity === '-' ? ext.polarity : undefined;
      let label = shown;
      let kind: 'causal' | 'relationship' | undefined = extKind;
      let pol: Polarity | undefined = polarity;
      if (extKind && shown === edgeLabel(extLabel, extKind, polarity)) label = extLabel;
      else if (!extKind && (shown === '+' || shown === '-')) {
        kind = 'causal';
        pol = shown;
        label = '';
      }
      const fromEnd = ed.fromEnd === 'arrow';
      const toEnd = ed.toEnd !== 'none';
      b.connection({
        where,
        ref: str(ed.id),
        from: str(ed.fromNode) ?? '',
        to: str(ed.toNode) ?? '',
        kind: kind ?? 'relationship',
        polarity: pol,
        delay: ext.delay === true ? true : undefined,
        direction: fromEnd && toEnd ? 'mutual' : fromEnd || toEnd ? 'directed' : 'undirected',
        strength: fin(ext.strength),
        label,
        description: str(ext.description),
        tags: Array.isArray(ext.tags)
          ? ext.tags.filter((t): t is string => typeof t === 'string')
          : [],
        proposed: ext.proposed === true ? true : undefined,
        extra: isObj(ext.fields) ? { ...ext.fields } : undefined,
      });
    });
    if (Array.isArray(top.loops))
      top.loops.forEach((l, i) => {
        if (!isObj(l)) return;
        b.loop({
          where: `weavemap.loops[${i}]`,
          name: str(l.name) ?? '',
          note: str(l.note),
          signature: str(l.signature),
          members: Array.isArray(l.members)
            ? l.members.filter((m): m is string => typeof m === 'string')
            : [],
        });
      });
    return b.finish();
  });
}
