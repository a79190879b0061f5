/** Reading a JSON Canvas into a map; text edited in Obsidian wins over the `weavemap` copy. */
import type { ElementKind, Polarity, Position } from '../schema/types';
import { isHttpUrl } from '../schema/validate';
import { MapBuilder } from './builder';
import {
  CANVAS_FIELDS,
  EDGE_KEYS,
  NODE_H,
  NODE_KEYS,
  NODE_W,
  edgeLabel,
  otherKeys,
  textOf,
} from './json-canvas-format';
import { fail, guard, type ImportInput, type ImportResult } from './model';
import { parseJsonInput } from './text';

/** A text node's label (its first non-blank line, less any # heading marks) and the rest. */
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

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const fin = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const HEX = /^#[0-9a-fA-F]{6}$/;

export function importJsonCanvas(input: ImportInput): ImportResult {
  return guard(() => {
    const value = parseJsonInput(input);
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
        label = str(ext.label) ?? str(n.file) ?? '';
        description = str(ext.description) ?? '';
        extra[CANVAS_FIELDS.type] = 'file';
        extra[CANVAS_FIELDS.file] = str(n.file);
        if (str(n.subpath)) extra[CANVAS_FIELDS.subpath] = str(n.subpath);
        kind ??= 'note';
      } else if (n.type === 'link') {
        const url = str(n.url) ?? '';
        kind ??= 'note';
        if (isHttpUrl(url)) {
          label = str(ext.label) ?? url;
          description = str(ext.description) ?? '';
          extra[CANVAS_FIELDS.type] = 'link';
          extra[CANVAS_FIELDS.url] = url;
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
      if (color && !HEX.test(color)) extra[CANVAS_FIELDS.color] = color;
      if (n.type !== 'group' && (w !== NODE_W || h !== NODE_H)) {
        extra[CANVAS_FIELDS.width] = w;
        extra[CANVAS_FIELDS.height] = h;
      }
      if (n.type === 'group') {
        if (str(n.background)) extra[CANVAS_FIELDS.background] = str(n.background);
        if (str(n.backgroundStyle)) extra[CANVAS_FIELDS.backgroundStyle] = str(n.backgroundStyle);
      }
      Object.assign(extra, otherKeys(n, NODE_KEYS));
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
      const edgeExtra: Record<string, unknown> = isObj(ext.fields) ? { ...ext.fields } : {};
      for (const side of ['fromSide', 'toSide'] as const)
        if (str(ed[side])) edgeExtra[CANVAS_FIELDS[side]] = str(ed[side]);
      if (str(ed.color)) edgeExtra[CANVAS_FIELDS.color] = str(ed.color);
      Object.assign(edgeExtra, otherKeys(ed, EDGE_KEYS));
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
        weight: fin(ext.weight),
        label,
        description: str(ext.description),
        tags: Array.isArray(ext.tags)
          ? ext.tags.filter((t): t is string => typeof t === 'string')
          : [],
        proposed: ext.proposed === true ? true : undefined,
        extra: edgeExtra,
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
