import type { Position } from '../../../shared/schema/types';
import { moveElements, transact, updateElement } from '../../../shared/domain/index';
import { frameDrop } from '../../editor/index';
import { nearestInDirection, nearestTo, type Direction } from '../../platform/navigation';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { editable, hasMap, onMap } from './when';

const NUDGE = 10;

/** Moves the selection to the nearest element in a direction (or starts at the middle). */
function moveSelection(wb: Workbench, dir: Direction): void {
  const snap = wb.snapshot;
  const placed = [...snap.elements.values()].map((e) => {
    const g = wb.renderer?.scene.elements.get(e.id);
    return { id: e.id, x: g?.cx ?? e.position[0], y: g?.cy ?? e.position[1] };
  });
  const currentId = wb.selection.find((id) => snap.elements.has(id));
  const current = currentId ? placed.find((p) => p.id === currentId) : undefined;
  let next: string | null;
  if (!current) {
    const v = wb.renderer?.getViewport();
    next = nearestTo(
      placed,
      v ? v.rect.x + v.rect.width / 2 : 0,
      v ? v.rect.y + v.rect.height / 2 : 0,
    );
  } else next = nearestInDirection(placed, current, dir);
  if (next) wb.select([next], { reveal: true });
  else if (current) wb.announcement = `Nothing further ${dir}.`;
}

function nudge(wb: Workbench, dx: number, dy: number): void {
  const snap = wb.snapshot;
  const moves: [string, Position][] = [];
  for (const id of wb.selection) {
    const e = snap.elements.get(id);
    if (e && !e.pinned) moves.push([id, [e.position[0] + dx * NUDGE, e.position[1] + dy * NUDGE]]);
  }
  if (moves.length) wb.write(() => moveElements(wb.session.ctx, moves));
}

function togglePin(wb: Workbench): void {
  const els = wb.selection.filter((id) => wb.snapshot.elements.has(id));
  if (!els.length) return;
  const on = !wb.snapshot.elements.get(els[0]!)?.pinned;
  wb.write(() =>
    transact(wb.session.ctx, () => {
      for (const id of els) updateElement(wb.session.ctx, id, { pinned: on });
    }),
  );
  wb.session.stopCapturing();
  wb.say(on ? 'Pinned: the tidy layout leaves it in place.' : 'Unpinned.');
}

/** A move dragged on the map (or typed in the inspector): one undo step. */
export interface MoveArgs {
  readonly moves: readonly { readonly id: string; readonly position: Position }[];
}

export function registerMoveCommands(): void {
  const dirs = [
    ['up', 'Up', 0, -1],
    ['down', 'Down', 0, 1],
    ['left', 'Left', -1, 0],
    ['right', 'Right', 1, 0],
  ] as const;
  for (const [dir, name, dx, dy] of dirs) {
    registerCommand({
      id: `map.select.${dir}`,
      title: `Select Next Element ${name}`,
      category: 'Go',
      keybinding: dir,
      keyWhen: onMap,
      when: hasMap,
      run: (wb) => moveSelection(wb, dir),
    });
    registerCommand({
      id: `map.nudge.${dir}`,
      title: `Nudge Selection ${name}`,
      category: 'Map',
      keybinding: `alt+${dir}`,
      keyWhen: onMap,
      when: (c) => editable(c) && c.selectedElements > 0,
      run: (wb) => nudge(wb, dx, dy),
    });
  }
  registerCommand({
    id: 'map.moveElements',
    title: 'Move Elements',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { moves } = args as MoveArgs;
      // Dropped into or out of a frame: membership changes with the move (one undo step).
      const frames = wb.renderer ? frameDrop(wb.renderer.scene, moves) : null;
      wb.write(() =>
        moveElements(
          wb.session.ctx,
          [
            ...moves.map(
              (m) => [m.id, [Math.round(m.position[0]), Math.round(m.position[1])]] as const,
            ),
            ...(frames?.emptied ?? []),
          ],
          frames?.parents,
        ),
      );
      wb.session.stopCapturing();
    },
  });
  registerCommand({
    id: 'map.selectAll',
    title: 'Select All Elements',
    category: 'Map',
    keybinding: 'mod+a',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => wb.select([...wb.snapshot.elements.keys()]),
  });
  registerCommand({
    id: 'map.togglePin',
    title: 'Pin or Unpin (Layout Leaves Pinned Elements in Place)',
    category: 'Map',
    keybinding: 'p',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: (wb) => togglePin(wb),
  });
}
