import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../schema/types';
import { escapeHtml } from './escape';

/**
 * The map as an SVG image, drawn from the stored positions: factors as rounded boxes, actors as
 * circles, interventions as diamonds, notes as yellow boxes, groups as dashed frames; causal
 * links as arrows with their polarity (+ / −) and a delay mark (‖); proposed introductions
 * dashed. Labels are escaped text. Past `maxLabels` elements only shapes are drawn.
 */

export interface MapSvgOptions {
  readonly width?: number;
  readonly maxLabels?: number;
  /** Accessible title of the image. */
  readonly title?: string;
}

const COLORS = {
  factor: '#e8f0fe',
  actor: '#e6f4ea',
  intervention: '#fce8e6',
  note: '#fff8c5',
  group: 'none',
} as const;
const STROKE = '#3c4043';
/** Room around the shapes for labels (half a truncated label's width) and frames. */
const PAD_X = 110;
const PAD_Y = 60;

const n = (x: number): string => String(Math.round(x * 10) / 10);

function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function shape(e: ElementRecord, x: number, y: number): string {
  const fill = e.color ?? COLORS[e.kind];
  switch (e.kind) {
    case 'actor':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="16" fill="${fill}" stroke="${STROKE}"/>`;
    case 'intervention':
      return `<path d="M${n(x)} ${n(y - 18)} L${n(x + 22)} ${n(y)} L${n(x)} ${n(y + 18)} L${n(x - 22)} ${n(y)} Z" fill="${fill}" stroke="${STROKE}"/>`;
    case 'group':
      return `<rect x="${n(x - 60)}" y="${n(y - 30)}" width="120" height="60" rx="8" fill="none" stroke="${STROKE}" stroke-dasharray="6 4"/>`;
    default:
      return `<rect x="${n(x - 48)}" y="${n(y - 14)}" width="96" height="28" rx="${e.kind === 'note' ? 2 : 8}" fill="${fill}" stroke="${STROKE}"/>`;
  }
}

function edge(
  c: ConnectionRecord,
  a: readonly [number, number],
  b: readonly [number, number],
): string {
  const [x1, y1] = a;
  const [x2, y2] = b;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  // Stop short of the shapes so the arrowhead shows.
  const sx = x1 + ux * 24;
  const sy = y1 + uy * 24;
  const ex = x2 - ux * 26;
  const ey = y2 - uy * 26;
  const causal = c.kind === 'causal';
  const attrs = [
    `x1="${n(sx)}" y1="${n(sy)}" x2="${n(ex)}" y2="${n(ey)}"`,
    `stroke="${causal ? (c.polarity === '-' ? '#c5221f' : '#1a73e8') : '#5f6368'}"`,
    'stroke-width="1.6"',
  ];
  if (c.proposed) attrs.push('stroke-dasharray="5 4"');
  if (c.direction !== 'undirected') attrs.push('marker-end="url(#wm-arrow)"');
  if (c.direction === 'mutual') attrs.push('marker-start="url(#wm-arrow-back)"');
  let out = `<line ${attrs.join(' ')}/>`;
  const mx = (sx + ex) / 2;
  const my = (sy + ey) / 2;
  if (causal && c.polarity) {
    const px = mx - uy * 10;
    const py = my + ux * 10;
    out += `<text x="${n(px)}" y="${n(py + 4)}" class="pol">${c.polarity === '-' ? '−' : '+'}</text>`;
  }
  if (c.delay) {
    out += `<text x="${n(mx + uy * 10)}" y="${n(my - ux * 10 + 4)}" class="pol">‖</text>`;
  }
  return out;
}

export function mapSvg(map: MapSnapshot, options: MapSvgOptions = {}): string {
  const width = options.width ?? 1000;
  const maxLabels = options.maxLabels ?? 400;
  const elements = [...map.elements.values()];
  const title = escapeHtml(
    options.title ?? `${map.meta.title || 'The map'}: ${elements.length} elements`,
  );
  if (elements.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 120" role="img"><title>${title}</title><text x="${width / 2}" y="64" text-anchor="middle" font-family="sans-serif" fill="#5f6368">The map is empty.</text></svg>`;
  const xs = elements.map((e) => e.position[0]);
  const ys = elements.map((e) => e.position[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(1, Math.max(...xs) - minX);
  const spanY = Math.max(1, Math.max(...ys) - minY);
  // Scale so that the map fits the width; never enlarge beyond 1:1, never squash below 1:8.
  const scale = Math.max(1 / 8, Math.min(1, (width - 2 * PAD_X) / spanX));
  const height = Math.round(Math.max(160, spanY * scale + 2 * PAD_Y));
  const at = (e: ElementRecord): readonly [number, number] => [
    PAD_X + (e.position[0] - minX) * scale,
    PAD_Y + (e.position[1] - minY) * scale,
  ];
  const pos = new Map(elements.map((e) => [e.id, at(e)]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<defs>',
    `<marker id="wm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${STROKE}"/></marker>`,
    `<marker id="wm-arrow-back" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10 0 L0 5 L10 10 z" fill="${STROKE}"/></marker>`,
    '<style>text{font-family:system-ui,sans-serif;font-size:11px;fill:#202124}.pol{font-size:14px;font-weight:700;text-anchor:middle}.lbl{text-anchor:middle}</style>',
    '</defs>',
  );
  // Groups first (frames behind everything), then links, then the other shapes.
  for (const e of elements)
    if (e.kind === 'group') parts.push(shape(e, ...(pos.get(e.id) as [number, number])));
  for (const c of map.connections.values()) {
    const a = pos.get(c.from);
    const b = pos.get(c.to);
    if (a && b && c.from !== c.to) parts.push(edge(c, a, b));
  }
  for (const e of elements)
    if (e.kind !== 'group') parts.push(shape(e, ...(pos.get(e.id) as [number, number])));
  if (elements.length <= maxLabels)
    for (const e of elements) {
      const [x, y] = pos.get(e.id) as [number, number];
      const dy = e.kind === 'actor' ? 30 : e.kind === 'group' ? -36 : 4;
      parts.push(
        `<text x="${n(x)}" y="${n(y + dy)}" class="lbl">${escapeHtml(truncate(e.label, 28))}</text>`,
      );
    }
  parts.push('</svg>');
  return parts.join('');
}
