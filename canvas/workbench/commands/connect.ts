import type { Polarity } from '../../../shared/schema/types';
import { connect, transact, updateConnection } from '../../../shared/domain/index';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { editable, hasMap, onMap } from './when';

/** Connects two elements: causal (+ unless told) or, between two actors, a relationship. */
export function connectElements(
  wb: Workbench,
  from: string,
  to: string,
  polarity?: Polarity,
): string | undefined {
  const snap = wb.snapshot;
  const a = snap.elements.get(from);
  const b = snap.elements.get(to);
  wb.connectFrom = null;
  if (!a || !b) return undefined;
  const relationship = a.kind === 'actor' && b.kind === 'actor';
  const id = wb.write(() =>
    connect(wb.session.ctx, {
      from,
      to,
      kind: relationship ? 'relationship' : 'causal',
      ...(relationship ? {} : { polarity: polarity ?? '+' }),
    }),
  );
  wb.session.stopCapturing();
  if (id) {
    wb.select([id]);
    wb.say(
      `Connected “${wb.labelOf(from)}” to “${wb.labelOf(to)}”${relationship ? ' (relationship).' : ` (${polarity ?? '+'}). Press + or - to set its polarity.`}`,
    );
  }
  return id;
}

/** Starts a keyboard connection from the selected element, or finishes one to it. */
export function connectStep(wb: Workbench, polarity?: Polarity): void {
  const snap = wb.snapshot;
  const selected = wb.selection.filter((id) => snap.elements.has(id));
  if (wb.connectFrom) {
    const to = selected[0];
    if (!to || to === wb.connectFrom) {
      wb.say('Pick another element with the arrow keys, then press C or Enter.');
      return;
    }
    connectElements(wb, wb.connectFrom, to, polarity);
    return;
  }
  if (selected.length === 2) {
    connectElements(wb, selected[0]!, selected[1]!, polarity);
    return;
  }
  if (selected.length !== 1) {
    wb.say('Select the element to connect from first.', 'error');
    return;
  }
  wb.connectFrom = selected[0]!;
  wb.say(
    `Connecting from “${wb.labelOf(selected[0]!)}”: move to the target with the arrow keys and press C or Enter (Escape cancels).`,
  );
}

function cancelConnect(wb: Workbench): void {
  if (wb.connectFrom) {
    wb.connectFrom = null;
    wb.say('Connection cancelled.');
  }
}

/** The selected causal connections. */
function causalSelected(wb: Workbench): string[] {
  return wb.selection.filter((id) => wb.snapshot.connections.get(id)?.kind === 'causal');
}

/** Sets the polarity of the selected causal connections (or of the one being made). */
function setPolarity(wb: Workbench, p: Polarity): void {
  if (wb.connectFrom) {
    connectStep(wb, p);
    return;
  }
  const conns = causalSelected(wb);
  if (!conns.length) {
    wb.say('Select a causal connection to set its polarity.', 'error');
    return;
  }
  wb.write(() =>
    transact(wb.session.ctx, () => {
      for (const id of conns) updateConnection(wb.session.ctx, id, { polarity: p });
    }),
  );
  wb.session.stopCapturing();
  wb.say(`Polarity set to ${p === '+' ? '+ (same direction)' : '− (opposite direction)'}.`);
}

function toggleDelay(wb: Workbench): void {
  const conns = causalSelected(wb);
  if (!conns.length) return;
  const on = !wb.snapshot.connections.get(conns[0]!)?.delay;
  wb.write(() =>
    transact(wb.session.ctx, () => {
      for (const id of conns) updateConnection(wb.session.ctx, id, { delay: on });
    }),
  );
  wb.session.stopCapturing();
}

export function registerConnectCommands(): void {
  registerCommand({
    id: 'map.connect',
    title: 'Connect: Start from Selection, or Finish to It',
    category: 'Map',
    keybinding: 'c',
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedElements > 0 || c.connecting),
    run: (wb) => connectStep(wb),
  });
  // A connection drawn on the map by dragging from one element to another.
  registerCommand({
    id: 'map.connectElements',
    title: 'Connect Two Elements',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { from, to } = args as { from: string; to: string };
      return connectElements(wb, from, to);
    },
  });
  for (const [p, id, title, keybinding] of [
    ['+', 'map.polarity.positive', 'Set Polarity + (Same Direction)', ['plus', '=']],
    ['-', 'map.polarity.negative', 'Set Polarity − (Opposite Direction)', 'minus'],
  ] as const)
    registerCommand({
      id,
      title,
      category: 'Map',
      keybinding,
      keyWhen: onMap,
      when: (c) => editable(c) && (c.selectedConnections > 0 || c.connecting),
      run: (wb) => setPolarity(wb, p),
    });
  registerCommand({
    id: 'map.toggleDelay',
    title: 'Toggle Delay on Connection',
    category: 'Map',
    keybinding: 'd',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedConnections > 0,
    run: (wb) => toggleDelay(wb),
  });
  registerCommand({
    id: 'map.cancel',
    title: 'Cancel Connection or Clear Selection',
    category: 'Map',
    keybinding: 'escape',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => {
      if (wb.connectFrom) cancelConnect(wb);
      else wb.select([]);
    },
  });
}
