import { describe, expect, it } from 'vitest';
import type { Position } from '../../shared/schema/types';
import { handlePosition, type ConnectionPreview } from './draw';
import type { Rect } from './geometry';
import { elementsInRectScene, hitTestScene } from './hit-test';
import { InteractionController, type EditorIntents, type InteractionHost } from './interaction';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';

/** A controller over a real scene at zoom 1 with the map origin at screen (0, 0). */
function setup(opts: { readOnly?: boolean; emptyDrag?: 'pan' | 'select' } = {}) {
  const scene = new Scene();
  scene.update(
    snap(
      [
        el('a', 0, 0),
        el('b', 400, 0),
        el('c', 0, 400),
        el('g', 0, 0, { kind: 'group' }),
        el('k1', 1000, 1000, { parent: 'g' }),
        el('k2', 1300, 1000, { parent: 'g' }),
      ],
      [conn('ab', 'a', 'b')],
    ),
  );
  const state = {
    selection: new Set<string>() as ReadonlySet<string>,
    hover: null as string | null,
    handle: null as string | null,
    band: null as Rect | null,
    preview: null as ConnectionPreview | null,
    moving: null as { ids: readonly string[]; dx: number; dy: number } | null,
    ended: [] as boolean[],
  };
  const frames: (() => void)[] = [];
  const log: { type: string; args: unknown[] }[] = [];
  const record =
    (type: string) =>
    (...args: unknown[]) =>
      log.push({ type, args });
  const intents: EditorIntents = {
    onSelectionChange: record('select'),
    onMovePreview: record('movePreview'),
    onMoveCommit: record('moveCommit') as (
      m: readonly { id: string; position: Position }[],
    ) => void,
    onCreateAt: record('create'),
    onRename: record('rename'),
    onConnect: record('connect'),
  };
  const host: InteractionHost = {
    hitTest: (p) => hitTestScene(scene, p.x, p.y, 1),
    hitHandle: (p) => {
      const g = state.handle ? scene.elements.get(state.handle) : undefined;
      if (!g) return null;
      const h = handlePosition(g);
      return Math.hypot(h.x - p.x, h.y - p.y) <= 9 ? g.id : null;
    },
    screenToMap: (p) => p,
    elementsInRect: (r) => elementsInRectScene(scene, r),
    getSelection: () => state.selection,
    setSelection: (ids) => (state.selection = new Set(ids)),
    setHover: (id) => (state.hover = id),
    setHandle: (id) => (state.handle = id),
    setRubberBand: (r) => (state.band = r),
    setConnectionPreview: (p) => (state.preview = p),
    previewMove: (ids, dx, dy) => (state.moving = { ids, dx, dy }),
    endMovePreview: (committed) => {
      state.ended.push(committed);
      state.moving = null;
    },
    recordPosition: (id) => scene.elements.get(id)?.rec.position,
    isGroup: (id) => scene.elements.get(id)?.rec.kind === 'group',
    childrenOf: (id) => scene.childrenOf(id),
    isElement: (id) => scene.elements.has(id),
    setCursor: () => {},
  };
  const ctl = new InteractionController(host, intents, {
    ...opts,
    scheduleFrame: (cb) => frames.push(cb),
  });
  const flush = () => frames.splice(0).forEach((f) => f());
  const at = (x: number, y: number, shiftKey = false) => ({ x, y, button: 0, shiftKey });
  const of = (type: string) => log.filter((l) => l.type === type).map((l) => l.args);
  return { ctl, state, flush, at, of, scene };
}

describe('InteractionController', () => {
  it('click selects; shift-click toggles; click on empty space clears', () => {
    const { ctl, state, at, of } = setup();
    expect(ctl.down(at(0, 0))).toBe(true);
    ctl.up(at(0, 0));
    expect([...state.selection]).toEqual(['a']);
    ctl.down(at(400, 0, true));
    ctl.up(at(400, 0, true));
    expect([...state.selection].sort()).toEqual(['a', 'b']);
    ctl.down(at(0, 0, true));
    ctl.up(at(0, 0, true));
    expect([...state.selection]).toEqual(['b']);
    expect(ctl.down(at(3000, 3000))).toBe(false); // d3-zoom pans from here
    ctl.up(at(3000, 3000));
    expect(state.selection.size).toBe(0);
    expect(of('select').at(-1)).toEqual([[]]);
  });

  it('selects a connection by clicking near its line', () => {
    const { ctl, state, at } = setup();
    ctl.down(at(200, 3));
    ctl.up(at(200, 3));
    expect([...state.selection]).toEqual(['ab']);
  });

  it('drags the selection: previews at most once per frame, commits once at the end', () => {
    const { ctl, state, flush, at, of } = setup();
    ctl.down(at(0, 0));
    ctl.move(at(10, 0));
    ctl.move(at(20, 5));
    ctl.move(at(30, 10));
    expect(state.moving).toEqual({ ids: ['a'], dx: 30, dy: 10 });
    expect(of('movePreview')).toHaveLength(0);
    flush();
    expect(of('movePreview')).toEqual([[['a'], 30, 10]]);
    ctl.move(at(50, 20));
    ctl.up(at(50, 20));
    flush(); // a frame queued before the release must not emit after it
    expect(of('moveCommit')).toEqual([[[{ id: 'a', position: [50, 20] }]]]);
    expect(of('movePreview').at(-1)).toEqual([['a'], 50, 20]);
    expect(state.ended).toEqual([true]);
  });

  it('moving a group frame carries its children', () => {
    const { ctl, at, of, scene } = setup();
    const g = scene.elements.get('g')!;
    ctl.down(at(g.x + 20, g.y + 10));
    ctl.move(at(g.x + 120, g.y + 10));
    ctl.up(at(g.x + 120, g.y + 10));
    const moved = (of('moveCommit')[0]![0] as { id: string }[]).map((m) => m.id).sort();
    expect(moved).toEqual(['g', 'k1', 'k2']);
  });

  it('shift+drag draws a box that adds to the selection', () => {
    const { ctl, state, at, of } = setup();
    ctl.down(at(400, 0));
    ctl.up(at(400, 0));
    ctl.down(at(-100, 350, true));
    ctl.move(at(100, 450, true));
    expect(state.band).toEqual({ x: -100, y: 350, width: 200, height: 100 });
    ctl.up(at(100, 450, true));
    expect(state.band).toBeNull();
    expect([...state.selection].sort()).toEqual(['b', 'c']);
    expect(of('select').at(-1)![0]).toEqual(expect.arrayContaining(['b', 'c']));
  });

  it("with emptyDrag 'select', a plain drag on empty space box-selects instead of panning", () => {
    const { ctl, state, at } = setup({ emptyDrag: 'select' });
    expect(ctl.down(at(-100, -100))).toBe(true);
    ctl.move(at(100, 100));
    ctl.up(at(100, 100));
    expect([...state.selection]).toEqual(['a']);
  });

  it('Escape (cancel) during a drag puts everything back and commits nothing', () => {
    const { ctl, state, at, of } = setup();
    ctl.down(at(0, 0));
    ctl.move(at(80, 0));
    ctl.cancel();
    expect(state.ended).toEqual([false]);
    expect(of('moveCommit')).toHaveLength(0);
  });

  it('drags from the connect handle to another element to connect them', () => {
    const { ctl, state, at, of, scene } = setup();
    ctl.move(at(0, 0)); // hover shows the handle
    expect(state.handle).toBe('a');
    const h = handlePosition(scene.elements.get('a')!);
    expect(ctl.down(at(h.x, h.y))).toBe(true);
    ctl.move(at(400, 10));
    expect(state.preview).toMatchObject({ fromId: 'a', toId: 'b' });
    ctl.up(at(400, 10));
    expect(of('connect')).toEqual([['a', 'b']]);
    expect(state.preview).toBeNull();
  });

  it('releasing a connection drag on empty space connects nothing', () => {
    const { ctl, at, of, scene } = setup();
    ctl.move(at(0, 0));
    const h = handlePosition(scene.elements.get('a')!);
    ctl.down(at(h.x, h.y));
    ctl.up(at(2500, 2500));
    expect(of('connect')).toHaveLength(0);
  });

  it('double-click creates on empty space and renames elements and connections', () => {
    const { ctl, at, of } = setup();
    ctl.dblclick(at(2500, 2600));
    ctl.dblclick(at(0, 0));
    ctl.dblclick(at(200, 2));
    expect(of('create')).toEqual([[{ x: 2500, y: 2600 }]]);
    expect(of('rename')).toEqual([
      ['a', 'element'],
      ['ab', 'connection'],
    ]);
  });

  it('read-only: selects but never moves, connects or creates', () => {
    const { ctl, state, at, of } = setup({ readOnly: true });
    ctl.move(at(0, 0));
    expect(state.handle).toBeNull();
    ctl.down(at(0, 0));
    ctl.move(at(100, 0));
    ctl.up(at(100, 0));
    ctl.dblclick(at(2500, 2500));
    expect([...state.selection]).toEqual(['a']);
    expect(of('moveCommit')).toHaveLength(0);
    expect(of('create')).toHaveLength(0);
  });
});
