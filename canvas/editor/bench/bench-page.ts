import { createMapRenderer } from '../renderer';
import { randomMap } from './random-map';
import { DARK_PALETTE, LIGHT_PALETTE } from '../theme';
import { showcaseMap } from './showcase';
import { createSvgBaseline } from './svg-baseline';

/**
 * The renderer benchmark page (canvas/bench.html): `?renderer=canvas|svg&n=5000&duration=4000`.
 * Generates a seeded map, paints it, then runs a scripted pan-and-zoom (from the whole map to
 * working zoom 1.0 and back, panning on a circle) and reports frames per second from rAF
 * timestamps and the time to first full paint on `window.__benchResult`.
 */

export interface BenchResult {
  readonly renderer: 'canvas' | 'svg';
  readonly n: number;
  readonly fps: number;
  readonly frames: number;
  readonly durationMs: number;
  readonly firstPaintMs: number;
  readonly generateMs: number;
  /** 95th percentile of frame-to-frame intervals. */
  readonly p95FrameMs: number;
  /** Canvas only: mean time spent in the draw call. */
  readonly meanDrawMs?: number;
  /** With `?flush=1`: mean time to rasterise a frame (getImageData right after the draw). */
  readonly meanFlushMs?: number;
  /** The slowest frame intervals, with the zoom level they ended at (diagnostics). */
  readonly slowest: readonly { readonly ms: number; readonly k: number }[];
}

declare global {
  interface Window {
    __benchResult?: BenchResult;
    __benchError?: string;
  }
}

const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
/** Resolves after the current frame has been rendered (a task queued from a rAF callback). */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(null);
    }),
  );

async function run(): Promise<BenchResult> {
  const params = new URLSearchParams(location.search);
  const kind = params.get('renderer') === 'svg' ? 'svg' : 'canvas';
  const n = Math.max(1, Math.min(200_000, Number(params.get('n') ?? 5000) || 5000));
  const duration = Math.max(500, Number(params.get('duration') ?? 4000) || 4000);
  const seed = Number(params.get('seed') ?? 1) || 1;
  const stage = document.getElementById('stage')!;

  const g0 = performance.now();
  const snapshot = randomMap(n, seed);
  const generateMs = performance.now() - g0;

  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const e of snapshot.elements.values()) {
    x0 = Math.min(x0, e.position[0]);
    y0 = Math.min(y0, e.position[1]);
    x1 = Math.max(x1, e.position[0]);
    y1 = Math.max(y1, e.position[1]);
  }
  const W = stage.clientWidth;
  const H = stage.clientHeight;
  const k0 = Math.min((W - 80) / (x1 - x0 + 200), (H - 80) / (y1 - y0 + 200), 1);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const radius = 0.25 * Math.min(x1 - x0, y1 - y0);

  let draws = 0;
  let drawMs = 0;
  let flushMs = 0;
  const flush = params.get('flush') === '1';
  let setTransform: (t: { k: number; x: number; y: number }) => void;
  const p0 = performance.now();
  if (kind === 'canvas') {
    const canvas = document.createElement('canvas');
    stage.append(canvas);
    const r = createMapRenderer(canvas, {
      // `?labels=off`: shapes and lines only, to price the semantic-zoom labels.
      labels: params.get('labels') !== 'off',
      onFrame: (s) => {
        draws++;
        drawMs += s.ms;
        // `?flush=1` (diagnostics): rasterise now, so a profile charges the canvas's raster
        // work to this call instead of to the compositor's commit.
        if (flush) {
          const f0 = performance.now();
          canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
          flushMs += performance.now() - f0;
        }
      },
    });
    r.setSnapshot(snapshot);
    r.fitToContent();
    setTransform = (t) => r.setTransform(t);
  } else {
    const svg = createSvgBaseline(stage, snapshot);
    svg.fitToContent();
    setTransform = (t) => svg.setTransform(t);
  }
  await afterPaint();
  const firstPaintMs = performance.now() - p0;
  draws = 0;
  drawMs = 0;
  flushMs = 0;

  const start = await nextFrame();
  const stamps: number[] = [start];
  const zooms: number[] = [k0];
  for (;;) {
    const now = await nextFrame();
    stamps.push(now);
    const t = (now - start) / duration;
    if (t >= 1) break;
    // Zoom geometrically from the whole map (k0) to working zoom 1 and back, panning on a circle.
    const s = 0.5 - 0.5 * Math.cos(2 * Math.PI * t);
    const k = k0 * Math.pow(1 / k0, s);
    const px = cx + radius * Math.cos(2 * Math.PI * t) * s;
    const py = cy + radius * Math.sin(2 * Math.PI * t) * s;
    setTransform({ k, x: W / 2 - px * k, y: H / 2 - py * k });
    zooms.push(k);
  }
  const elapsed = stamps[stamps.length - 1]! - start;
  const frames = stamps.slice(1).map((v, i) => ({ ms: v - stamps[i]!, k: zooms[i] ?? k0 }));
  const intervals = frames.map((f) => f.ms).sort((a, b) => a - b);
  const p95 =
    intervals[Math.min(intervals.length - 1, Math.ceil(intervals.length * 0.95) - 1)] ?? 0;
  return {
    renderer: kind,
    n,
    fps: ((stamps.length - 1) / elapsed) * 1000,
    frames: stamps.length - 1,
    durationMs: elapsed,
    firstPaintMs,
    generateMs,
    p95FrameMs: p95,
    slowest: frames.sort((a, b) => b.ms - a.ms).slice(0, 8),
    ...(kind === 'canvas' && draws ? { meanDrawMs: drawMs / draws } : {}),
    ...(flush && draws ? { meanFlushMs: flushMs / draws } : {}),
  };
}

/** bench.html?showcase=1[&theme=dark]: a still view of every kind and overlay, for screenshots. */
function showcase(dark: boolean): void {
  const canvas = document.createElement('canvas');
  document.getElementById('stage')!.append(canvas);
  const log = document.getElementById('result')!;
  const r = createMapRenderer(canvas, {
    palette: dark ? DARK_PALETTE : LIGHT_PALETTE,
    intents: {
      onSelectionChange: (ids) => (log.textContent = `selected ${ids.join(', ')}`),
      onMoveCommit: (moves) => (log.textContent = `moved ${moves.map((m) => m.id).join(', ')}`),
      onConnect: (a, b) => (log.textContent = `connect ${a} -> ${b}`),
      onCreateAt: (p) => (log.textContent = `create at ${p.x.toFixed(0)}, ${p.y.toFixed(0)}`),
      onRename: (id) => (log.textContent = `rename ${id}`),
    },
  });
  r.setSnapshot(showcaseMap());
  r.fitToContent(40);
  r.setSelection(['f2']);
  r.setRemoteSelections([{ id: 'u2', color: '#bf3989', ids: ['i1'] }]);
  r.setCursors([
    { id: 'u2', name: 'Mei', color: '#bf3989', x: 900, y: 180 },
    { id: 'u3', name: 'Jonas (facilitator)', color: '#1a7f37', x: 300, y: 420 },
  ]);
  r.setHover('o1');
  if (new URLSearchParams(location.search).get('highlight'))
    r.setHighlight(['f1', 'f2', 'f3', 'f4', 'k1', 'k2', 'k3', 'k4']);
  (window as unknown as { __renderer: unknown }).__renderer = r;
}

const params = new URLSearchParams(location.search);
if (params.get('showcase')) showcase(params.get('theme') === 'dark');
else
  run().then(
    (result) => {
      window.__benchResult = result;
      document.getElementById('result')!.textContent =
        `${result.renderer} n=${result.n}: ${result.fps.toFixed(1)} fps, first paint ${result.firstPaintMs.toFixed(0)} ms`;
    },
    (err: unknown) => {
      window.__benchError = err instanceof Error ? err.message : String(err);
    },
  );
