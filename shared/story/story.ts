import type * as Y from 'yjs';
import { DomainError, nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { describeErrors } from '../schema/validate';
import {
  STORY_LIMITS,
  validateStoredStory,
  validateStoryPlayback,
  type StoryPlayback,
  type StoryRecord,
  type StoryStep,
} from '../schema/story-record';
import { fail, requireFacilitator, type SessionContext } from '../session/context';
import { sessionMap } from '../session/layout';

/**
 * Stories: a facilitator records steps (each a view of the map) and plays them for everyone.
 *
 * Storage, in the `session` map (facilitation state, so only a facilitator may write it, and the
 * host validates each value, see shared/session/contract.ts):
 *  - `story/<id>`: the whole story (`StoryRecord`), rewritten whole on every edit (a story is
 *    small and edited by one facilitator at a time; whole writes keep it valid at every moment);
 *  - `story/play`: the story and step playing for everyone (`StoryPlayback`); removed on stop.
 */

export const STORY_KEY_PREFIX = 'story/';
export const STORY_PLAY_KEY = 'story/play';
const storyKey = (id: string): string => `${STORY_KEY_PREFIX}${id}`;

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A story as stored, or undefined when the key holds no valid story. */
export function readStory(doc: Y.Doc, id: string): StoryRecord | undefined {
  if (id === 'play') return undefined;
  const v = sessionMap(doc).get(storyKey(id));
  return validateStoredStory(v, id).length === 0 ? (v as StoryRecord) : undefined;
}

/** Every valid story in the map, oldest first. */
export function readStories(doc: Y.Doc): StoryRecord[] {
  const out: StoryRecord[] = [];
  sessionMap(doc).forEach((_, key) => {
    if (!key.startsWith(STORY_KEY_PREFIX) || key === STORY_PLAY_KEY) return;
    const story = readStory(doc, key.slice(STORY_KEY_PREFIX.length));
    if (story) out.push(story);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** What plays for everyone now, if it names a story that exists and a step it has. */
export function readPlayback(doc: Y.Doc): StoryPlayback | undefined {
  const v = sessionMap(doc).get(STORY_PLAY_KEY);
  if (validateStoryPlayback(v).length) return undefined;
  const play = v as StoryPlayback;
  const story = readStory(doc, play.storyId);
  if (!story || play.step >= story.steps.length) return undefined;
  return play;
}

function write(ctx: SessionContext, story: StoryRecord): StoryRecord {
  const errors = validateStoredStory(story, story.id);
  if (errors.length) throw new DomainError(errors);
  transact(ctx, () => sessionMap(ctx.doc).set(storyKey(story.id), plain(story)));
  return story;
}

function existing(ctx: SessionContext, id: string): StoryRecord {
  const story = readStory(ctx.doc, id);
  if (!story) fail('storyId', `No story with id ${id}.`);
  return story!;
}

/** Starts a new, empty story (facilitator). */
export function createStory(ctx: SessionContext, title: string): StoryRecord {
  requireFacilitator(ctx, 'record a story');
  const t = title.trim();
  if (!t) fail('title', 'A story needs a title.');
  const now = nowOf(ctx);
  return write(ctx, {
    id: newId(),
    title: t,
    steps: [],
    createdBy: ctx.userId,
    createdAt: now,
    updatedAt: now,
  });
}

export function renameStory(ctx: SessionContext, id: string, title: string): StoryRecord {
  requireFacilitator(ctx, 'edit a story');
  const t = title.trim();
  if (!t) fail('title', 'A story needs a title.');
  return write(ctx, { ...existing(ctx, id), title: t, updatedAt: nowOf(ctx) });
}

export type StepInput = Omit<StoryStep, 'id'>;

/** Normalises a step: trimmed caption, reveal without duplicates (first occurrence kept). */
function normalise(input: StepInput, id: string): StoryStep {
  const step: Record<string, unknown> = {
    id,
    caption: input.caption.trim(),
    reveal: [...new Set(input.reveal)],
  };
  if (input.view) step.view = { x: input.view.x, y: input.view.y, k: input.view.k };
  else if (input.fit) step.fit = true;
  if (input.loop) step.loop = input.loop;
  if (input.sim) step.sim = input.sim;
  return step as unknown as StoryStep;
}

/** Adds a step at the end, or at `index`. Returns the story as written. */
export function addStep(
  ctx: SessionContext,
  storyId: string,
  input: StepInput,
  index?: number,
): StoryRecord {
  requireFacilitator(ctx, 'record a story');
  const story = existing(ctx, storyId);
  if (story.steps.length >= STORY_LIMITS.steps)
    fail('steps', `A story has at most ${STORY_LIMITS.steps} steps.`);
  const steps = [...story.steps];
  const at = index === undefined ? steps.length : Math.max(0, Math.min(steps.length, index));
  steps.splice(at, 0, normalise(input, newId()));
  return write(ctx, { ...story, steps, updatedAt: nowOf(ctx) });
}

/** Replaces what a step shows (its id stays). */
export function updateStep(
  ctx: SessionContext,
  storyId: string,
  stepId: string,
  input: StepInput,
): StoryRecord {
  requireFacilitator(ctx, 'edit a story');
  const story = existing(ctx, storyId);
  const i = story.steps.findIndex((s) => s.id === stepId);
  if (i < 0) fail('stepId', `No step with id ${stepId}.`);
  const steps = [...story.steps];
  steps[i] = normalise(input, stepId);
  return write(ctx, { ...story, steps, updatedAt: nowOf(ctx) });
}

export function removeStep(ctx: SessionContext, storyId: string, stepId: string): StoryRecord {
  requireFacilitator(ctx, 'edit a story');
  const story = existing(ctx, storyId);
  const steps = story.steps.filter((s) => s.id !== stepId);
  if (steps.length === story.steps.length) fail('stepId', `No step with id ${stepId}.`);
  return write(ctx, { ...story, steps, updatedAt: nowOf(ctx) });
}

/** Moves a step by `delta` places (clamped to the list). */
export function moveStep(
  ctx: SessionContext,
  storyId: string,
  stepId: string,
  delta: number,
): StoryRecord {
  requireFacilitator(ctx, 'edit a story');
  const story = existing(ctx, storyId);
  const from = story.steps.findIndex((s) => s.id === stepId);
  if (from < 0) fail('stepId', `No step with id ${stepId}.`);
  const to = Math.max(0, Math.min(story.steps.length - 1, from + Math.trunc(delta)));
  const steps = [...story.steps];
  const [step] = steps.splice(from, 1);
  steps.splice(to, 0, step!);
  return write(ctx, { ...story, steps, updatedAt: nowOf(ctx) });
}

/** Deletes a story (and stops it if it is playing). */
export function deleteStory(ctx: SessionContext, id: string): void {
  requireFacilitator(ctx, 'delete a story');
  existing(ctx, id);
  transact(ctx, () => {
    const session = sessionMap(ctx.doc);
    session.delete(storyKey(id));
    if (readPlaybackRaw(ctx.doc)?.storyId === id) session.delete(STORY_PLAY_KEY);
  });
}

function readPlaybackRaw(doc: Y.Doc): StoryPlayback | undefined {
  const v = sessionMap(doc).get(STORY_PLAY_KEY);
  return validateStoryPlayback(v).length ? undefined : (v as StoryPlayback);
}

/** Shows step `step` of a story on every screen (facilitator). Clamped to the story's steps. */
export function playStory(ctx: SessionContext, storyId: string, step = 0): StoryPlayback {
  requireFacilitator(ctx, 'play a story for everyone');
  const story = existing(ctx, storyId);
  if (story.steps.length === 0) fail('steps', 'Record a step before playing the story.');
  const play: StoryPlayback = {
    storyId,
    step: Math.max(0, Math.min(story.steps.length - 1, Math.trunc(step))),
    by: ctx.userId,
    byName: ctx.userName ?? '',
    at: nowOf(ctx),
  };
  const errors = validateStoryPlayback(play);
  if (errors.length) fail('play', describeErrors(errors));
  transact(ctx, () => sessionMap(ctx.doc).set(STORY_PLAY_KEY, plain(play)));
  return play;
}

/**
 * Moves the story playing by `delta` steps (next: 1, previous: -1). Returns the playback, or
 * undefined when nothing plays. At either end it stays where it is (nothing is written).
 */
export function stepStory(ctx: SessionContext, delta: number): StoryPlayback | undefined {
  requireFacilitator(ctx, 'play a story for everyone');
  const play = readPlayback(ctx.doc);
  if (!play) return undefined;
  const story = existing(ctx, play.storyId);
  const next = Math.max(0, Math.min(story.steps.length - 1, play.step + Math.trunc(delta)));
  if (next === play.step) return play;
  return playStory(ctx, play.storyId, next);
}

/** Ends the playback on every screen (facilitator). */
export function stopStory(ctx: SessionContext): void {
  requireFacilitator(ctx, 'stop the story');
  transact(ctx, () => sessionMap(ctx.doc).delete(STORY_PLAY_KEY));
}
