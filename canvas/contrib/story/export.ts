import type { StoryRecord } from '../../../shared/schema/story-record';
import { WHATIF_DEFAULTS } from '../../../shared/simulation/whatif';
import { storyFileStem, storyHtml, type StoryPageStep } from '../../../shared/story/html';
import { revealedSnapshot, stepScene } from '../../../shared/story/view';
import { executeCommand } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';

/** The picture of a step that set a view: this many CSS pixels around its centre. */
const PICTURE = { width: 1000, height: 620 } as const;

interface SvgImage {
  readonly svg: string;
}

/**
 * Exports a story as one web page: each step's picture is drawn by the map export's SVG drawing
 * (asked for through the `interop.mapSvg` command), showing only what the step has revealed, its
 * loop highlighted and its what-if moment's colours, framed on the step's view.
 */
export async function storyPage(wb: Workbench, story: StoryRecord): Promise<string> {
  const map = wb.snapshot;
  const steps: StoryPageStep[] = [];
  for (let i = 0; i < story.steps.length; i++) {
    const scene = stepScene(story, i, map)!;
    let fill: ReadonlyMap<string, string> | undefined;
    let simNote: string | undefined;
    if (scene.sim) {
      // Computed in the simulation worker (its command), as on the map.
      const fills = await executeCommand('simulation.momentFills', scene.sim);
      if (fills instanceof Map) fill = fills as ReadonlyMap<string, string>;
      const steps = scene.sim.options?.steps ?? WHATIF_DEFAULTS.steps;
      const t = Math.min(steps, scene.sim.t);
      const dir = (d: 1 | -1) =>
        scene.sim!.pushes.filter((p) => p.direction === d).map((p) => wb.labelOf(p.elementId));
      const parts = [
        ...(dir(1).length ? [`${dir(1).join(', ')} pushed up`] : []),
        ...(dir(-1).length ? [`${dir(-1).join(', ')} pushed down`] : []),
      ];
      simNote = `${parts.join('; ')}, step ${Math.floor(t)} of ${steps}`;
    }
    const v = scene.view;
    const rect = v
      ? {
          x: v.x - PICTURE.width / 2 / v.k,
          y: v.y - PICTURE.height / 2 / v.k,
          width: PICTURE.width / v.k,
          height: PICTURE.height / v.k,
        }
      : undefined;
    const image = (await executeCommand('interop.mapSvg', {
      snapshot: revealedSnapshot(map, scene),
      ...(rect && v ? { rect, zoom: v.k } : {}),
      title: `Step ${i + 1}: ${scene.caption || story.title}`,
      ...(fill ? { fill } : {}),
      highlight: scene.highlight,
      idPrefix: `s${i + 1}-`,
    })) as SvgImage | false;
    if (!image) throw new Error('The map drawing is not available.');
    steps.push({
      scene,
      svg: image.svg,
      added: scene.added.map((id) => wb.labelOf(id)),
      ...(simNote ? { simNote } : {}),
    });
  }
  return storyHtml({ story, mapTitle: map.meta.title || 'Untitled map', steps });
}

export async function exportStory(wb: Workbench, story: StoryRecord): Promise<void> {
  const html = await storyPage(wb, story);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${storyFileStem(story.title)}.html`;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  wb.say(`Exported “${story.title}” as a web page (${story.steps.length} steps).`);
}
