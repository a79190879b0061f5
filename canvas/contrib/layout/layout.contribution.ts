import { moveElements } from '../../../shared/domain/index';
import { noteTidied } from '../../../shared/session/index';
import type { Position } from '../../../shared/schema/types';
import { onMapOpened, registerCommand, registerToolbarItem } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import { serviceId, type ServiceId } from '../../platform/services';
import type { LayoutInput, LayoutNode } from './force-layout';
import type { LayoutMessage } from './layout.worker';

/**
 * "Tidy Layout": d3-force in a Web Worker, animated on the map as it settles, then written
 * with one `moveElements` (one transaction, one undo step). Pinned elements stay; elements
 * added since the last tidy start among their neighbours.
 */

/** Per open map: the elements added since the last tidy, and whether a tidy is running. */
interface LayoutState {
  readonly fresh: Set<string>;
  running: boolean;
  destroy(): void;
}
const LAYOUT: ServiceId<LayoutState> = serviceId('layout');

function trackFresh(wb: Workbench): () => void {
  const fresh = new Set<string>();
  const stop = wb.session.onChange((c) => {
    for (const id of c.changedElements)
      if (!c.previous.elements.has(id) && c.snapshot.elements.has(id)) fresh.add(id);
  });
  return wb.services.provide(LAYOUT, { fresh, running: false, destroy: stop });
}

function layoutInput(wb: Workbench): LayoutInput {
  const snap = wb.snapshot;
  const isNew = wb.services.get(LAYOUT)?.fresh ?? new Set<string>();
  const scene = wb.renderer?.scene;
  const nodes: LayoutNode[] = [];
  for (const e of snap.elements.values()) {
    if (e.kind === 'group') continue; // frames fit their children
    if (scene?.invalid.has(e.id)) continue; // off the map (a position past the schema's limit)
    const g = scene?.elements.get(e.id);
    nodes.push({
      id: e.id,
      x: e.position[0],
      y: e.position[1],
      ...(e.pinned ? { pinned: true } : {}),
      ...(isNew.has(e.id) ? { fresh: true } : {}),
      radius: g ? Math.max(g.w, g.h) / 2 : 70,
    });
  }
  const links = [...snap.connections.values()].map((c) => ({ source: c.from, target: c.to }));
  return { nodes, links };
}

export function tidyLayout(wb: Workbench): Promise<void> {
  const state = wb.services.get(LAYOUT);
  if (state?.running) return Promise.resolve();
  const input = layoutInput(wb);
  if (input.nodes.length < 2) {
    wb.say('Nothing to tidy yet.');
    return Promise.resolve();
  }
  if (state) state.running = true;
  wb.say('Tidying the layout…');
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const scene = () => wb.renderer?.scene;
  const show = (positions: Record<string, [number, number]>) => {
    const s = scene();
    if (!s) return;
    s.setOverrides(new Map(Object.entries(positions)));
    wb.renderer?.requestRender();
  };
  return new Promise<void>((resolve) => {
    const finish = () => {
      worker.terminate();
      if (state) state.running = false;
      resolve();
    };
    worker.onmessage = (e: MessageEvent<LayoutMessage>) => {
      const msg = e.data;
      if (msg.type === 'frame') {
        requestAnimationFrame(() => show(msg.positions));
        return;
      }
      if (msg.type === 'error') {
        scene()?.clearOverrides(input.nodes.map((n) => n.id));
        wb.say(`The layout failed: ${msg.message}`, 'error');
        finish();
        return;
      }
      // Only elements that still exist; one transaction, its own undo step.
      const snap = wb.snapshot;
      const moves: [string, Position][] = Object.entries(msg.positions).filter(([id]) =>
        snap.elements.has(id),
      );
      wb.session.stopCapturing();
      // Signed with who tidied, so every screen can say it (shared/session: noteTidied).
      wb.write(() => {
        moveElements(wb.session.ctx, moves);
        noteTidied(wb.session.ctx, moves.length);
      });
      wb.session.stopCapturing();
      scene()?.clearOverrides(moves.map(([id]) => id));
      wb.renderer?.requestRender();
      state?.fresh.clear();
      wb.say(`Tidied ${moves.length} elements. Undo puts them back.`);
      finish();
    };
    worker.onerror = (e) => {
      wb.say(`The layout failed: ${e.message}`, 'error');
      finish();
    };
    worker.postMessage(input);
  });
}

export function registerLayout(): void {
  onMapOpened(trackFresh);
  registerCommand({
    id: 'layout.tidy',
    title: 'Tidy Layout',
    category: 'Map',
    keybinding: 'alt+shift+l',
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb) => tidyLayout(wb),
  });
  registerToolbarItem({ command: 'layout.tidy', label: 'Tidy layout', order: 10 });
}
