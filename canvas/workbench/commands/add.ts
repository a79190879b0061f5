import { ELEMENT_KINDS, type ElementKind, type Position } from '../../../shared/schema/types';
import { CELL_W, freeSpot } from '../../../shared/session/placement';
import { addElement as addElementTo } from '../../../shared/domain/index';
import { KIND_TITLE, KIND_WORD } from '../../ui/kind-names';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { editable, onMap } from './when';

export const NEW_LABEL: Record<ElementKind, string> = {
  factor: 'New factor',
  actor: 'New actor',
  intervention: 'New intervention',
  note: 'New note',
  group: 'New frame',
};

export const KIND_KEY: Record<ElementKind, string> = {
  factor: 'f',
  actor: 'a',
  intervention: 'i',
  note: 'n',
  group: 'g',
};

/**
 * Where a new element goes: the first free spot right of the selection, else near the middle
 * of the view (started from a cell of this person's own, so two people adding at once after
 * "Bring everyone to me" land apart). The rule is `freeSpot` in shared/session/placement.ts.
 */
export function placeForNew(wb: Workbench): Position {
  const first = wb.selection.map((id) => wb.snapshot.elements.get(id)).find(Boolean);
  const taken = [...wb.snapshot.elements.values()]
    .filter((e) => e.kind !== 'group')
    .map((e) => e.position);
  if (first) return freeSpot(taken, [first.position[0] + CELL_W, first.position[1]]);
  const v = wb.renderer?.getViewport();
  const centre: Position = v
    ? [Math.round(v.rect.x + v.rect.width / 2), Math.round(v.rect.y + v.rect.height / 2)]
    : [0, 0];
  return freeSpot(taken, centre, wb.session.user.id);
}

/** Adds an element of `kind` (at `at`, else at `placeForNew`), selects it and says so. */
export function addElement(
  wb: Workbench,
  kind: ElementKind = wb.newKind,
  at?: Position,
): string | undefined {
  const position = at ?? placeForNew(wb);
  const id = wb.write(() =>
    addElementTo(wb.session.ctx, {
      kind,
      label: NEW_LABEL[kind],
      position: [Math.round(position[0]), Math.round(position[1])],
      ...(kind === 'actor' ? { actorType: 'person' as const } : {}),
    }),
  );
  wb.session.stopCapturing();
  if (id) {
    wb.newElements.added(id);
    wb.select([id], { reveal: true });
    const word = KIND_WORD[kind];
    wb.say(`Added ${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}. Type its name, then Enter.`);
  }
  return id;
}

export function registerAddCommands(): void {
  for (const kind of ELEMENT_KINDS) {
    registerCommand({
      id: `map.add.${kind}`,
      title: `Add ${KIND_TITLE[kind]}`,
      category: 'Map',
      keybinding: KIND_KEY[kind],
      keyWhen: onMap,
      when: editable,
      // The new element's name field opens at once (key, toolbar or palette): what is typed
      // next names it, and fires no shortcuts.
      run: (wb, args) => {
        wb.newKind = kind;
        const at = Array.isArray(args) ? (args as [number, number]) : undefined;
        const id = addElement(wb, kind, at);
        // addElement brought it into view: no second viewport animation.
        if (id) wb.rename(id, { reveal: false });
        else wb.focusMap();
        return id;
      },
    });
  }
  registerCommand({
    id: 'map.addElement',
    title: 'Add Element of the Chosen Kind',
    category: 'Map',
    keybinding: 'mod+shift+e',
    when: editable,
    run: (wb) => {
      const id = addElement(wb, wb.newKind);
      if (id) wb.rename(id, { reveal: false });
      else wb.focusMap();
      return id;
    },
  });
  // The map's double-click: an element of the chosen kind there, its label open for typing.
  registerCommand({
    id: 'map.addAndRename',
    title: 'Add Element Here and Name It',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const id = addElement(wb, wb.newKind, args as Position);
      if (id) wb.rename(id, { reveal: false });
      return id;
    },
  });
  registerCommand({
    id: 'map.chooseKind',
    title: 'Choose the Kind to Add…',
    category: 'Map',
    keybinding: 'alt+shift+k',
    when: editable,
    run: (wb) =>
      wb.openQuickInput({
        title: 'Kind of element to add',
        placeholder: 'Factor, actor, intervention, note or frame',
        items: ELEMENT_KINDS.map((k) => ({
          id: k,
          label: KIND_TITLE[k],
          keyLabel: KIND_KEY[k].toUpperCase(),
        })),
        emptyText: 'No kind matches.',
        accept: (item) => {
          wb.newKind = item.id as ElementKind;
          wb.focusMap();
        },
      }),
  });
}
