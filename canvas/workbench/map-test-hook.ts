import type { MapRenderer } from '../editor/index';

/**
 * Test hook (documented in test/support/app.ts): what the map editor draws about others and
 * itself, set on `window.__weavemap.editor` only when RoomView created `window.__weavemap`.
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
