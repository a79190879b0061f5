import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../schema/types';
import { escapeHtml } from './escape';

/**
 * The map as an SVG image without a browser (`npx weavemap report`, and a report made where the
 * canvas's own image export is not available), by the screen's rules and light colours: factors
 * as rounded boxes that grow to hold their label on up to three lines, actors as circles with the
 * label under them, interventions as chevrons, notes as yellow boxes, groups as dashed frames;
 * causal links as arrows in the colour-blind-safe blue (+) and vermillion (−) with the sign as
 * text beside the arrowhead, `||` across a delay; proposed introductions dashed. Label widths are
 * estimated (no fonts here), with room to spare, so text stays inside its box. Labels are escaped.
 * Past `maxLabels` elements only shapes are drawn.
 */

export interface MapSvgOptions {
  /** The least width of the image (default 400); a wider map makes it wider. */
  readonly width?: number;
  readonly maxLabels?: number;
  /** Accessible title of the image. */
  readonly title?: string;
}

/** The editor's light palette (canvas/editor/theme.ts LIGHT_PALETTE). */
const C = {
  bg: '#f8f7f4',
  text: '#1f2328',
  textMuted: '#59636e',
  factor: ['#ffffff', '#5b6b7f'],
  actor: ['#e6f0ff', '#2f5fa8'],
  intervention: ['#fff1dc', '#b86b00'],
  note: ['#fff6a8', '#c9b400'],
  group: ['none', '#9aa3b5'],
  causal: '#4a5563',
  relationship: '#9aa0a8',
  positive: '#0a66c2',
  negative: '#c4460b',
} as const;

const FONT = 13;
const LINE = 16;
/** An estimate on the wide side (system-ui averages about 0.53 em a character). */
const charW = FONT * 0.6;
const MAX_BOX_W = 240;
const MIN_BOX_W = 96;
const PAD = 60;

const n = (x: number): string => String(Math.round(x * 10) / 10);
const textW = (s: string): number => [...s].length * charW;

/** Words onto at most three lines of at most `width` px; a longer label ends with "…". */
export function wrapLabel(text: string, width: number, maxLines = 3): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (textW(next) <= width || !cur) cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  const out = lines.slice(0, maxLines).map((l) => {
    if (textW(l) <= width) return l;
    const keep = Math.max(1, Math.floor(width / charW) - 1);
    return `${[...l].slice(0, keep).join('')}…`;
  });
  if (lines.length > maxLines) {
    const last = out[maxLines - 1]!;
    const keep = Math.max(1, Math.floor(width / charW) - 1);
    out[maxLines - 1] = `${[...last].slice(0, Math.min(keep, [...last].length - 1)).join('')}…`;
  }
  return out;
}

interface Box {
  readonly e: ElementRecord;
  readonly cx: number;
  readonly cy: number;
  readonly w: number;
  readonly h: number;
  readonly lines: readonly string[];
}

function boxFor(e: ElementRecord, cx: number, cy: number, labelled: boolean): Box {
  if (e.kind === 'actor') {
    const lines = labelled ? wrapLabel(e.label, 150) : [];
    return { e, cx, cy, w: 32, h: 32, lines };
  }
  if (e.kind === 'group') return { e, cx, cy, w: 160, h: 80, lines: [] };
  const inner = MAX_BOX_W - (e.kind === 'intervention' ? 44 : 20);
  const lines = labelled ? wrapLabel(e.label, inner) : [];
  const widest = Math.max(0, ...lines.map(textW));
  const extra = e.kind === 'intervention' ? 44 : 20;
  const w = Math.min(MAX_BOX_W, Math.max(MIN_BOX_W, widest + extra));
  const h = Math.max(32, lines.length * LINE + 14);
  return { e, cx, cy, w, h, lines };
}

function shape(b: Box): string {
  const { e, cx, cy, w, h } = b;
  const [fill0, stroke] = C[e.kind];
  const fill = e.color && /^#[0-9a-f]{6}$/i.test(e.color) ? e.color : fill0;
  const x = cx - w / 2;
  const y = cy - h / 2;
  switch (e.kind) {
    case 'actor':
      return `<circle cx="${n(cx)}" cy="${n(cy)}" r="16" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
    case 'intervention':
      return `<path d="M${n(x)} ${n(y)} H${n(x + w - 16)} L${n(x + w)} ${n(cy)} L${n(x + w - 16)} ${n(y + h)} H${n(x)} L${n(x + 16)} ${n(cy)} Z" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
    case 'group':
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="8" fill="none" stroke="${stroke}" stroke-dasharray="6 4"/>`;
    default:
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${e.kind === 'note' ? 2 : 8}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
  }
}

/** Where the segment from the centre of `b` towards (dx, dy) leaves its shape. */
function exitDistance(b: Box, ux: number, uy: number): number {
  if (b.e.kind === 'actor') return 17;
  const tx = Math.abs(ux) > 1e-9 ? b.w / 2 / Math.abs(ux) : Infinity;
  const ty = Math.abs(uy) > 1e-9 ? b.h / 2 / Math.abs(uy) : Infinity;
  return Math.min(tx, ty) + 2;
}

function edge(c: ConnectionRecord, a: Box, b: Box): string {
  const len = Math.hypot(b.cx - a.cx, b.cy - a.cy) || 1;
  const ux = (b.cx - a.cx) / len;
  const uy = (b.cy - a.cy) / len;
  const s = exitDistance(a, ux, uy);
  const t = exitDistance(b, -ux, -uy);
  if (s + t >= len) return '';
  const [sx, sy] = [a.cx + ux * s, a.cy + uy * s];
  const [ex, ey] = [b.cx - ux * t, b.cy - uy * t];
  const causal = c.kind === 'causal' && !c.proposed;
  const color = !causal
    ? C.relationship
    : c.polarity === '+'
      ? C.positive
      : c.polarity === '-'
        ? C.negative
        : C.causal;
  const marker = color.slice(1);
  const attrs = [
    `x1="${n(sx)}" y1="${n(sy)}" x2="${n(ex)}" y2="${n(ey)}"`,
    `stroke="${color}"`,
    'stroke-width="1.6"',
  ];
  if (c.proposed) attrs.push('stroke-dasharray="6 5"');
  if (c.direction !== 'undirected') attrs.push(`marker-end="url(#wm-arrow-${marker})"`);
  if (c.direction === 'mutual') attrs.push(`marker-start="url(#wm-back-${marker})"`);
  let out = `<line ${attrs.join(' ')}/>`;
  if (causal && (c.polarity === '+' || c.polarity === '-')) {
    // Beside the line just before the arrowhead, on the left of the direction of travel.
    const back = Math.min(len - s - t, 11 + 10);
    const px = ex - ux * back + uy * 9;
    const py = ey - uy * back - ux * 9;
    out += `<text x="${n(px)}" y="${n(py)}" class="sign" style="fill:${color}">${c.polarity === '-' ? '−' : '+'}</text>`;
  }
  if (c.delay) {
    const mx = (sx + ex) / 2;
    const my = (sy + ey) / 2;
    const d = [-2.5, 2.5]
      .map((o) => {
        const x = mx + ux * o;
        const y = my + uy * o;
        return `M${n(x - uy * 7)} ${n(y + ux * 7)} L${n(x + uy * 7)} ${n(y - ux * 7)}`;
      })
      .join(' ');
    out += `<path d="${d}" stroke="${color}" stroke-width="1.6"/>`;
  }
  return out;
}

function label(b: Box): string {
  if (!b.lines.length) return '';
  const below = b.e.kind === 'actor';
  const top = below ? b.cy + 20 + LINE / 2 : b.cy - ((b.lines.length - 1) * LINE) / 2;
  const x = b.e.kind === 'intervention' ? b.cx + 2 : b.cx;
  return b.lines
    .map((l, i) => `<text x="${n(x)}" y="${n(top + i * LINE)}" class="lbl">${escapeHtml(l)}</text>`)
    .join('');
}

export function mapSvg(map: MapSnapshot, options: MapSvgOptions = {}): string {
  const minWidth = options.width ?? 400;
  const maxLabels = options.maxLabels ?? 400;
  const elements = [...map.elements.values()];
  const title = escapeHtml(
    options.title ?? `${map.meta.title || 'The map'}: ${elements.length} elements`,
  );
  if (elements.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${minWidth} 120" role="img"><title>${title}</title><text x="${minWidth / 2}" y="64" text-anchor="middle" font-family="sans-serif" fill="${C.textMuted}">The map is empty.</text></svg>`;
  const labelled = elements.length <= maxLabels;
  const first = elements.map((e) => boxFor(e, e.position[0], e.position[1], labelled));
  // A frame holds its members, as on screen: their bounds with a margin (a title row on top).
  const raw = first.map((b) => {
    if (b.e.kind !== 'group') return b;
    const kids = first.filter((k) => k.e.parent === b.e.id && k.e.kind !== 'group');
    if (!kids.length) return b;
    const below = (k: Box) => (k.e.kind === 'actor' ? 20 + k.lines.length * LINE : 0);
    const x0 =
      Math.min(...kids.map((k) => k.cx - Math.max(k.w, k.e.kind === 'actor' ? 150 : 0) / 2)) - 16;
    const x1 =
      Math.max(...kids.map((k) => k.cx + Math.max(k.w, k.e.kind === 'actor' ? 150 : 0) / 2)) + 16;
    const y0 = Math.min(...kids.map((k) => k.cy - k.h / 2)) - 40;
    const y1 = Math.max(...kids.map((k) => k.cy + k.h / 2 + below(k))) + 16;
    return { ...b, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
  });
  const minX = Math.min(
    ...raw.map((b) => b.cx - Math.max(b.w, b.e.kind === 'actor' ? 160 : 0) / 2),
  );
  const maxX = Math.max(
    ...raw.map((b) => b.cx + Math.max(b.w, b.e.kind === 'actor' ? 160 : 0) / 2),
  );
  const minY = Math.min(...raw.map((b) => b.cy - b.h / 2));
  const maxY = Math.max(...raw.map((b) => b.cy + b.h / 2 + (b.e.kind === 'actor' ? 70 : 0)));
  // One map unit a pixel, as the screen at 100% and the image export draw it (where boxes are
  // sized so labels never overlap); the page scales the vector image down to its width.
  const scale = 1;
  const width = Math.max(minWidth, Math.ceil(maxX - minX + 2 * PAD));
  const height = Math.round(Math.max(160, (maxY - minY) * scale + 2 * PAD));
  const boxes = new Map(
    raw.map((b) => [
      b.e.id,
      { ...b, cx: PAD + (b.cx - minX) * scale, cy: PAD + (b.cy - minY) * scale },
    ]),
  );
  const markers = [C.positive, C.negative, C.causal, C.relationship]
    .map((c) => {
      const id = c.slice(1);
      return (
        `<marker id="wm-arrow-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${c}"/></marker>` +
        `<marker id="wm-back-${id}" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10 0 L0 5 L10 10 z" fill="${c}"/></marker>`
      );
    })
    .join('');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<defs>${markers}<style>text{font-family:system-ui,sans-serif;font-size:${FONT}px;fill:${C.text};dominant-baseline:central}.sign{font-size:15px;font-weight:700;text-anchor:middle;stroke:${C.bg};stroke-width:4;paint-order:stroke}.lbl{text-anchor:middle}</style></defs>`,
    `<rect width="${width}" height="${height}" fill="${C.bg}"/>`,
  ];
  // Groups first (frames behind everything), then links, then the other shapes and labels.
  for (const b of boxes.values()) if (b.e.kind === 'group') parts.push(shape(b));
  for (const c of map.connections.values()) {
    const a = boxes.get(c.from);
    const b = boxes.get(c.to);
    if (a && b && c.from !== c.to) parts.push(edge(c, a, b));
  }
  for (const b of boxes.values()) if (b.e.kind !== 'group') parts.push(shape(b));
  if (labelled)
    for (const b of boxes.values()) {
      if (b.e.kind === 'group')
        parts.push(
          `<text x="${n(b.cx - b.w / 2 + 10)}" y="${n(b.cy - b.h / 2 + 16)}" style="fill:${C.textMuted}" font-weight="600">${escapeHtml(wrapLabel(b.e.label, 300, 1)[0] ?? '')}</text>`,
        );
      else parts.push(label(b));
    }
  parts.push('</svg>');
  return parts.join('');
}
