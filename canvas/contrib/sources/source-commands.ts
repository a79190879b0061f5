import { linkSource, unlinkSource } from '../../../shared/domain/index';
import { registerCommand } from '../../workbench/registry';

/**
 * Attaching a source to the selection as evidence, and detaching it from one element or
 * connection: commands (one undo step each), hidden from the palette because the Sources view
 * passes the source it shows.
 */
export function registerSourceEditCommands(): void {
  registerCommand({
    id: 'sources.attach',
    title: 'Attach Source to Selection',
    category: 'Sources',
    hidden: true,
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb, args) => {
      const { sourceId } = args as { sourceId: string };
      const s = wb.snapshot.sources.get(sourceId);
      if (!s) return;
      const targets = wb.selection.filter((id) => !s.linkedTo.includes(id));
      if (targets.length === 0) return;
      const done = wb.write(() => {
        linkSource(wb.session.ctx, s.id, targets);
        return true;
      });
      if (done)
        wb.say(
          `“${s.title}” is now evidence for ${targets.map((id) => wb.labelOf(id)).join(', ')}.`,
        );
    },
  });
  registerCommand({
    id: 'sources.detach',
    title: 'Detach Source',
    category: 'Sources',
    hidden: true,
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb, args) => {
      const { sourceId, id } = args as { sourceId: string; id: string };
      const s = wb.snapshot.sources.get(sourceId);
      if (!s) return;
      const name = wb.labelOf(id);
      const done = wb.write(() => {
        unlinkSource(wb.session.ctx, s.id, [id]);
        return true;
      });
      if (done) wb.say(`“${s.title}” is no longer evidence for ${name}.`);
    },
  });
}
