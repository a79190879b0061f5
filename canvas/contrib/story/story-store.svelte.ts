import { serviceId, type ServiceId } from '../../platform/services';
import type { StoryPlayback, StoryRecord, StorySim } from '../../../shared/schema/story-record';
import { sessionMap, type SessionContext } from '../../../shared/session/index';
import {
  addStep,
  createStory,
  deleteStory,
  moveStep,
  playStory,
  readPlayback,
  readStories,
  removeStep,
  renameStory,
  STORY_KEY_PREFIX,
  stepStory,
  stopStory,
  updateStep,
  type StepInput,
} from '../../../shared/story/story';
import { stepScene, type StepScene } from '../../../shared/story/view';
import { executeCommand } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';

/** CSS px left around what a fitting step frames (room for its labels and the caption). */
const FIT_PADDING = 120;

/**
 * Story mode for one open map: the stories in the document, the one playing for everyone, and
 * what its current step does to this screen: elements not revealed yet are hidden, the step's
 * loop is highlighted (the rest dimmed), its what-if moment colours the factors, and the view
 * moves to the step's centre and zoom. Every screen, the facilitator's included, follows the
 * playback the session holds (`story/play`); only a facilitator writes it.
 */
export class StoryStore {
  readonly wb: Workbench;
  stories = $state.raw<readonly StoryRecord[]>([]);
  playback = $state.raw<StoryPlayback | null>(null);
  /** The step shown on this screen while a story plays. */
  scene = $state.raw<StepScene | null>(null);
  /** The story the facilitator is editing in the view. */
  editingId = $state<string | null>(null);
  /** The step's what-if moment as shown here: computed in the worker, factors marked. */
  moment = $state.raw<{ worker: boolean; marks: number } | null>(null);
  readonly motion: boolean;
  #applied = false;
  #lastViewKey = '';
  #momentKey = '';
  #destroyed = false;
  #cleanups: (() => void)[] = [];

  constructor(wb: Workbench) {
    this.wb = wb;
    this.motion =
      typeof matchMedia === 'undefined' || !matchMedia('(prefers-reduced-motion: reduce)').matches;
    const session = sessionMap(wb.session.doc);
    const onSession = (e: { keysChanged: Set<string> }) => {
      if ([...e.keysChanged].some((k) => k.startsWith(STORY_KEY_PREFIX))) this.#read();
    };
    session.observe(onSession);
    this.#cleanups.push(() => session.unobserve(onSession));
    // Elements added or removed while a story plays: recompute what is hidden (not the view).
    this.#cleanups.push(wb.session.onChange(() => this.playback && this.#show(false)));
    this.#read();
  }

  get facilitator(): boolean {
    return this.wb.session.role === 'facilitator';
  }

  get ctx(): SessionContext {
    const s = this.wb.session;
    return { ...s.ctx, facilitator: this.facilitator, userName: s.user.name };
  }

  get playing(): StoryRecord | undefined {
    const p = this.playback;
    return p ? this.stories.find((s) => s.id === p.storyId) : undefined;
  }

  #read(): void {
    const doc = this.wb.session.doc;
    this.stories = readStories(doc);
    const before = this.playback;
    const now = readPlayback(doc) ?? null;
    this.playback = now;
    if (this.editingId && !this.stories.some((s) => s.id === this.editingId)) this.editingId = null;
    if (now) {
      const moved = before?.storyId !== now.storyId || before?.step !== now.step;
      this.#show(moved);
    } else if (before) this.#clear();
  }

  /** Applies the current step to this screen; `moveView`: also go to the step's view. */
  #show(moveView: boolean): void {
    const story = this.playing;
    const play = this.playback;
    if (!story || !play) return;
    const snapshot = this.wb.snapshot;
    const scene = stepScene(story, play.step, snapshot);
    if (!scene) return;
    this.scene = scene;
    this.#withRenderer((r) => {
      r.setEncodings({ hidden: scene.hidden });
      r.setHighlight(scene.highlight);
      this.#applied = true;
      this.#showMoment(scene.sim ?? null);
      const key = `${play.storyId}/${play.step}`;
      if (moveView && (scene.view || scene.fit) && key !== this.#lastViewKey) {
        this.#lastViewKey = key;
        this.wb.stopFollowing();
        const ms = this.motion ? 400 : 0;
        if (scene.view) r.zoomTo(scene.view.k, { x: scene.view.x, y: scene.view.y }, ms);
        else if (scene.revealed.size) r.fitToContent(FIT_PADDING, ms);
      }
    });
    if (moveView) {
      const n = `Step ${scene.index + 1} of ${scene.count}`;
      this.wb.announcement = scene.caption ? `${n}: ${scene.caption}` : n;
    }
  }

  /**
   * The step's what-if moment on the map, computed in the simulation worker and drawn by the
   * what-if layer (the simulation contribution's, through its command); again only when the
   * moment changed. The engine is deterministic: every screen shows the same.
   */
  #showMoment(sim: StorySim | null): void {
    const key = sim ? JSON.stringify(sim) : '';
    if (key === this.#momentKey) return;
    this.#momentKey = key;
    if (!sim) this.moment = null;
    void executeCommand('simulation.showMoment', sim).then((shown) => {
      if (key !== this.#momentKey) return;
      const s = shown as { worker: boolean; marks: number } | null | false;
      this.moment = s ? { worker: s.worker, marks: s.marks } : null;
    });
  }

  #clear(): void {
    this.scene = null;
    this.#lastViewKey = '';
    if (!this.#applied) return;
    this.#applied = false;
    this.#showMoment(null);
    this.wb.renderer?.setEncodings(null);
    this.wb.renderer?.setHighlight(null);
  }

  #withRenderer(fn: (r: NonNullable<Workbench['renderer']>) => void, tries = 60): void {
    const r = this.wb.renderer;
    if (r) fn(r);
    // The map editor mounts after the map opens (a late joiner): try again on the next frames.
    else if (tries > 0 && !this.#destroyed)
      requestAnimationFrame(() => this.#withRenderer(fn, tries - 1));
  }

  // ---- the facilitator's edits (each one write; the host checks role and record) ----

  create(title: string): void {
    const story = this.wb.write(() => createStory(this.ctx, title));
    if (story) this.editingId = story.id;
  }

  rename(id: string, title: string): void {
    this.wb.write(() => renameStory(this.ctx, id, title));
  }

  remove(id: string): void {
    this.wb.write(() => deleteStory(this.ctx, id));
  }

  addStep(storyId: string, input: StepInput): boolean {
    return this.wb.write(() => addStep(this.ctx, storyId, input)) !== undefined;
  }

  updateStep(storyId: string, stepId: string, input: StepInput): void {
    this.wb.write(() => updateStep(this.ctx, storyId, stepId, input));
  }

  removeStep(storyId: string, stepId: string): void {
    this.wb.write(() => removeStep(this.ctx, storyId, stepId));
  }

  moveStep(storyId: string, stepId: string, delta: number): void {
    this.wb.write(() => moveStep(this.ctx, storyId, stepId, delta));
  }

  play(storyId: string, step = 0): void {
    this.wb.write(() => playStory(this.ctx, storyId, step));
  }

  next(): void {
    this.wb.write(() => stepStory(this.ctx, 1));
  }

  previous(): void {
    this.wb.write(() => stepStory(this.ctx, -1));
  }

  stop(): void {
    this.wb.write(() => stopStory(this.ctx));
  }

  destroy(): void {
    this.#destroyed = true;
    for (const c of this.#cleanups.splice(0)) c();
    this.#clear();
  }
}

/** This map's StoryStore, in the workbench's service container. */
export const STORY: ServiceId<StoryStore> = serviceId('story');

export function storyStore(wb: Workbench): StoryStore | undefined {
  return wb.services.get(STORY);
}

export function startStory(wb: Workbench): () => void {
  return wb.services.provide(STORY, new StoryStore(wb));
}
