import { MEADOWS_LEVELS, type WeavingSuggestion } from '../../../shared/analysis/index';
import {
  forgetLoopNote,
  proposeIntroduction,
  setLoopNote,
  updateElement,
} from '../../../shared/domain/index';
import type { When } from '../../platform/context-keys';
import { registerCommand } from '../../workbench/registry';

const editable: When = (c) => c.hasMap && !c.readOnly;

/** A loop's name or note, as the Loops view writes it. */
export interface LoopNoteArgs {
  readonly signature: string;
  readonly members: readonly string[];
  readonly name?: string;
  readonly note?: string;
  /** The key the words were kept under before the loop was redrawn along other links. */
  readonly replaces?: string;
}

/**
 * The analysis views' edits, each a command (one undo step; hidden from the palette because
 * they take what the view picked as arguments): a loop's name and note, forgetting a broken
 * loop, a factor's Meadows level, a proposed introduction. Each returns whether it wrote.
 */
export function registerAnalysisEditCommands(): void {
  registerCommand({
    id: 'analysis.setLoopNote',
    title: 'Name or Note a Loop',
    category: 'Analysis',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { signature, ...note } = args as LoopNoteArgs;
      const done = wb.write(() => {
        setLoopNote(wb.session.ctx, signature, note);
        return true;
      });
      wb.session.stopCapturing();
      return done === true;
    },
  });
  registerCommand({
    id: 'analysis.forgetLoop',
    title: 'Forget a Broken Loop',
    category: 'Analysis',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { signature, name } = args as { signature: string; name: string };
      wb.write(() => forgetLoopNote(wb.session.ctx, signature));
      wb.session.stopCapturing();
      wb.say(`Forgot the broken loop “${name || 'without a name'}”. Undo brings it back.`);
    },
  });
  registerCommand({
    id: 'analysis.setLeverageLevel',
    title: 'Tag a Factor with a Meadows Level',
    category: 'Analysis',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { elementId, label, level } = args as {
        elementId: string;
        label: string;
        level: number | undefined;
      };
      wb.write(() => updateElement(wb.session.ctx, elementId, { leverageLevel: level }));
      wb.session.stopCapturing();
      const m = MEADOWS_LEVELS.find((l) => l.level === level);
      wb.say(
        m
          ? `Tagged “${label}” with Meadows level ${m.level}: ${m.name}.`
          : `Removed the Meadows level of “${label}”.`,
      );
    },
  });
  registerCommand({
    id: 'analysis.introduce',
    title: 'Propose an Introduction',
    category: 'Analysis',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const s = args as WeavingSuggestion;
      const id = wb.write(() =>
        proposeIntroduction(wb.session.ctx, {
          from: s.a,
          to: s.b,
          reason: s.reason,
          by: { id: wb.session.user.id, name: wb.session.user.name },
        }),
      );
      wb.session.stopCapturing();
      if (id)
        wb.say(
          `Proposed introducing “${s.aLabel}” and “${s.bLabel}”: a dashed line on the map shows it to everyone.`,
        );
      return id;
    },
  });
}
