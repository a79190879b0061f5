import { mount, unmount } from 'svelte';
import { moveElements } from '../../../shared/domain/index';
import { circleOrder, circlePositions } from '../../../shared/gmb/circle';
import { addGraphCard, setSketch } from '../../../shared/gmb/sketch';
import { readSketch, type Sketch } from '../../../shared/schema/sketch';
import type { Position } from '../../../shared/schema/types';
import { placeForNew } from '../../workbench/commands/add';
import { registerCommand } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import SketchDialog from './SketchDialog.svelte';

/**
 * Group model building aids (issue #18), the canvas side of the agenda's script templates:
 * Graphs over Time (a card with a hand-drawn sketch, synced like any element) and Connection
 * Circles (the selected factors arranged on a circle, one undo step).
 */

let open: (() => void) | null = null;

function openSketch(wb: Workbench): void {
  open?.();
  const selected = wb.selection.length === 1 ? wb.snapshot.elements.get(wb.selection[0]!) : null;
  const card = selected && readSketch(selected.extra) ? selected : null;
  const title = card
    ? card.label
    : selected && selected.kind === 'factor'
      ? `${selected.label} over time`
      : '';
  const target = document.createElement('div');
  document.body.append(target);
  const close = () => {
    void unmount(shown);
    target.remove();
    open = null;
    wb.focusMap();
  };
  const shown = mount(SketchDialog, {
    target,
    props: {
      title,
      redraw: !!card,
      onclose: close,
      onsave: (label: string, sketch: Sketch) => {
        const ok = card
          ? wb.write(() => (setSketch(wb.session.ctx, card.id, sketch), true))
          : wb.write(() =>
              addGraphCard(wb.session.ctx, { label, position: placeForNew(wb), sketch }),
            );
        if (!ok) return;
        if (typeof ok === 'string') wb.select([ok]);
        wb.say(card ? 'The graph over time is redrawn.' : `Added the graph “${label}”.`);
        close();
      },
    },
  });
  open = close;
}

/** Arranges the selected elements on a circle around where they are now, linked ones adjacent. */
function arrangeOnCircle(wb: Workbench): void {
  const snap = wb.snapshot;
  const ids = wb.selection.filter((id) => {
    const k = snap.elements.get(id)?.kind;
    return k !== undefined && k !== 'group';
  });
  if (ids.length < 3) {
    wb.say('Select at least three factors to arrange on a circle.', 'error');
    return;
  }
  const pts = ids.map((id) => snap.elements.get(id)!.position);
  const center: Position = [
    Math.round(pts.reduce((s, p) => s + p[0], 0) / pts.length),
    Math.round(pts.reduce((s, p) => s + p[1], 0) / pts.length),
  ];
  const order = circleOrder(
    [...ids].sort((a, b) => wb.labelOf(a).localeCompare(wb.labelOf(b))),
    [...snap.connections.values()],
  );
  const moves = circlePositions(order, center);
  wb.write(() => moveElements(wb.session.ctx, moves));
  wb.say(`Arranged ${ids.length} factors on a circle: draw the links across it.`);
}

export function registerGmb(): void {
  registerCommand({
    id: 'gmb.addGraph',
    title: 'Draw a Graph over Time',
    category: 'Scripts',
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb) => openSketch(wb),
  });
  registerCommand({
    id: 'gmb.circle',
    title: 'Arrange the Selection on a Circle (Connection Circle)',
    category: 'Scripts',
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb) => arrangeOnCircle(wb),
  });
}
