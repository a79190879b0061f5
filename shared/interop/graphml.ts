import type { MapSnapshot } from '../schema/types';
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
  type AttrType,
} from './graph-attrs';
import { byId } from './kumu-table';
import { guard, ImportRefused, type ImportInput, type ImportResult } from './model';
import { attr, child, children, escAttr, escText, parseXml, textOf, type XmlNode } from './xml';

/**
 * GraphML (yEd, Cytoscape, NetworkX): typed `<key>`s and `<data>`, positions as `x`/`y` keys.
 * Reads yEd's graphics (`y:ShapeNode` geometry and label, `y:GroupNode` folders with nested
 * graphs, edge labels and arrows) when the plain keys are absent.
 */

export interface GraphmlOptions {
  readonly analysis?: AnalysisColumns;
}

const GRAPHML_TYPE: Record<AttrType, string> = {
  string: 'string',
  double: 'double',
  integer: 'int',
  boolean: 'boolean',
};

export function exportGraphml(snapshot: MapSnapshot, options: GraphmlOptions = {}): string {
  const elements = byId(snapshot.elements);
  const connections = byId(snapshot.connections);
  const rec = (r: unknown) => r as Record<string, unknown>;
  const nodeDefs: AttrDef[] = [
    { id: 'n_label', title: 'label', type: 'string', read: (r) => r.label },
    ...NODE_FIELDS.map(([name, type]) => ({
      id: `n_${name}`,
      title: name,
      type,
      read: (r: Record<string, unknown>) => builtinNodeValue(r as never, name),
    })),
    { id: 'n_color', title: 'color', type: 'string', read: (r) => r.color },
    { id: 'n_x', title: 'x', type: 'double', read: (r) => (r.position as number[])[0] },
    { id: 'n_y', title: 'y', type: 'double', read: (r) => (r.position as number[])[1] },
    ...customAttrs(elements, 'n_x'),
    ...analysisAttrs(options.analysis, 'n_a'),
  ];
  const edgeDefs: AttrDef[] = [
    { id: 'e_label', title: 'label', type: 'string', read: (r) => r.label || undefined },
    ...EDGE_FIELDS.map(([name, type]) => ({
      id: `e_${name}`,
      title: name,
      type,
      read: (r: Record<string, unknown>) => builtinEdgeValue(r as never, name),
    })),
    // The edge weight as NetworkX and Gephi write it: a double key named `weight`.
    { id: 'e_weight', title: 'weight', type: 'double', read: (r) => r.weight },
    ...customAttrs(connections, 'e_x'),
  ];
  const undirectedOnly =
    connections.length > 0 && connections.every((c) => c.direction === 'undirected');
  const keyLines = [
    `  <key id="g_title" for="graph" attr.name="title" attr.type="string"/>`,
    ...nodeDefs.map(
      (d) =>
        `  <key id="${escAttr(d.id)}" for="node" attr.name="${escAttr(d.title)}" attr.type="${GRAPHML_TYPE[d.type]}"/>`,
    ),
    ...edgeDefs.map(
      (d) =>
        `  <key id="${escAttr(d.id)}" for="edge" attr.name="${escAttr(d.title)}" attr.type="${GRAPHML_TYPE[d.type]}"/>`,
    ),
  ];
  const data = (defs: readonly AttrDef[], r: Record<string, unknown>): string =>
    defs
      .map((d) => {
        const t = attrText(d.read(r));
        return t === undefined ? '' : `<data key="${escAttr(d.id)}">${escText(t)}</data>`;
      })
      .join('');
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    keyLines.join('\n') + '\n',
    // No per-edge `directed`: NetworkX refuses one that contradicts edgedefault. A mixed graph
    // is written directed; the `direction` key says which ties are undirected or mutual.
    `  <graph id="G" edgedefault="${undirectedOnly ? 'undirected' : 'directed'}"><data key="g_title">${escText(snapshot.meta.title)}</data>\n`,
  ];
  for (const e of elements)
    parts.push(`    <node id="${escAttr(e.id)}">${data(nodeDefs, rec(e))}</node>\n`);
  for (const c of connections)
    parts.push(
      `    <edge id="${escAttr(c.id)}" source="${escAttr(c.from)}" target="${escAttr(c.to)}">${data(edgeDefs, rec(c))}</edge>\n`,
    );
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}

interface KeyDef {
  readonly title: string;
  readonly type: string | undefined;
  /** yEd graphics (`yfiles.type="nodegraphics"`/`"edgegraphics"`). */
  readonly graphics: boolean;
}

const numAttr = (n: XmlNode | undefined, name: string): number | undefined => {
  const t = attr(n, name);
  if (t === undefined) return undefined;
  const v = Number(t);
  return t.trim() !== '' && Number.isFinite(v) ? v : undefined;
};

/** yEd shape graphics: the first child element that has a Geometry (ShapeNode, GenericNode, ...). */
function yedShape(data: XmlNode): XmlNode | undefined {
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('@') || k === '#text') continue;
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s !== 'object' || s === null) continue;
      const node = s as XmlNode;
      if (child(node, 'Geometry')) return node;
      // ProxyAutoBoundsNode > Realizers > GroupNode
      const realizers = child(node, 'Realizers');
      const inner = realizers ? yedShape(realizers) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}

/** GraphML's `<desc>` of a graph, node or edge (trimmed; empty when none). */
const descOf = (n: XmlNode): string => textOf(child(n, 'desc')).trim();

const isHex = (s: string): boolean => /^#[0-9a-fA-F]{6}$/.test(s);

export function importGraphml(input: ImportInput): ImportResult {
  return guard(() => {
    const doc = parseXml(input);
    const root = child(doc, 'graphml');
    if (!root) throw new ImportRefused('This is not a GraphML file (no <graphml> element).');
    const top = child(root, 'graph');
    if (!top) throw new ImportRefused('This GraphML file has no <graph>.');
    const keys = new Map<string, KeyDef>();
    // Keys are declared under <graphml>, and by some writers inside a <graph> too.
    const keyElements: XmlNode[] = [...children(root, 'key')];
    const collectKeys = (g: XmlNode): void => {
      keyElements.push(...children(g, 'key'));
      for (const n of children(g, 'node'))
        for (const inner of children(n, 'graph')) collectKeys(inner);
    };
    for (const g of children(root, 'graph')) collectKeys(g);
    for (const k of keyElements) {
      const id = attr(k, 'id');
      if (id === undefined) continue;
      const yfiles = attr(k, 'yfiles.type');
      keys.set(id, {
        title: attr(k, 'attr.name') ?? id,
        type: attr(k, 'attr.type'),
        graphics: yfiles === 'nodegraphics' || yfiles === 'edgegraphics',
      });
    }
    const b = new MapBuilder();
    const titleData = children(top, 'data').find(
      (d) => keys.get(attr(d, 'key') ?? '')?.title === 'title',
    );
    if (titleData && textOf(titleData).trim()) b.title = textOf(titleData).trim();
    else if (descOf(top)) b.title = descOf(top);

    let n = 0;
    const visitGraph = (graph: XmlNode, parent: string | undefined): void => {
      const edgeDefault = attr(graph, 'edgedefault') ?? 'directed';
      for (const node of children(graph, 'node')) {
        n++;
        const id = attr(node, 'id') ?? '';
        const where = `node '${id || `#${n}`}'`;
        const vals = new Map<string, unknown>();
        let shape: XmlNode | undefined;
        for (const d of children(node, 'data')) {
          const def = keys.get(attr(d, 'key') ?? '');
          if (def?.graphics) shape ??= yedShape(d);
          else vals.set(def?.title ?? attr(d, 'key') ?? '', typedValue(textOf(d), def?.type));
        }
        const nested = child(node, 'graph');
        const takeNum = (name: string): number | undefined => {
          const v = vals.get(name);
          vals.delete(name);
          return typeof v === 'number' ? v : undefined;
        };
        let x = takeNum('x');
        let y = takeNum('y');
        const geo = child(shape, 'Geometry');
        if ((x === undefined || y === undefined) && geo) {
          const gx = numAttr(geo, 'x') ?? 0;
          const gy = numAttr(geo, 'y') ?? 0;
          x = gx + (numAttr(geo, 'width') ?? 0) / 2;
          y = gy + (numAttr(geo, 'height') ?? 0) / 2;
        }
        let label = vals.get('label');
        vals.delete('label');
        if (typeof label !== 'string' && typeof vals.get('name') === 'string') {
          label = vals.get('name'); // Cytoscape
          vals.delete('name');
        }
        if (typeof label !== 'string')
          label =
            children(shape, 'NodeLabel')
              .map(textOf)
              .find((t) => t.trim())
              ?.trim() ?? id;
        let color: string | undefined;
        const c = vals.get('color');
        if (typeof c === 'string' && isHex(c)) {
          color = c;
          vals.delete('color');
        } else {
          const fill = attr(child(shape, 'Fill'), 'color');
          if (fill && isHex(fill.slice(0, 7))) color = fill.slice(0, 7);
        }
        if (descOf(node) && !vals.has('description')) vals.set('description', descOf(node));
        if (parent && !vals.has('parent')) vals.set('parent', parent);
        if (nested && !vals.has('kind')) vals.set('kind', 'group'); // yEd folder / group node
        b.element(
          elementFromAttrs(
            {
              where,
              ref: id,
              label: label as string,
              position: x !== undefined && y !== undefined ? [x, y] : undefined,
              color,
            },
            vals,
          ),
        );
        if (nested) visitGraph(nested, id);
      }
      let m = 0;
      for (const edge of children(graph, 'edge')) {
        m++;
        const id = attr(edge, 'id');
        const where = `edge '${id ?? `#${m}`}'`;
        const vals = new Map<string, unknown>();
        let graphics: XmlNode | undefined;
        for (const d of children(edge, 'data')) {
          const def = keys.get(attr(d, 'key') ?? '');
          if (def?.graphics) graphics = d;
          else vals.set(def?.title ?? attr(d, 'key') ?? '', typedValue(textOf(d), def?.type));
        }
        let label = vals.get('label');
        vals.delete('label');
        let arrows: XmlNode | undefined;
        if (graphics)
          for (const [k, v] of Object.entries(graphics)) {
            if (k.startsWith('@') || k === '#text' || typeof v !== 'object' || v === null) continue;
            const line = (Array.isArray(v) ? v[0] : v) as XmlNode;
            if (typeof label !== 'string') {
              const el = children(line, 'EdgeLabel')
                .map(textOf)
                .find((t) => t.trim());
              if (el) label = el.trim();
            }
            arrows ??= child(line, 'Arrows');
          }
        if (descOf(edge) && !vals.has('description')) vals.set('description', descOf(edge));
        // `weight` as NetworkX and Gephi name it (any case); a text one stays a custom field.
        const weightKey = [...vals.keys()].find(
          (k) => k.toLowerCase() === 'weight' && typeof vals.get(k) === 'number',
        );
        const weight = weightKey === undefined ? undefined : vals.get(weightKey);
        if (weightKey !== undefined) vals.delete(weightKey);
        const directedAttr = attr(edge, 'directed');
        let directed =
          directedAttr !== undefined ? directedAttr === 'true' : edgeDefault === 'directed';
        let mutual = false;
        if (arrows) {
          const s = attr(arrows, 'source') ?? 'none';
          const t = attr(arrows, 'target') ?? 'none';
          directed = s !== 'none' || t !== 'none';
          mutual = s !== 'none' && t !== 'none';
        }
        b.connection(
          connectionFromAttrs(
            {
              where,
              ref: id,
              from: attr(edge, 'source') ?? '',
              to: attr(edge, 'target') ?? '',
              label: typeof label === 'string' ? label : '',
              direction: mutual ? 'mutual' : directed ? 'directed' : 'undirected',
              weight: typeof weight === 'number' ? weight : undefined,
            },
            vals,
          ),
        );
      }
    };
    for (const g of children(root, 'graph')) visitGraph(g, undefined);
    return b.finish();
  });
}
