import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Legibility from the renderer's own label layout (issue #14): what the map drew, where, at what
 * size; no OCR. Shared by the map and present-mode specs.
 */

export interface Placed {
  id: string;
  kind: 'element' | 'title' | 'connection';
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  fontPx: number;
}

/** The renderer's label layout of a frame drawn now (so it is current). */
export async function labelLayout(page: Page): Promise<Placed[]> {
  return page.evaluate(() => {
    const r = (
      window as unknown as {
        __weavemap: { editor: { renderer: { renderNow(): void; labelLayout(): Placed[] } } };
      }
    ).__weavemap.editor.renderer;
    r.renderNow();
    return r.labelLayout().map((l) => ({ ...l, lines: [...l.lines] }));
  });
}

/**
 * Every element in `ids` has a drawn label at least 9 CSS px tall, wholly inside the canvas of
 * `size`, and no two drawn labels overlap.
 */
export function expectLegible(
  layout: Placed[],
  ids: readonly string[],
  size?: { width: number; height: number },
): void {
  const drawn = new Set(layout.filter((l) => l.kind !== 'connection').map((l) => l.id));
  expect(
    ids.filter((id) => !drawn.has(id)),
    'elements without a drawn label',
  ).toEqual([]);
  for (const l of layout) {
    expect(l.fontPx, `font of ${l.lines.join(' ')}`).toBeGreaterThanOrEqual(9);
    expect(l.height).toBeGreaterThanOrEqual(9);
    if (size) {
      expect(l.x >= 0 && l.y >= 0, `${l.lines.join(' ')} on screen`).toBe(true);
      expect(l.x + l.width <= size.width && l.y + l.height <= size.height).toBe(true);
    }
  }
  const overlaps: string[] = [];
  for (let i = 0; i < layout.length; i++)
    for (let j = i + 1; j < layout.length; j++) {
      const a = layout[i]!;
      const b = layout[j]!;
      if (
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height
      )
        overlaps.push(`${a.lines.join(' ')} / ${b.lines.join(' ')}`);
    }
  expect(overlaps, 'overlapping labels').toEqual([]);
}
