import { LIMITS } from './limits';
import type { FieldError } from './types';

/**
 * The story record (issue #18): a sequence of steps a facilitator recorded, each a view of the
 * map. Stored whole as plain JSON under `story/<id>` in the `session` map (facilitation state:
 * only a facilitator writes it, and the host checks every write against `validateStoredStory`);
 * what plays now is `story/play` (`validateStoryPlayback`). Readers in `shared/story` coerce; the
 * host refuses anything that does not fit these shapes and bounds.
 */

export interface StoryView {
  /** Centre of the view, in map units. */
  readonly x: number;
  readonly y: number;
  /** Zoom (CSS px per map unit). */
  readonly k: number;
}

export interface StoryLoop {
  /** Element ids in loop order. */
  readonly elements: readonly string[];
  /** Connection ids: `connections[i]` leads from `elements[i]` to the next. */
  readonly connections: readonly string[];
  /** The loop's label when it was recorded (R1, B2, or the name the group gave it). */
  readonly label?: string;
}

export interface StoryPush {
  readonly elementId: string;
  readonly direction: 1 | -1;
  readonly size?: number;
}

/** A what-if moment: the run (pushes and engine options) and the step shown. */
export interface StorySim {
  readonly pushes: readonly StoryPush[];
  readonly options?: {
    readonly steps?: number;
    readonly damping?: number;
    readonly delaySteps?: number;
    readonly cap?: number;
  };
  readonly t: number;
}

export interface StoryStep {
  readonly id: string;
  readonly caption: string;
  /** Elements this step reveals, added to what the earlier steps revealed. */
  readonly reveal: readonly string[];
  readonly view?: StoryView;
  /** Frame what is revealed so far on each screen (instead of a fixed view). */
  readonly fit?: true;
  readonly loop?: StoryLoop;
  readonly sim?: StorySim;
}

export interface StoryRecord {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly StoryStep[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What plays for everyone now. */
export interface StoryPlayback {
  readonly storyId: string;
  /** Index of the step shown. */
  readonly step: number;
  readonly by: string;
  readonly byName: string;
  readonly at: number;
}

export const STORY_LIMITS = {
  steps: 100,
  captionChars: 2_000,
  /** Element ids revealed by all the steps of one story together. */
  reveals: 10_000,
  loopLength: 100,
  pushes: 50,
  maxZoom: 64,
  simSteps: 2_000,
  idChars: 64,
} as const;

const SIM_OPTION_KEYS = ['steps', 'damping', 'delaySteps', 'cap'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isId = (v: unknown): v is string => isText(v, STORY_LIMITS.idChars) && v.length > 0;
const ids = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every(isId);

function checkView(v: unknown, field: string, errors: FieldError[]): void {
  if (!isObject(v) || !finite(v.x) || !finite(v.y) || !finite(v.k)) {
    errors.push({ field, message: 'A view is {x, y, k} as finite numbers.' });
    return;
  }
  if (Math.abs(v.x) > LIMITS.coordinate || Math.abs(v.y) > LIMITS.coordinate)
    errors.push({ field, message: `A view's centre lies within ±${LIMITS.coordinate}.` });
  if (!(v.k > 0 && v.k <= STORY_LIMITS.maxZoom))
    errors.push({
      field,
      message: `A view's zoom is above 0 and at most ${STORY_LIMITS.maxZoom}.`,
    });
}

function checkLoop(v: unknown, field: string, errors: FieldError[]): void {
  const n = STORY_LIMITS.loopLength;
  if (
    !isObject(v) ||
    !ids(v.elements, n) ||
    !ids(v.connections, n) ||
    v.elements.length === 0 ||
    v.elements.length !== v.connections.length
  )
    errors.push({ field, message: `A loop lists 1 to ${n} elements and as many connections.` });
  else if (v.label !== undefined && !isText(v.label, LIMITS.labelChars))
    errors.push({ field, message: 'A loop label is text.' });
}

function checkSim(v: unknown, field: string, errors: FieldError[]): void {
  if (!isObject(v) || !Array.isArray(v.pushes) || v.pushes.length === 0) {
    errors.push({ field, message: 'A simulation moment has pushes.' });
    return;
  }
  if (v.pushes.length > STORY_LIMITS.pushes)
    errors.push({ field, message: `At most ${STORY_LIMITS.pushes} pushes.` });
  for (const p of v.pushes)
    if (
      !isObject(p) ||
      !isId(p.elementId) ||
      (p.direction !== 1 && p.direction !== -1) ||
      (p.size !== undefined && !(finite(p.size) && p.size > 0))
    ) {
      errors.push({ field, message: 'A push is {elementId, direction: 1 or -1, size > 0}.' });
      break;
    }
  if (!finite(v.t) || v.t < 0 || v.t > STORY_LIMITS.simSteps)
    errors.push({ field, message: `The moment t is 0 to ${STORY_LIMITS.simSteps}.` });
  if (v.options !== undefined) {
    const o = v.options;
    if (
      !isObject(o) ||
      Object.keys(o).some((k) => !(SIM_OPTION_KEYS as readonly string[]).includes(k)) ||
      Object.values(o).some((x) => !finite(x))
    )
      errors.push({ field, message: `Options are finite ${SIM_OPTION_KEYS.join(', ')}.` });
  }
}

const STEP_KEYS = new Set(['id', 'caption', 'reveal', 'view', 'fit', 'loop', 'sim']);

function checkStep(v: unknown, i: number, errors: FieldError[]): number {
  const field = `steps[${i}]`;
  if (!isObject(v)) {
    errors.push({ field, message: 'A step is a record.' });
    return 0;
  }
  const extra = Object.keys(v).find((k) => !STEP_KEYS.has(k));
  if (extra !== undefined)
    errors.push({ field, message: `Unknown step field ${JSON.stringify(extra.slice(0, 40))}.` });
  if (!isId(v.id)) errors.push({ field: `${field}.id`, message: 'A step needs an id.' });
  if (!isText(v.caption, STORY_LIMITS.captionChars))
    errors.push({
      field: `${field}.caption`,
      message: `A caption is text of at most ${STORY_LIMITS.captionChars} characters.`,
    });
  if (!ids(v.reveal, STORY_LIMITS.reveals))
    errors.push({ field: `${field}.reveal`, message: 'reveal is a list of element ids.' });
  if (v.view !== undefined) checkView(v.view, `${field}.view`, errors);
  if (v.fit !== undefined && v.fit !== true)
    errors.push({ field: `${field}.fit`, message: 'fit is true or absent.' });
  if (v.fit !== undefined && v.view !== undefined)
    errors.push({ field: `${field}.fit`, message: 'A step has a view or fits, not both.' });
  if (v.loop !== undefined) checkLoop(v.loop, `${field}.loop`, errors);
  if (v.sim !== undefined) checkSim(v.sim, `${field}.sim`, errors);
  return Array.isArray(v.reveal) ? v.reveal.length : 0;
}

/** Problems with a stored story (the value under `story/<id>`; `id`: that key's id). */
export function validateStoredStory(value: unknown, id: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(value)) return [{ field: 'story', message: 'A story is a record.' }];
  if (value.id !== id) errors.push({ field: 'id', message: 'The id field differs from the key.' });
  if (!isText(value.title, LIMITS.titleChars))
    errors.push({ field: 'title', message: `title is text of at most ${LIMITS.titleChars}.` });
  if (!isText(value.createdBy, LIMITS.labelChars))
    errors.push({ field: 'createdBy', message: 'createdBy must be text.' });
  for (const k of ['createdAt', 'updatedAt'] as const)
    if (!finite(value[k])) errors.push({ field: k, message: `${k} must be a finite number.` });
  if (!Array.isArray(value.steps) || value.steps.length > STORY_LIMITS.steps) {
    errors.push({ field: 'steps', message: `A story has at most ${STORY_LIMITS.steps} steps.` });
    return errors;
  }
  let reveals = 0;
  value.steps.forEach((s, i) => (reveals += checkStep(s, i, errors)));
  if (reveals > STORY_LIMITS.reveals)
    errors.push({
      field: 'steps',
      message: `A story reveals at most ${STORY_LIMITS.reveals} elements in all.`,
    });
  return errors;
}

/** Problems with the playback value (`story/play`). */
export function validateStoryPlayback(value: unknown): FieldError[] {
  if (!isObject(value)) return [{ field: 'play', message: 'Playback is a record.' }];
  const errors: FieldError[] = [];
  if (!isId(value.storyId)) errors.push({ field: 'storyId', message: 'storyId is a story id.' });
  if (!finite(value.step) || !Number.isInteger(value.step) || value.step < 0)
    errors.push({ field: 'step', message: 'step is a whole number from 0.' });
  if (!isText(value.by, LIMITS.labelChars) || !isText(value.byName, LIMITS.labelChars))
    errors.push({ field: 'by', message: 'by and byName are text.' });
  if (!finite(value.at)) errors.push({ field: 'at', message: 'at must be a finite number.' });
  return errors;
}
