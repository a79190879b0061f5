import type { Position } from '../../shared/schema/types';
import type { Scene } from './scene';
import type { ElementGeom } from './scene-geom';
import { FRAME_PADDING, FRAME_TITLE_HEIGHT } from './shapes';

/** What dropping moved elements does to frame membership, in one change with the move. */
export interface FrameDrop {
  /** Element id → the frame it now sits in (null: none), for those whose frame changed. */
  readonly parents: ReadonlyMap<string, string | null>;
  /**
   * Frames left with no member, and where they were drawn: an empty frame is drawn at its own
   * record position, so that position is written with the change and the frame stays put.
   */
  readonly emptied: ReadonlyMap<string, Position>;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An element's box at its stored position (a preview override does not count). */
function storedBox(g: ElementGeom): Box {
  const [px, py] = g.rec.position;
  return {
    x: g.bounds.x - g.cx + px,
    y: g.bounds.y - g.cy + py,
    width: g.bounds.width,
    height: g.bounds.height,
  };
}

function union(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A frame's outline around its children's boxes (as the scene draws it). */
function around(inner: Box): Box {
  return {
    x: inner.x - FRAME_PADDING,
    y: inner.y - FRAME_PADDING - FRAME_TITLE_HEIGHT,
    width: inner.width + 2 * FRAME_PADDING,
    height: inner.height + 2 * FRAME_PADDING + FRAME_TITLE_HEIGHT,
  };
}

const inside = (b: Box, x: number, y: number): boolean =>
  x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/**
 * Frame membership after a drag: an element (not a frame) dropped with its centre inside a frame
 * that is not itself moving joins it (the smallest such frame); dropped outside every frame it
 * leaves the one it was in. A frame's outline for this is the one it keeps without the moving
 * elements (around its other members, or its own size where it has none), so dragging the only
 * member of a frame out of it works although the frame follows that member while dragged.
 * Elements carried by a moving frame keep their frame.
 */
export function frameDrop(
  scene: Scene,
  moves: readonly { readonly id: string; readonly position: Position }[],
): FrameDrop {
  const moving = new Set(moves.map((m) => m.id));
  const frames: { id: string; box: Box }[] = [];
  for (const g of scene.elements.values()) {
    if (g.spec.shape !== 'frame' || moving.has(g.id)) continue;
    const stay: Box[] = [];
    const all: Box[] = [];
    for (const k of scene.childrenOf(g.id)) {
      const kg = scene.elements.get(k);
      if (!kg) continue;
      all.push(storedBox(kg));
      if (!moving.has(k)) stay.push(storedBox(kg));
    }
    // Around the members that stay; else where it was drawn before the drag; else its own size.
    const inner = union(stay) ?? union(all);
    if (inner) frames.push({ id: g.id, box: around(inner) });
    else {
      const [px, py] = g.rec.position;
      frames.push({ id: g.id, box: { x: px - g.w / 2, y: py - g.h / 2, width: g.w, height: g.h } });
    }
  }
  const parents = new Map<string, string | null>();
  for (const m of moves) {
    const g = scene.elements.get(m.id);
    if (!g || g.spec.shape === 'frame') continue;
    const was = g.rec.parent ?? null;
    if (was && moving.has(was)) continue; // carried along by its frame
    const [x, y] = m.position;
    let best: { id: string; area: number } | null = null;
    for (const f of frames) {
      const area = f.box.width * f.box.height;
      if (inside(f.box, x, y) && (!best || area < best.area)) best = { id: f.id, area };
    }
    const now = best?.id ?? null;
    if (now !== was) parents.set(m.id, now);
  }
  // Frames whose every member leaves: keep them where they were drawn.
  const emptied = new Map<string, Position>();
  for (const [id, to] of parents) {
    const from = scene.elements.get(id)?.rec.parent;
    if (!from || from === to || emptied.has(from) || !scene.elements.has(from)) continue;
    const members = [...scene.childrenOf(from)];
    if (members.some((k) => !parents.has(k))) continue;
    const all = union(
      members.flatMap((k) => {
        const kg = scene.elements.get(k);
        return kg ? [storedBox(kg)] : [];
      }),
    );
    if (!all) continue;
    const b = around(all);
    emptied.set(from, [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)]);
  }
  return { parents, emptied };
}
