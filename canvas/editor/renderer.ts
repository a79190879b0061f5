import {
  select,
  zoom as d3zoom,
  zoomIdentity,
  type D3ZoomEvent,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import {
  drawFrame,
  onHandle,
  visibleRect,
  type ConnectionPreview,
  type FrameStats,
  type RemoteCursor,
  type RemoteSelection,
  type View,
} from './draw';
import type { Point, Rect } from './geometry';
import type { VoteDots } from './draw-votes';
import { elementsInRectScene, hitTestScene, type Hit } from './hit-test';
import { InteractionController } from './interaction';
import { attachPointerInput } from './pointer-input';
import { DEFAULT_LABEL_BUDGET, LabelCache } from './labels';
import { LABEL_FONT, type PlacedLabel } from './label-layout';
import { Scene } from './scene';
import { EditorState } from './editor-state';
import { LIGHT_PALETTE } from './theme';
import type { MapRenderer, MapRendererOptions, Viewport } from './renderer-api';
import { readableFit } from './readable-fit';
import { boundsOf, frameTransform } from './fit';
import { LoopMarkerCache } from './loop-marker-cache';
import { MovePreview } from './move-preview';
import { idleRouting, ROUTE_SYNC_LIMIT } from './idle-routing';
import type { MapLegend } from './draw-marks';
import { WhatIfLayer } from './draw-whatif';

/**
 * The map editor's renderer: a Canvas 2D view of a `MapSnapshot` with d3-zoom pan and zoom,
 * culling, batched drawing, hit-testing, overlays and pointer gestures that report intents.
 * Nothing here writes the document. See README.md beside it.
 */

export type { MapRenderer, MapRendererOptions, Viewport } from './renderer-api';

export function createMapRenderer(
  canvas: HTMLCanvasElement,
  opts: MapRendererOptions = {},
): MapRenderer {
  const ctx = canvas.getContext('2d', { alpha: false })!;
  if (!ctx) throw new Error('This browser cannot draw the map: Canvas 2D is unavailable.');
  let palette = opts.palette ?? LIGHT_PALETTE;
  const labels = LabelCache.forContext(ctx);
  const scene = new Scene((text) => labels.wordsWidth(LABEL_FONT, text), ROUTE_SYNC_LIMIT);
  const routing = idleRouting(scene, () => requestRender()); // a big map's bends, after paint
  let showLabels = opts.labels ?? true;
  let lastLayout: readonly PlacedLabel[] = [];
  const labelBudget = opts.labelBudget ?? DEFAULT_LABEL_BUDGET;
  let transform: ZoomTransform = zoomIdentity;
  let cssW = 0;
  let cssH = 0;
  let dpr = 1;
  let frameId = 0;
  let viewportDirty = true;
  let destroyed = false;

  // The selection lives in the editor state; `preview` is a box selection while it is dragged
  // (the gesture's end selects through the intents, which clears it).
  const state = opts.state ?? new EditorState();
  let preview: ReadonlySet<string> | null = null;
  const selection = (): ReadonlySet<string> => preview ?? state.selectionSet;
  const offState = state.subscribe('selection', () => {
    preview = null;
    // A selection outside what was framed ends the framing's fade.
    const sel = state.selectionSet;
    if (focus && (!sel.size || [...sel].some((id) => !focus!.has(id)))) focus = null;
    requestRender();
  });
  let hover: string | null = null;
  let highlight: ReadonlySet<string> | null = null;
  /** What a view framed (kept at full strength while hovers come and go); see `frame`. */
  let focus: ReadonlySet<string> | null = null;
  const markers = new LoopMarkerCache(scene);
  let remoteSelections: RemoteSelection[] = [];
  let cursors: readonly RemoteCursor[] = [];
  let rubberBand: Rect | null = null;
  let connectionPreview: ConnectionPreview | null = null;
  let handleFor: string | null = null;
  let badges: ReadonlyMap<string, number> | null = null;
  let voteDots: ReadonlyMap<string, VoteDots> | null = null;
  let legend: MapLegend | null = null;

  const frameCallbacks: (() => void)[] = [];
  // What-if marks: a layer over the map that a step redraws alone (draw-whatif.ts).
  const whatIf = new WhatIfLayer(canvas, () => requestRender(false));
  let mapDirty = true;

  function requestRender(map = true): void {
    if (map) mapDirty = true;
    if (frameId || destroyed) return;
    frameId = requestAnimationFrame(frame);
  }

  function frame(): void {
    frameId = 0;
    const cbs = frameCallbacks.splice(0);
    for (const cb of cbs) cb();
    if (mapDirty) renderNow();
    else whatIf.draw(scene, view(), palette.bg, true);
  }

  function view(): View {
    return { k: transform.k, tx: transform.x, ty: transform.y, width: cssW, height: cssH, dpr };
  }

  function getViewport(): Viewport {
    const { k, x, y } = transform;
    return { rect: visibleRect(view()), zoom: k, transform: { k, x, y } };
  }

  function renderNow(): FrameStats {
    if ((window.devicePixelRatio || 1) !== dpr) resize();
    mapDirty = false;
    const t0 = performance.now();
    const stats = drawFrame(
      ctx,
      scene,
      view(),
      {
        selection: selection(),
        hover,
        highlight: highlight ?? focus,
        remoteSelections,
        cursors,
        rubberBand,
        connectionPreview,
        handleFor,
        badges,
        voteDots,
        legend,
        loopMarkers: markers.anchors(),
      },
      palette,
      labels,
      labelBudget,
      showLabels,
    );
    lastLayout = stats.layout;
    whatIf.draw(scene, view(), palette.bg, false);
    routing.kick();
    opts.onFrame?.({
      elements: stats.elements,
      connections: stats.connections,
      labels: stats.labels,
      ms: performance.now() - t0,
    });
    if (viewportDirty) {
      viewportDirty = false;
      const v = getViewport();
      state.setViewport(v);
      opts.onViewportChange?.(v);
    }
    return { elements: stats.elements, connections: stats.connections, labels: stats.labels };
  }

  function resize(): void {
    const rect = canvas.getBoundingClientRect();
    cssW = Math.max(1, rect.width);
    cssH = Math.max(1, rect.height);
    dpr = window.devicePixelRatio || 1;
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    viewportDirty = true;
    requestRender();
  }

  function screenToMap(p: Point): Point {
    return { x: (p.x - transform.x) / transform.k, y: (p.y - transform.y) / transform.k };
  }

  function mapToScreen(p: Point): Point {
    return { x: p.x * transform.k + transform.x, y: p.y * transform.k + transform.y };
  }

  function hitTest(p: Point): Hit | null {
    const m = screenToMap(p);
    return hitTestScene(scene, m.x, m.y, transform.k);
  }

  function hitHandle(p: Point): string | null {
    return handleFor && onHandle(scene.elements.get(handleFor), p.x, p.y, view())
      ? handleFor
      : null;
  }

  const moves = new MovePreview(scene);

  // d3-zoom: wheel and pinch zoom; drag pans unless the interaction controller took the press.
  const zoomBehavior: ZoomBehavior<HTMLCanvasElement, unknown> = d3zoom<
    HTMLCanvasElement,
    unknown
  >()
    .scaleExtent([opts.minZoom ?? 0.02, opts.maxZoom ?? 8])
    // The canvas's size as last measured by resize(): d3-zoom's default reads clientWidth and
    // clientHeight on every gesture event, forcing a layout of the whole page mid-frame.
    .extent(() => [
      [0, 0],
      [cssW, cssH],
    ])
    .filter((event: Event) => {
      if (event.type === 'wheel') return !controller.busy;
      const me = event as MouseEvent;
      if (me.ctrlKey || me.button) return false;
      return !controller.busy && !me.shiftKey;
    })
    .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      transform = event.transform;
      viewportDirty = true;
      requestRender();
    });
  const selection$ = select(canvas);
  selection$.call(zoomBehavior).on('dblclick.zoom', null);

  function applyTransform(t: ZoomTransform, durationMs = 0): void {
    if (durationMs > 0)
      selection$.transition().duration(durationMs).call(zoomBehavior.transform, t);
    else selection$.call(zoomBehavior.transform, t);
  }

  const controller = new InteractionController(
    {
      hitTest,
      hitHandle,
      screenToMap,
      elementsInRect: (r) => elementsInRectScene(scene, r),
      getSelection: selection,
      setSelection: (ids) => {
        preview = new Set(ids);
        requestRender();
      },
      setHover: (id) => api.setHover(id),
      setHandle: (id) => {
        if (id !== handleFor) {
          handleFor = id;
          requestRender();
        }
      },
      setRubberBand: (r) => api.setRubberBand(r),
      setConnectionPreview: (p) => api.setConnectionPreview(p),
      previewMove: (ids, dx, dy) => (moves.preview(ids, dx, dy), requestRender()),
      endMovePreview: (committed) => (moves.end(committed), requestRender()),
      recordPosition: (id) => scene.elements.get(id)?.rec.position,
      isGroup: (id) => scene.elements.get(id)?.rec.kind === 'group',
      childrenOf: (id) => scene.childrenOf(id),
      isElement: (id) => scene.elements.has(id),
      setCursor: (c) => {
        if (canvas.style.cursor !== c) canvas.style.cursor = c;
      },
    },
    opts.intents ?? {},
    {
      readOnly: opts.readOnly ?? false,
      emptyDrag: opts.emptyDrag ?? 'pan',
      scheduleFrame: (cb) => {
        frameCallbacks.push(cb);
        requestRender();
      },
    },
  );

  const detachPointer = attachPointerInput(canvas, controller);
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => resize()) : null;
  observer?.observe(canvas);

  /** A setter that stores its value and draws the next frame. */
  const redraw =
    <T>(assign: (value: T) => void) =>
    (value: T): void => {
      assign(value);
      requestRender();
    };

  const api: MapRenderer = {
    scene,
    setSnapshot(next) {
      const change = scene.update(next);
      moves.snapshotArrived();
      const keep = (id: string): boolean => scene.elements.has(id) || scene.connections.has(id);
      const sel = selection();
      if ([...sel].some((id) => !keep(id))) {
        const kept = [...sel].filter(keep);
        preview = null;
        if (opts.intents?.onSelectionChange) opts.intents.onSelectionChange(kept);
        else state.setSelection(kept);
      }
      requestRender();
      return change;
    },
    setTheme: redraw((p) => (palette = p)),
    setSelection(ids) {
      state.setSelection([...ids]);
    },
    getSelection: selection,
    setHover(id) {
      if (hover !== id) {
        hover = id;
        requestRender();
      }
    },
    setHighlight: redraw((ids) => (highlight = ids ? new Set(ids) : null)),
    getHighlight: () => highlight ?? focus,
    setFocus: redraw((ids) => (focus = ids ? new Set(ids) : null)),
    setLoopMarkers: redraw((specs) => markers.set(specs)),
    loopMarkers: () => markers.anchors(),
    setLegend: redraw((next) => (legend = next)),
    getLegend: () => legend,
    setEncodings: redraw((encodings) => scene.setEncodings(encodings)),
    whatIf,
    setRemoteSelections: redraw(
      (list) => (remoteSelections = list.map((r) => ({ ...r, ids: new Set(r.ids) }))),
    ),
    setCursors: redraw((list) => (cursors = list)),
    setEvidenceBadges: redraw((next) => (badges = next)),
    setVoteDots: redraw((next) => (voteDots = next)),
    setRubberBand: redraw((r) => (rubberBand = r)),
    setConnectionPreview: redraw((p) => (connectionPreview = p)),
    setReadOnly(ro) {
      controller.readOnly = ro;
      if (ro) handleFor = null;
      requestRender();
    },
    setEmptyDrag(mode) {
      controller.emptyDrag = mode;
    },
    hitTest,
    elementsInRect: (r) => elementsInRectScene(scene, r),
    screenToMap,
    mapToScreen,
    getTransform: () => ({ k: transform.k, x: transform.x, y: transform.y }),
    getViewport,
    zoomTo(k, center, durationMs = 0) {
      const [lo, hi] = zoomBehavior.scaleExtent();
      const kk = Math.min(hi, Math.max(lo, k));
      const c = center ?? screenToMap({ x: cssW / 2, y: cssH / 2 });
      applyTransform(
        zoomIdentity.translate(cssW / 2 - c.x * kk, cssH / 2 - c.y * kk).scale(kk),
        durationMs,
      );
    },
    setTransform(t, durationMs = 0) {
      applyTransform(zoomIdentity.translate(t.x, t.y).scale(t.k), durationMs);
    },
    fitToContent(padding = 40, durationMs = 0) {
      // The canvas may have changed size since the last ResizeObserver callback (a panel was
      // just hidden): fit to the size it has now, not the size it had.
      resize();
      const [lo, hi] = zoomBehavior.scaleExtent();
      // A zoom at which the labels read (readable-fit.ts); without labels, the plain frame.
      const t = readableFit({
        ...{ scene, labels, width: cssW, height: cssH, padding, selection: selection() },
        ...{ minZoom: lo, maxZoom: hi, budget: showLabels ? labelBudget : 0 },
      });
      if (!t) applyTransform(zoomIdentity.translate(cssW / 2, cssH / 2), durationMs);
      else applyTransform(zoomIdentity.translate(t.x, t.y).scale(t.k), durationMs);
    },
    frame(ids, padding = 64, durationMs = 0) {
      resize();
      const b = boundsOf(scene, ids);
      const [lo, hi] = zoomBehavior.scaleExtent();
      const t = b && frameTransform(b, transform, cssW, cssH, padding, lo, hi);
      if (t) applyTransform(zoomIdentity.translate(t.x, t.y).scale(t.k), durationMs);
    },
    labelLayout: () => lastLayout,
    setLabelsShown(on) {
      showLabels = on;
      requestRender();
    },
    requestRender,
    renderNow,
    resize,
    destroy() {
      destroyed = true;
      offState();
      routing.cancel();
      if (frameId) cancelAnimationFrame(frameId);
      observer?.disconnect();
      whatIf.destroy();
      detachPointer();
      selection$.on('.zoom', null);
      selection$.interrupt();
    },
  };
  resize();
  return api;
}
