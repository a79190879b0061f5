/** JSON Canvas 1.0 records and the node size and text conventions its export and import share. */

export const NODE_W = 260;
export const NODE_H = 80;

export interface CanvasNode {
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
  subpath?: string;
  background?: string;
  backgroundStyle?: string;
  weavemap?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface CanvasEdge {
  id: string;
  fromNode: string;
  toNode: string;
  fromEnd?: 'none' | 'arrow';
  toEnd?: 'none' | 'arrow';
  label?: string;
  color?: string;
  fromSide?: string;
  toSide?: string;
  weavemap?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface JsonCanvas {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  weavemap?: Record<string, unknown>;
}

/** A text node's text: the label, then a blank line and the description if there is one. */
export const textOf = (label: string, description: string): string =>
  description ? `${label}\n\n${description}` : label;

/** The label an edge shows: its own, else a causal connection's polarity. */
export const edgeLabel = (label: string, kind: string, polarity?: string): string =>
  label || (kind === 'causal' && polarity ? polarity : '');

/**
 * What a canvas says that a map has no field for, kept in custom fields so it goes back out:
 * a node's type (`file`, `link`), file, subpath, url, size, colour preset and group background;
 * an edge's sides and colour. Keys the JSON Canvas 1.0 spec does not define (a plugin's) ride
 * along as JSON text in `canvas:<key>`.
 */
export const CANVAS_FIELDS = {
  type: 'canvasType',
  width: 'canvasWidth',
  height: 'canvasHeight',
  color: 'canvasColor',
  file: 'file',
  subpath: 'subpath',
  url: 'url',
  background: 'canvasBackground',
  backgroundStyle: 'canvasBackgroundStyle',
  fromSide: 'fromSide',
  toSide: 'toSide',
} as const;

export const OTHER_PREFIX = 'canvas:';

export const NODE_KEYS = new Set([
  'id',
  'type',
  'x',
  'y',
  'width',
  'height',
  'color',
  'text',
  'file',
  'subpath',
  'url',
  'label',
  'background',
  'backgroundStyle',
  'weavemap',
]);
export const EDGE_KEYS = new Set([
  'id',
  'fromNode',
  'toNode',
  'fromSide',
  'toSide',
  'fromEnd',
  'toEnd',
  'color',
  'label',
  'weavemap',
]);

/** Keys a canvas record has that the spec does not define, as custom fields. */
export function otherKeys(
  rec: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec))
    if (!known.has(k) && v !== undefined) out[OTHER_PREFIX + k] = JSON.stringify(v);
  return out;
}

/** The custom fields `otherKeys` made, back as canvas keys (unparseable text is left out). */
export function restoreOtherKeys(
  extra: Readonly<Record<string, unknown>>,
  into: Record<string, unknown>,
  known: ReadonlySet<string>,
): void {
  for (const [k, v] of Object.entries(extra)) {
    if (!k.startsWith(OTHER_PREFIX) || typeof v !== 'string') continue;
    const key = k.slice(OTHER_PREFIX.length);
    if (known.has(key) || key in into) continue;
    try {
      into[key] = JSON.parse(v) as unknown;
    } catch {
      // not JSON any more (edited by hand): not written
    }
  }
}

/** Custom fields that are canvas-only: not copied into `weavemap.fields` on export. */
export const isCanvasField = (k: string): boolean =>
  k.startsWith(OTHER_PREFIX) ||
  k === CANVAS_FIELDS.type ||
  k === CANVAS_FIELDS.width ||
  k === CANVAS_FIELDS.height ||
  k === CANVAS_FIELDS.color ||
  k === CANVAS_FIELDS.background ||
  k === CANVAS_FIELDS.backgroundStyle ||
  k === CANVAS_FIELDS.fromSide ||
  k === CANVAS_FIELDS.toSide ||
  k === CANVAS_FIELDS.subpath;
