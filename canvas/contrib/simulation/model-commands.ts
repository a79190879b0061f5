import {
  setModelFields,
  setRunSettings,
  type ModelFieldsPatch,
} from '../../../shared/simulation/model-edit';
import type { SimSpecs } from '../../../shared/simulation/model';
import { registerCommand } from '../../workbench/registry';

/**
 * The model panel's edits, each a command (hidden from the palette: the panel passes the
 * values): an element's place in the model, and the run settings. No stop in the undo capture,
 * as before: quick successive edits to the model undo together.
 */
export function registerModelEditCommands(): void {
  registerCommand({
    id: 'simulation.setModelFields',
    title: 'Set Model Fields',
    category: 'What if',
    hidden: true,
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb, args) => {
      const { id, fields } = args as { id: string; fields: ModelFieldsPatch };
      wb.write(() => setModelFields(wb.session.ctx, id, fields));
    },
  });
  registerCommand({
    id: 'simulation.setRunSettings',
    title: 'Set Run Settings',
    category: 'What if',
    hidden: true,
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb, args) => {
      wb.write(() => setRunSettings(wb.session.ctx, args as SimSpecs));
    },
  });
}
