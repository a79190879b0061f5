import { setTextFactors } from '../../../shared/domain/index';
import { registerCommand, registerToolbarItem } from '../registry';
import { editable } from './when';

/**
 * The map's text-first factor style (#14): factors drawn as words without boxes, as in Vensim.
 * A setting of the map (`meta.textFactors`), so everyone sees the same diagram; undoable.
 */
export function registerFactorStyleCommands(): void {
  registerCommand({
    id: 'map.toggleTextFactors',
    title: 'Toggle Factors as Words (No Boxes)',
    category: 'Map',
    keybinding: 'alt+shift+w',
    keybindingInInputs: false,
    when: editable,
    run: (wb) => {
      const on = wb.snapshot.meta.textFactors !== true;
      const ok = wb.write(() => {
        setTextFactors(wb.session.ctx, on);
        return true;
      });
      if (ok)
        wb.say(on ? 'Factors are drawn as words, without boxes.' : 'Factors are drawn in boxes.');
    },
  });
  registerToolbarItem({ command: 'map.toggleTextFactors', label: 'Words', order: 21 });
}
