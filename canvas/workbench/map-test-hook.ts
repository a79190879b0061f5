import type { MapRenderer } from '../editor/index';

/**
 * Helpers of MapEditor.svelte. Test hook (documented in test/support/app.ts): what the map editor
 * draws about others and itself, set on `window.__weavemap.editor` in test builds only
 * (VITE_TEST_HOOKS=1), when RoomView created `window.__weavemap`.
 */
export interface MapEditorProbe {
  cursors(): readonly { id: string; name: string; color: string; x: number; y: number }[];
  remoteSelections(): { id: string; color: string; ids: string[] }[];
  remoteDragging(): string[];
  evidenceBadges(): Record<string, number>;
}

export function installMapTestHook(
  r: MapRenderer,
  canvas: HTMLCanvasElement,
  probe: MapEditorProbe,
): void {
  // Built in only when VITE_TEST_HOOKS=1 (npm run test:e2e): the constant folds and the rest
  // of this function is left out of what people run.
  if (import.meta.env.VITE_TEST_HOOKS !== '1') return;
  const hook = (window as unknown as { __weavemap?: Record<string, unknown> }).__weavemap;
  if (!hook) return;
  hook.editor = {
    renderer: r,
    ...probe,
    viewport: () => {
      const v = r.getViewport();
      return { x: v.rect.x + v.rect.width / 2, y: v.rect.y + v.rect.height / 2, zoom: v.zoom };
    },
    elementCenter: (id: string) => {
      const g = r.scene.elements.get(id);
      if (!g) return null;
      const p = r.mapToScreen({ x: g.cx, y: g.cy });
      const box = canvas.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    /** Elements left off the map: id -> why. */
    invalidElements: () => Object.fromEntries(r.scene.invalid),
  };
}

/**
 * Where the inline label editor goes (screen px, relative to the canvas): over the element, or
 * over a connection's middle; null when the target is not on the map.
 */
export function renameBoxFor(
  r: MapRenderer,
  target: { type: 'element' | 'connection'; id: string },
): { x: number; y: number; w: number; h: number } | null {
  const k = r.getViewport().zoom;
  if (target.type === 'element') {
    const g = r.scene.elements.get(target.id);
    if (!g) return null;
    const p = r.mapToScreen({ x: g.x, y: g.y });
    const w = Math.max(160, g.w * k);
    return { x: p.x + (g.w * k - w) / 2, y: p.y + (g.h * k) / 2 - 16, w, h: 32 };
  }
  const c = r.scene.connections.get(target.id);
  if (!c) return null;
  const p = r.mapToScreen({ x: c.qx, y: c.qy });
  return { x: p.x - 100, y: p.y - 16, w: 200, h: 32 };
}
