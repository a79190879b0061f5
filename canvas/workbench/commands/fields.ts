import type { Position } from '../../../shared/schema/types';
import { moveElements, updateConnection, updateElement } from '../../../shared/domain/index';
import type { ConnectionPatch } from '../../../shared/domain/connections';
import type { ElementPatch } from '../../../shared/domain/elements';
import { registerCommand } from '../registry';
import { editable } from './when';

/** What the inspector's field commands take: one record's changed fields. */
export interface FieldsArgs {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * The inspector's edits: one record's fields (already checked by the schema's validators), each
 * change its own undo step. Hidden from the palette: they take the values as arguments.
 */
export function registerFieldCommands(): void {
  registerCommand({
    id: 'map.setElementFields',
    title: 'Set Element Fields',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { id, fields } = args as FieldsArgs;
      wb.write(() => updateElement(wb.session.ctx, id, fields as ElementPatch));
      wb.session.stopCapturing();
    },
  });
  registerCommand({
    id: 'map.setConnectionFields',
    title: 'Set Connection Fields',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { id, fields } = args as FieldsArgs;
      wb.write(() => updateConnection(wb.session.ctx, id, fields as ConnectionPatch));
      wb.session.stopCapturing();
    },
  });
  registerCommand({
    id: 'map.setPosition',
    title: 'Set Element Position',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { id, position } = args as { id: string; position: Position };
      wb.write(() => moveElements(wb.session.ctx, [[id, position]]));
      wb.session.stopCapturing();
    },
  });
}
