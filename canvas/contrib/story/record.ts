import type { StoryLoop, StorySim } from '../../../shared/schema/story-record';
import type { StepInput } from '../../../shared/story/story';
import { executeCommand } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';

export type RevealFrom = 'selection' | 'view' | 'none';
/** How the step frames the map: fit what is revealed, this exact view, or as the step before. */
export type Framing = 'fit' | 'this' | 'keep';

export interface RecordChoices {
  readonly caption: string;
  readonly revealFrom: RevealFrom;
  readonly framing: Framing;
  readonly loop: StoryLoop | null;
  /** Record the what-if moment on screen (asked of the What-if view through its command). */
  readonly withSim: boolean;
}

/**
 * A step from what the facilitator sees now: the elements to reveal (the selection, or every
 * element in view), the view's centre and zoom, the chosen loop and the what-if moment shown.
 * Undefined (and a message) when there is nothing to record.
 */
export async function recordStepInput(
  wb: Workbench,
  choices: RecordChoices,
): Promise<StepInput | undefined> {
  const r = wb.renderer;
  const snapshot = wb.snapshot;
  let reveal: string[] = [];
  if (choices.revealFrom === 'selection')
    reveal = wb.selection.filter((id) => snapshot.elements.has(id));
  else if (choices.revealFrom === 'view' && r) reveal = r.elementsInRect(r.getViewport().rect);
  if (choices.revealFrom === 'selection' && reveal.length === 0) {
    wb.say('Select the elements this step reveals, or choose “everything in view”.', 'error');
    return undefined;
  }
  const input: { -readonly [K in keyof StepInput]: StepInput[K] } = {
    caption: choices.caption,
    reveal,
  };
  if (choices.framing === 'fit') input.fit = true;
  else if (choices.framing === 'this' && r) {
    const v = r.getViewport();
    input.view = { x: v.rect.x + v.rect.width / 2, y: v.rect.y + v.rect.height / 2, k: v.zoom };
  }
  if (choices.loop) input.loop = choices.loop;
  if (choices.withSim) {
    const moment = (await executeCommand('simulation.moment')) as StorySim | null | false;
    if (!moment) {
      wb.say('No what-if is on screen: run one in the What if view first.', 'error');
      return undefined;
    }
    input.sim = { pushes: moment.pushes, options: moment.options ?? {}, t: moment.t };
  }
  return input;
}
