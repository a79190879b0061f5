import type { MapSnapshot } from '../schema/types';
import type { StoryRecord, StorySim, StoryView } from '../schema/story-record';

/**
 * What one step of a story shows, worked out from the story and the map as it is now. Reveals
 * add up: step i shows every element revealed by steps 0..i that is still on the map; a
 * connection shows when both its ends do. The framing is a fixed view (centre and zoom) or "fit
 * what is revealed" (each screen frames it at its own size); a step without one keeps the last
 * framing an earlier step set (so a caption-only step does not jump). The loop and the
 * simulation moment belong to their step only.
 */
export interface StepScene {
  readonly index: number;
  readonly count: number;
  readonly caption: string;
  /** Elements shown (revealed by this step or an earlier one, and on the map). */
  readonly revealed: ReadonlySet<string>;
  /** Elements this step adds (on the map), in the order recorded. */
  readonly added: readonly string[];
  /** Elements on the map not revealed yet: hidden (the map) or left out (exports). */
  readonly hidden: ReadonlySet<string>;
  /** Connections shown: both ends revealed. */
  readonly connections: ReadonlySet<string>;
  readonly view?: StoryView;
  /** Frame the revealed elements (no fixed view). */
  readonly fit: boolean;
  /**
   * The highlighted loop's elements and connections that are on the map and revealed (null: no
   * loop on this step). Everything else is dimmed.
   */
  readonly highlight: ReadonlySet<string> | null;
  readonly loopLabel?: string;
  /** The what-if moment, with pushes on elements no longer on the map dropped; none left: none. */
  readonly sim?: StorySim;
}

/** The scene of step `index` (clamped to the story's steps); undefined for a story with none. */
export function stepScene(
  story: StoryRecord,
  index: number,
  map: MapSnapshot,
): StepScene | undefined {
  const count = story.steps.length;
  if (count === 0) return undefined;
  const at = Math.max(0, Math.min(count - 1, Math.trunc(Number.isFinite(index) ? index : 0)));
  const revealed = new Set<string>();
  let view: StoryView | undefined;
  let fit = false;
  let added: string[] = [];
  for (let i = 0; i <= at; i++) {
    const step = story.steps[i]!;
    if (step.view) [view, fit] = [step.view, false];
    else if (step.fit) [view, fit] = [undefined, true];
    if (i === at) added = step.reveal.filter((id) => map.elements.has(id) && !revealed.has(id));
    for (const id of step.reveal) if (map.elements.has(id)) revealed.add(id);
  }
  const hidden = new Set<string>();
  for (const id of map.elements.keys()) if (!revealed.has(id)) hidden.add(id);
  const connections = new Set<string>();
  for (const c of map.connections.values())
    if (revealed.has(c.from) && revealed.has(c.to)) connections.add(c.id);

  const step = story.steps[at]!;
  let highlight: Set<string> | null = null;
  if (step.loop) {
    highlight = new Set();
    for (const id of step.loop.elements) if (revealed.has(id)) highlight.add(id);
    for (const id of step.loop.connections) if (connections.has(id)) highlight.add(id);
  }
  let sim: StorySim | undefined;
  if (step.sim) {
    const pushes = step.sim.pushes.filter((p) => map.elements.has(p.elementId));
    if (pushes.length) sim = { ...step.sim, pushes };
  }
  const scene: Record<string, unknown> = {
    index: at,
    count,
    caption: step.caption,
    revealed,
    added,
    hidden,
    connections,
    highlight,
    fit,
  };
  if (view) scene.view = view;
  if (step.loop?.label) scene.loopLabel = step.loop.label;
  if (sim) scene.sim = sim;
  return scene as unknown as StepScene;
}

/** The map as a step shows it: only the revealed elements and the connections between them. */
export function revealedSnapshot(map: MapSnapshot, scene: StepScene): MapSnapshot {
  const elements = new Map([...map.elements].filter(([id]) => scene.revealed.has(id)));
  const connections = new Map([...map.connections].filter(([id]) => scene.connections.has(id)));
  return { ...map, elements, connections };
}
