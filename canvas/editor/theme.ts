/**
 * The editor's colours. The workbench sets CSS custom properties (`--wm-factor`, `--wm-bg`, ...)
 * per theme; `readPalette` reads them once per theme change and the renderer takes the result
 * through `setTheme`, so no frame ever touches computed styles.
 */

export interface Palette {
  readonly bg: string;
  readonly text: string;
  readonly textMuted: string;
  readonly factor: string;
  readonly factorStroke: string;
  readonly actor: string;
  readonly actorStroke: string;
  readonly intervention: string;
  readonly interventionStroke: string;
  readonly note: string;
  readonly noteStroke: string;
  readonly frame: string;
  readonly frameStroke: string;
  readonly causal: string;
  readonly relationship: string;
  readonly positive: string;
  readonly negative: string;
  readonly selection: string;
  readonly hover: string;
  readonly highlight: string;
  readonly rubberBand: string;
}

export const LIGHT_PALETTE: Palette = {
  bg: '#f8f7f4',
  text: '#1f2328',
  textMuted: '#59636e',
  factor: '#ffffff',
  factorStroke: '#5b6b7f',
  actor: '#e6f0ff',
  actorStroke: '#2f5fa8',
  intervention: '#fff1dc',
  interventionStroke: '#b86b00',
  note: '#fff6a8',
  noteStroke: '#c9b400',
  frame: 'rgba(120, 130, 160, 0.10)',
  frameStroke: '#9aa3b5',
  causal: '#4a5563',
  relationship: '#9aa0a8',
  positive: '#0a66c2',
  negative: '#c4460b',
  selection: '#0969da',
  hover: '#54aeff',
  highlight: '#bf8700',
  rubberBand: '#0969da',
};

export const DARK_PALETTE: Palette = {
  bg: '#16181d',
  text: '#e6edf3',
  textMuted: '#9198a1',
  factor: '#262b33',
  factorStroke: '#8b96a5',
  actor: '#1d2d44',
  actorStroke: '#6ea8fe',
  intervention: '#3a2a12',
  interventionStroke: '#e3a54a',
  note: '#4a4420',
  noteStroke: '#d6c45a',
  frame: 'rgba(160, 170, 200, 0.10)',
  frameStroke: '#5d6573',
  causal: '#aab4c0',
  relationship: '#6e7681',
  positive: '#6cb6ff',
  negative: '#ff9a5c',
  selection: '#4493f8',
  hover: '#79c0ff',
  highlight: '#d29922',
  rubberBand: '#4493f8',
};

/** Palette key -> CSS custom property name: `textMuted` -> `--wm-text-muted`. */
export function cssVariableFor(key: keyof Palette): string {
  return `--wm-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Reads `--wm-*` properties from an element's computed style; unset ones keep `fallback`. */
export function readPalette(el: Element, fallback: Palette = LIGHT_PALETTE): Palette {
  const style = getComputedStyle(el);
  const out: Record<string, string> = {};
  for (const key of Object.keys(fallback) as (keyof Palette)[]) {
    const v = style.getPropertyValue(cssVariableFor(key)).trim();
    out[key] = v || fallback[key];
  }
  return out as unknown as Palette;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** A group-chosen element colour, if it is a well-formed #rrggbb (anything else is ignored). */
export function safeColor(c: string | undefined): string | undefined {
  return c !== undefined && HEX.test(c) ? c : undefined;
}
