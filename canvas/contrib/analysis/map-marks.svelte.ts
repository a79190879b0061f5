import { untrack } from 'svelte';
import type { Loop } from '../../../shared/analysis/index';
import type { MapRenderer } from '../../editor/index';
import { frameOnMap } from '../../workbench/frame';
import { afterPaint } from '../../ui/after-paint';
import type { Workbench } from '../../workbench/workbench.svelte';
import type { AnalysisStore } from './analysis.svelte';
import { loopMarkerSpecs } from './loop-marker-specs';

const SHOW_ALL_KEY = 'weavemap.loopMarkers.all';

/**
 * What the analysis draws on the map besides colours and sizes: loop markers (named loops, the
 * loop a view points at or framed, every loop with the "loops" toggle), the network lens while
 * the Network or Weaving view is open (cluster colours, broker badges) and its legend.
 */
export class MapMarks {
  /** The "loops" toggle: a marker in every loop (kept in this browser). */
  showAllLoops = $state(false);
  /** The loop under the pointer or keyboard focus in the Loops view (its signature). */
  hovered = $state<string | null>(null);
  /** The loop last framed from a view: marked while its members stay selected. */
  framed = $state.raw<{ readonly signature: string; readonly members: readonly string[] } | null>(
    null,
  );
  readonly #wb: Workbench;
  readonly #stop: () => void;
  #destroyed = false;

  constructor(wb: Workbench, store: AnalysisStore) {
    this.#wb = wb;
    try {
      this.showAllLoops = localStorage.getItem(SHOW_ALL_KEY) === '1';
    } catch {
      // Blocked storage: the toggle starts off.
    }
    this.#stop = $effect.root(() => {
      $effect(() => {
        const result = store.result;
        const marked = new Set<string>();
        if (this.hovered) marked.add(this.hovered);
        if (this.framed) marked.add(this.framed.signature);
        const specs = result
          ? loopMarkerSpecs(
              result.system.loops.loops,
              wb.session.snapshot.loops,
              result.system.loopNotes,
              { all: this.showAllLoops, marked },
            )
          : null;
        this.#withRenderer((r) => r.setLoopMarkers(specs));
      });
      $effect(() => {
        const sel = wb.selection;
        const f = untrack(() => this.framed);
        if (f && (sel.length !== f.members.length || sel.some((id) => !f.members.includes(id))))
          this.framed = null;
      });
      $effect(() => {
        const view = wb.sidebarView;
        const on = view === 'network' || view === 'weaving';
        if (untrack(() => store.networkLens) === on) return;
        // The view opens first; the map recolours for the lens in the frame after, so a whole
        // map's redraw is not in the way of the click's own paint (issue 15, weak laptop).
        return afterPaint(() => {
          if (this.#destroyed || store.networkLens === on) return;
          store.networkLens = on;
          store.applyEncodings();
        });
      });
      $effect(() => {
        const legend = store.legend;
        const colorBy = store.shown.colorBy;
        const brokers = colorBy === 'cluster' && (store.result?.network.brokers.length ?? 0) > 0;
        this.#withRenderer((r) =>
          r.setLegend(
            legend.length
              ? {
                  title: colorBy === 'cluster' ? 'Clusters' : 'Shortest loop',
                  entries: legend.map((e) => ({
                    label: `${e.label} (${e.count})`,
                    color: e.color,
                  })),
                  brokers,
                }
              : null,
          ),
        );
      });
    });
  }

  toggleAllLoops(): void {
    this.showAllLoops = !this.showAllLoops;
    try {
      localStorage.setItem(SHOW_ALL_KEY, this.showAllLoops ? '1' : '0');
    } catch {
      // The toggle still holds for this visit.
    }
    this.#wb.say(
      this.showAllLoops
        ? 'Showing a marker in every feedback loop.'
        : 'Showing markers for named loops only.',
    );
  }

  /** Frames a loop on the map, selects its factors and marks it. */
  frameLoop(loop: Loop): void {
    frameOnMap(this.#wb, [...loop.elements, ...loop.connections], { select: loop.elements });
    this.framed = { signature: loop.signature, members: [...loop.elements] };
  }

  #withRenderer(fn: (r: MapRenderer) => void, tries = 60): void {
    const r = this.#wb.renderer;
    if (r) fn(r);
    // The map editor mounts after the map opens: try again on the next frames.
    else if (tries > 0 && !this.#destroyed)
      requestAnimationFrame(() => this.#withRenderer(fn, tries - 1));
  }

  destroy(): void {
    this.#destroyed = true;
    this.#stop();
    this.#wb.renderer?.setLoopMarkers(null);
    this.#wb.renderer?.setLegend(null);
  }
}
