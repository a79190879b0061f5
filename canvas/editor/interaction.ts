import type { Position } from '../../shared/schema/types';
import { rectFromCorners, type Point, type Rect } from './geometry';
import type { Hit } from './hit-test';
import type { ConnectionPreview } from './draw';

/**
 * Pointer gestures on the map, turned into intents. The controller never writes the document:
 * it changes local view state (selection, hover, previews) through its host and reports what
 * the user meant through `EditorIntents`.
 *
 * Gestures (the decision this module documents):
 * - drag on empty space pans (d3-zoom does it; the controller declines the pointer), unless
 *   `emptyDrag` is 'select', when it draws a selection box;
 * - shift + drag anywhere box-selects, adding to the selection;
 * - click selects; shift + click toggles; click on empty space clears the selection;
 * - drag an element moves the selection (a group frame carries its children);
 * - drag from an element's connect handle (the dot on its right edge) to another element
 *   connects them;
 * - double-click empty space creates; double-click an element or connection renames it;
 * - Escape during a drag cancels it.
 */

export interface EditorIntents {
  /** The selection the user made (the renderer already shows it). */
  onSelectionChange?(ids: readonly string[]): void;
  /** At most once per animation frame while dragging: the offset from where the drag began. */
  onMovePreview?(ids: readonly string[], dx: number, dy: number): void;
  /** Once, when a move ends: each moved element's new position. */
  onMoveCommit?(moves: readonly { id: string; position: Position }[]): void;
  onCreateAt?(point: Point): void;
  onRename?(id: string, type: 'element' | 'connection'): void;
  onConnect?(fromId: string, toId: string): void;
  onHover?(hit: Hit | null): void;
}

/** What the controller needs from the renderer. */
export interface InteractionHost {
  hitTest(screen: Point): Hit | null;
  /** The element whose connect handle is under the screen point, if any. */
  hitHandle(screen: Point): string | null;
  screenToMap(screen: Point): Point;
  elementsInRect(rect: Rect): string[];
  getSelection(): ReadonlySet<string>;
  setSelection(ids: Iterable<string>): void;
  setHover(id: string | null): void;
  setHandle(id: string | null): void;
  setRubberBand(rect: Rect | null): void;
  setConnectionPreview(p: ConnectionPreview | null): void;
  /** Shows `ids` moved by (dx, dy) from their recorded positions. */
  previewMove(ids: readonly string[], dx: number, dy: number): void;
  /** Ends a move preview; `committed` keeps the moved positions until the snapshot catches up. */
  endMovePreview(committed: boolean): void;
  /** Record position of an element (before any preview). */
  recordPosition(id: string): Position | undefined;
  isGroup(id: string): boolean;
  childrenOf(id: string): Iterable<string>;
  isElement(id: string): boolean;
  setCursor(cursor: string): void;
}

export interface PointerInput {
  /** CSS px relative to the canvas's top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly button: number;
  readonly shiftKey: boolean;
}

export interface InteractionOptions {
  readonly readOnly?: boolean;
  readonly emptyDrag?: 'pan' | 'select';
  /** Movement (CSS px) before a press becomes a drag. */
  readonly dragThreshold?: number;
  /** Runs a callback before the next frame (requestAnimationFrame in the browser). */
  readonly scheduleFrame: (cb: () => void) => void;
}

type State =
  | { type: 'idle' }
  | { type: 'emptyPress'; start: Point }
  | { type: 'press'; start: Point; hit: Hit; toggle: boolean }
  | {
      type: 'move';
      start: Point;
      startMap: Point;
      ids: string[];
      dx: number;
      dy: number;
      frameQueued: boolean;
    }
  | { type: 'box'; startMap: Point; base: ReadonlySet<string> }
  | { type: 'connect'; fromId: string };

export class InteractionController {
  private state: State = { type: 'idle' };
  readOnly: boolean;
  emptyDrag: 'pan' | 'select';
  private readonly threshold: number;

  constructor(
    private readonly host: InteractionHost,
    private readonly intents: EditorIntents,
    private readonly opts: InteractionOptions,
  ) {
    this.readOnly = opts.readOnly ?? false;
    this.emptyDrag = opts.emptyDrag ?? 'pan';
    this.threshold = opts.dragThreshold ?? 3;
  }

  /** True while the controller owns a gesture (d3-zoom must not pan then). */
  get busy(): boolean {
    return this.state.type !== 'idle' && this.state.type !== 'emptyPress';
  }

  get gesture(): State['type'] {
    return this.state.type;
  }

  /** Handles a primary-button press; returns true when the controller takes the gesture. */
  down(e: PointerInput): boolean {
    if (e.button !== 0) return false;
    const p = { x: e.x, y: e.y };
    if (!this.readOnly && !e.shiftKey) {
      const from = this.host.hitHandle(p);
      if (from) {
        this.state = { type: 'connect', fromId: from };
        const m = this.host.screenToMap(p);
        this.host.setConnectionPreview({ fromId: from, x: m.x, y: m.y, toId: null });
        this.host.setCursor('crosshair');
        return true;
      }
    }
    const hit = this.host.hitTest(p);
    if (e.shiftKey) {
      if (hit) this.state = { type: 'press', start: p, hit, toggle: true };
      else this.startBox(p, true);
      return true;
    }
    if (hit) {
      if (!this.host.getSelection().has(hit.id)) this.select([hit.id]);
      this.state = { type: 'press', start: p, hit, toggle: false };
      return true;
    }
    if (this.emptyDrag === 'select') {
      this.startBox(p, false);
      return true;
    }
    this.state = { type: 'emptyPress', start: p };
    return false;
  }

  move(e: PointerInput): void {
    const p = { x: e.x, y: e.y };
    const s = this.state;
    switch (s.type) {
      case 'idle':
        this.hover(p);
        return;
      case 'emptyPress':
        return;
      case 'press': {
        if (Math.hypot(p.x - s.start.x, p.y - s.start.y) < this.threshold) return;
        if (s.toggle) {
          this.startBox(s.start, true);
          this.move(e);
          return;
        }
        if (this.readOnly || s.hit.type !== 'element') {
          this.state = { type: 'idle' };
          return;
        }
        const ids = this.movableSelection();
        this.state = {
          type: 'move',
          start: s.start,
          startMap: this.host.screenToMap(s.start),
          ids,
          dx: 0,
          dy: 0,
          frameQueued: false,
        };
        this.host.setHandle(null);
        this.host.setCursor('grabbing');
        this.move(e);
        return;
      }
      case 'move': {
        const m = this.host.screenToMap(p);
        s.dx = m.x - s.startMap.x;
        s.dy = m.y - s.startMap.y;
        this.host.previewMove(s.ids, s.dx, s.dy);
        if (!s.frameQueued) {
          s.frameQueued = true;
          this.opts.scheduleFrame(() => {
            if (this.state !== s) return;
            s.frameQueued = false;
            this.intents.onMovePreview?.(s.ids, s.dx, s.dy);
          });
        }
        return;
      }
      case 'box': {
        const rect = rectFromCorners(s.startMap, this.host.screenToMap(p));
        this.host.setRubberBand(rect);
        this.host.setSelection(new Set([...s.base, ...this.host.elementsInRect(rect)]));
        return;
      }
      case 'connect': {
        const m = this.host.screenToMap(p);
        const hit = this.host.hitTest(p);
        const toId = hit && hit.type === 'element' && hit.id !== s.fromId ? hit.id : null;
        this.host.setConnectionPreview({ fromId: s.fromId, x: m.x, y: m.y, toId });
        return;
      }
    }
  }

  up(e: PointerInput): void {
    const p = { x: e.x, y: e.y };
    const s = this.state;
    this.state = { type: 'idle' };
    switch (s.type) {
      case 'emptyPress':
        if (
          Math.hypot(p.x - s.start.x, p.y - s.start.y) < this.threshold &&
          this.host.getSelection().size
        )
          this.select([]);
        break;
      case 'press':
        if (s.toggle) {
          const next = new Set(this.host.getSelection());
          if (next.has(s.hit.id)) next.delete(s.hit.id);
          else next.add(s.hit.id);
          this.select([...next]);
        } else {
          const sel = this.host.getSelection();
          if (sel.size !== 1 || !sel.has(s.hit.id)) this.select([s.hit.id]);
        }
        break;
      case 'move': {
        const moved = s.dx !== 0 || s.dy !== 0;
        if (moved) this.intents.onMovePreview?.(s.ids, s.dx, s.dy);
        const moves: { id: string; position: Position }[] = [];
        if (moved) {
          for (const id of s.ids) {
            const pos = this.host.recordPosition(id);
            if (pos) moves.push({ id, position: [pos[0] + s.dx, pos[1] + s.dy] });
          }
        }
        const committed = moves.length > 0 && this.intents.onMoveCommit !== undefined;
        this.host.endMovePreview(committed);
        if (committed) this.intents.onMoveCommit!(moves);
        break;
      }
      case 'box':
        this.host.setRubberBand(null);
        this.intents.onSelectionChange?.([...this.host.getSelection()]);
        break;
      case 'connect': {
        this.host.setConnectionPreview(null);
        const hit = this.host.hitTest(p);
        if (hit && hit.type === 'element' && hit.id !== s.fromId)
          this.intents.onConnect?.(s.fromId, hit.id);
        break;
      }
      case 'idle':
        break;
    }
    this.hover(p);
  }

  /** Abandons the gesture in progress (Escape, lost pointer capture). */
  cancel(): void {
    const s = this.state;
    this.state = { type: 'idle' };
    if (s.type === 'move') this.host.endMovePreview(false);
    if (s.type === 'box') {
      this.host.setRubberBand(null);
      this.host.setSelection(s.base);
    }
    if (s.type === 'connect') this.host.setConnectionPreview(null);
    this.host.setCursor('default');
  }

  dblclick(e: PointerInput): void {
    const p = { x: e.x, y: e.y };
    const hit = this.host.hitTest(p);
    if (hit) this.intents.onRename?.(hit.id, hit.type);
    else if (!this.readOnly) this.intents.onCreateAt?.(this.host.screenToMap(p));
  }

  leave(): void {
    if (this.state.type !== 'idle') return;
    this.host.setHover(null);
    this.host.setHandle(null);
    this.intents.onHover?.(null);
  }

  private lastHover: string | null = null;

  private hover(p: Point): void {
    const handle = this.readOnly ? null : this.host.hitHandle(p);
    const hit = handle ? ({ type: 'element', id: handle } as const) : this.host.hitTest(p);
    const id = hit?.id ?? null;
    if (id !== this.lastHover) {
      this.lastHover = id;
      this.host.setHover(id);
      this.intents.onHover?.(hit);
    }
    const showHandle = !this.readOnly && hit?.type === 'element' && !this.host.isGroup(hit.id);
    this.host.setHandle(showHandle ? hit.id : null);
    this.host.setCursor(
      handle ? 'crosshair' : hit ? (this.readOnly ? 'pointer' : 'move') : 'default',
    );
  }

  private select(ids: string[]): void {
    this.host.setSelection(ids);
    this.intents.onSelectionChange?.(ids);
  }

  private startBox(p: Point, additive: boolean): void {
    this.state = {
      type: 'box',
      startMap: this.host.screenToMap(p),
      base: additive ? new Set(this.host.getSelection()) : new Set(),
    };
    this.host.setCursor('crosshair');
  }

  /** Selected elements plus everything inside selected group frames (frames carry children). */
  private movableSelection(): string[] {
    const out = new Set<string>();
    const visit = (id: string, depth: number): void => {
      if (out.has(id) || !this.host.isElement(id)) return;
      out.add(id);
      if (depth < 8 && this.host.isGroup(id))
        for (const c of this.host.childrenOf(id)) visit(c, depth + 1);
    };
    for (const id of this.host.getSelection()) visit(id, 0);
    return [...out];
  }
}
