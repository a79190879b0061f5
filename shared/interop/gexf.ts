import type { Direction, MapSnapshot } from '../schema/types';
import { MapBuilder } from './builder';
import {
  analysisAttrs,
  attrText,
  builtinEdgeValue,
  builtinNodeValue,
  connectionFromAttrs,
  customAttrs,
  EDGE_FIELDS,
  elementFromAttrs,
  NODE_FIELDS,
  typedValue,
  type AnalysisColumns,
  type AttrDef,
} from './graph-attrs';
import { byId } from './kumu-table';
import { guard, ImportRefused, type ImportInput, type ImportResult } from './model';
import {
  attr,
  child,
  children,
  escAttr,
  escText,
  num,
  parseXml,
  textOf,
  type XmlNode,
} from './xml';

/**
 * GEXF 1.3 (Gephi): nodes and edges with typed attributes, positions as `viz:position`, colours
 * as `viz:color`, direction as the edge `type`. Reads GEXF 1.3 and the 1.2 draft that Gephi
 * writes (namespaces are ignored, so both read alike).
 */

export interface GexfOptions {
  /** Analysis results to add as node attributes, e.g. `{ cluster, betweenness }`. */
  readonly analysis?: AnalysisColumns;
}

const GEXF_TYPE: Record<string, string> = {
  string: 'string',
  double: 'double',
  integer: 'integer',
  boolean: 'boolean',
};

function attributesBlock(cls: 'node' | 'edge', defs: readonly AttrDef[]): string {
  if (!defs.length) return '';
  const lines = defs.map(
    (d) =>
      `      <attribute id="${escAttr(d.id)}" title="${escAttr(d.title)}" type="${GEXF_TYPE[d.type]}"/>`,
  );
  return `    <attributes class="${cls}">\n${lines.join('\n')}\n    </attributes>\n`;
}

function attvalues(defs: readonly AttrDef[], rec: Record<string, unknown>): string {
  const out: string[] = [];
  for (const d of defs) {
    const t = attrText(d.read(rec));
    if (t !== undefined) out.push(`<attvalue for="${escAttr(d.id)}" value="${escAttr(t)}"/>`);
  }
  return out.length ? `<attvalues>${out.join('')}</attvalues>` : '';
}

function hexToRgb(hex: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : undefined;
}

export function exportGexf(snapshot: MapSnapshot, options: GexfOptions = {}): string {
  const elements = byId(snapshot.elements);
  const connections = byId(snapshot.connections);
  // Gephi's node size rides in the custom field `size` (see import) and goes back as viz:size.
  const sizes = elements.map((e) => e.extra[SIZE_FIELD]).filter((v) => v !== undefined);
  const sizeAsViz = sizes.length > 0 && sizes.every(isVizSize);
  const edgeType = edgeTypes(connections);
  const nodeDefs: AttrDef[] = [
    ...NODE_FIELDS.map(([name, type]) => ({
      id: name,
      title: name,
      type,
      read: (r: Record<string, unknown>) => builtinNodeValue(r as never, name),
    })),
    ...customAttrs(elements, 'x').filter((d) => !(sizeAsViz && d.title === SIZE_FIELD)),
    ...analysisAttrs(options.analysis, 'a'),
  ];
  const edgeDefs: AttrDef[] = [
    ...EDGE_FIELDS.map(([name, type]) => ({
      id: name,
      title: name,
      type,
      read: (r: Record<string, unknown>) => builtinEdgeValue(r as never, name),
    })),
    ...customAttrs(connections, 'x'),
  ];
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
    `  <meta><creator>Weavemap</creator><description>${escText(snapshot.meta.title)}</description></meta>\n`,
    `  <graph defaultedgetype="${edgeType.graph}" mode="static">\n`,
    attributesBlock('node', nodeDefs),
    attributesBlock('edge', edgeDefs),
    '    <nodes>\n',
  ];
  for (const e of elements) {
    const rgb = e.color ? hexToRgb(e.color) : undefined;
    const size = sizeAsViz ? e.extra[SIZE_FIELD] : undefined;
    parts.push(
      `      <node id="${escAttr(e.id)}" label="${escAttr(e.label)}">${attvalues(nodeDefs, e as never)}` +
        (isVizSize(size) ? `<viz:size value="${num(size)}"/>` : '') +
        `<viz:position x="${num(e.position[0])}" y="${num(e.position[1])}" z="0"/>` +
        (rgb ? `<viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>` : '') +
        '</node>\n',
    );
  }
  parts.push('    </nodes>\n    <edges>\n');
  // Two-way edges first: NetworkX's read_gexf looks for parallel edges only in the forward
  // direction, so a directed edge written after a mutual one between the same two nodes is
  // seen as parallel (and kept), while written before it would be merged away.
  const twoWayFirst = [
    ...connections.filter((c) => edgeType.edge(c.direction)),
    ...connections.filter((c) => !edgeType.edge(c.direction)),
  ];
  for (const c of twoWayFirst) {
    parts.push(
      `      <edge id="${escAttr(c.id)}" source="${escAttr(c.from)}" target="${escAttr(c.to)}"` +
        (edgeType.edge(c.direction) ? ` type="${edgeType.edge(c.direction)}"` : '') +
        (c.label ? ` label="${escAttr(c.label)}"` : '') +
        (c.weight !== undefined ? ` weight="${num(c.weight)}"` : '') +
        `>${attvalues(edgeDefs, c as never)}</edge>\n`,
    );
  }
  parts.push('    </edges>\n  </graph>\n</gexf>\n');
  return parts.join('');
}

/** The custom field that holds a node's `viz:size`. */
export const SIZE_FIELD = 'size';

const isVizSize = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * How directions are written so that both Gephi and NetworkX open the file. NetworkX refuses an
 * edge whose `type` contradicts `defaultedgetype` ("Undirected edge found in directed graph"),
 * and Gephi knows only `directed` and `undirected` as an edge's type. So: a graph with only
 * undirected ties is `undirected`; any other is `directed`, with mutual ties (and, in a mixed
 * graph, undirected ones) as `type="mutual"`, which NetworkX reads as an arc each way and
 * Gephi as a directed edge. The exact direction also rides in the `direction` attribute.
 */
export function edgeTypes(connections: readonly { direction: Direction }[]): {
  graph: 'directed' | 'undirected';
  edge: (d: Direction) => string | undefined;
} {
  const undirectedOnly =
    connections.length > 0 && connections.every((c) => c.direction === 'undirected');
  if (undirectedOnly) return { graph: 'undirected', edge: () => undefined };
  return { graph: 'directed', edge: (d) => (d === 'directed' ? undefined : 'mutual') };
}

function readDefs(
  graph: XmlNode,
  cls: string,
): Map<string, { title: string; type: string | undefined }> {
  const out = new Map<string, { title: string; type: string | undefined }>();
  for (const block of children(graph, 'attributes')) {
    if ((attr(block, 'class') ?? 'node') !== cls) continue;
    for (const a of children(block, 'attribute')) {
      const id = attr(a, 'id');
      if (id !== undefined) out.set(id, { title: attr(a, 'title') ?? id, type: attr(a, 'type') });
    }
  }
  return out;
}

function values(
  node: XmlNode,
  defs: ReadonlyMap<string, { title: string; type: string | undefined }>,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const block of children(node, 'attvalues'))
    for (const v of children(block, 'attvalue')) {
      const id = attr(v, 'for') ?? attr(v, 'id');
      if (id === undefined) continue;
      const def = defs.get(id);
      const text = attr(v, 'value') ?? textOf(v);
      out.set(def?.title ?? id, typedValue(text, def?.type));
    }
  return out;
}

const numAttr = (n: XmlNode | undefined, name: string): number | undefined => {
  const t = attr(n, name);
  if (t === undefined) return undefined;
  const v = Number(t);
  return t.trim() !== '' && Number.isFinite(v) ? v : undefined;
};

const hex2 = (n: number): string =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');

const EDGE_TYPES = new Set(['directed', 'undirected', 'mutual']);

export function importGexf(input: ImportInput): ImportResult {
  return guard(() => {
    const doc = parseXml(input);
    const root = child(doc, 'gexf');
    if (!root) throw new ImportRefused('This is not a GEXF file (no <gexf> element).');
    const graph = child(root, 'graph');
    if (!graph) throw new ImportRefused('This GEXF file has no <graph>.');
    const b = new MapBuilder();
    const desc = textOf(child(child(root, 'meta'), 'description')).trim();
    if (desc) b.title = desc;
    const nodeDefs = readDefs(graph, 'node');
    const edgeDefs = readDefs(graph, 'edge');
    const defaultType = attr(graph, 'defaultedgetype') ?? 'undirected';
    let n = 0;
    const visit = (container: XmlNode | undefined, parent: string | undefined): void => {
      for (const block of children(container, 'nodes'))
        for (const node of children(block, 'node')) {
          n++;
          const id = attr(node, 'id') ?? '';
          const where = `node '${id || `#${n}`}'`;
          const pos = child(node, 'position');
          const x = numAttr(pos, 'x');
          const y = numAttr(pos, 'y');
          const col = child(node, 'color');
          const r = numAttr(col, 'r');
          const g = numAttr(col, 'g');
          const bl = numAttr(col, 'b');
          const vals = values(node, nodeDefs);
          const size = numAttr(child(node, 'size'), 'value');
          if (size !== undefined)
            vals.set(vals.has(SIZE_FIELD) ? `viz:${SIZE_FIELD}` : SIZE_FIELD, size);
          const pid = parent ?? attr(node, 'pid');
          if (pid && !vals.has('parent')) vals.set('parent', pid);
          b.element(
            elementFromAttrs(
              {
                where,
                ref: id,
                label: attr(node, 'label') ?? id,
                position: x !== undefined && y !== undefined ? [x, y] : undefined,
                color:
                  r !== undefined && g !== undefined && bl !== undefined
                    ? `#${hex2(r)}${hex2(g)}${hex2(bl)}`
                    : undefined,
              },
              vals,
            ),
          );
          visit(node, id); // GEXF hierarchies: nodes inside a node
        }
    };
    visit(graph, undefined);
    let m = 0;
    for (const block of children(graph, 'edges'))
      for (const edge of children(block, 'edge')) {
        m++;
        const id = attr(edge, 'id');
        const where = `edge '${id ?? `#${m}`}'`;
        const t = attr(edge, 'type') ?? defaultType;
        const weight = numAttr(edge, 'weight');
        b.connection(
          connectionFromAttrs(
            {
              where,
              ref: id,
              from: attr(edge, 'source') ?? '',
              to: attr(edge, 'target') ?? '',
              label: attr(edge, 'label') ?? '',
              direction: EDGE_TYPES.has(t) ? (t as Direction) : undefined,
              weight,
            },
            values(edge, edgeDefs),
          ),
        );
      }
    return b.finish();
  });
}
