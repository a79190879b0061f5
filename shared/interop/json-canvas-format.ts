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
  weavemap?: Record<string, unknown>;
}

export interface CanvasEdge {
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

/** A text node's text: the label, then a blank line and the description if there is one. */
export const textOf = (label: string, description: string): string =>
  description ? `${label}\n\n${description}` : label;

/** The label an edge shows: its own, else a causal connection's polarity. */
export const edgeLabel = (label: string, kind: string, polarity?: string): string =>
  label || (kind === 'causal' && polarity ? polarity : '');
