import { registerAddCommands } from './commands/add';
import { registerClipboardCommands } from './commands/clipboard';
import { registerConnectCommands } from './commands/connect';
import { registerDeleteCommands } from './commands/delete';
import { registerFieldCommands } from './commands/fields';
import { registerMoveCommands } from './commands/move';
import { registerPaletteCommands } from './commands/palette';
import { registerRenameCommands } from './commands/rename';
import { registerViewCommands } from './commands/view';
import { registerFactorStyleCommands } from './commands/factor-style';

export { kindTitle } from '../ui/kind-names';

/**
 * The workbench's own commands, one file per action or small group in ./commands: adding,
 * renaming, deleting, connecting, moving, the inspector's fields, the clipboard and history, the
 * view and the dialogs. Features add theirs in their contribution files. Single-key shortcuts
 * work only while the map has focus (so typing elsewhere never edits the map, WCAG 2.1.4); every
 * command a person can type is in the palette.
 */
let registered = false;

export function registerCoreCommands(): void {
  if (registered) return;
  registered = true;
  registerPaletteCommands();
  registerAddCommands();
  registerRenameCommands();
  registerDeleteCommands();
  registerConnectCommands();
  registerMoveCommands();
  registerFieldCommands();
  registerClipboardCommands();
  registerViewCommands();
  registerFactorStyleCommands();
}
