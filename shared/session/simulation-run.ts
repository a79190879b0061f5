import * as Y from 'yjs';
import { nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { elementsMap } from '../schema/doc';
import type { Push, WhatIfOptions } from '../simulation/whatif';
import { resolveWhatIfOptions, WHATIF_LIMITS } from '../simulation/whatif';
import { fail, requireFacilitator, type SessionContext } from './context';
import { sessionMap } from './layout';

/**
 * A what-if the facilitator runs for everyone. Only its inputs are shared: the pushes, the
 * engine options, and the host time at which step 0 plays. Every client recomputes the run
 * (the engine is deterministic) and shows step `(hostNow - startAt) / stepMs`, so all screens
 * show the same moment within their clock offsets' error (see `clockOffset`).
 *
 * Storage: one key in the `session` map, written whole, by the facilitator only:
 *  - `sim/run`: {id, by, byName, at, startAt, stepMs, pushes, options}; removed when stopped.
 * Participants write no `sim/` key (a private run stays on the participant's screen). The host
 * may therefore refuse any `sim/` key from a non-facilitator.
 */

export const SIM_RUN_KEY = 'sim/run';
/** Every session key this feature writes starts with this (all facilitator-only). */
export const SIM_KEY_PREFIX = 'sim/';

export interface SharedRun {
  readonly id: string;
  readonly by: string;
  readonly byName: string;
  /** Host time the run was written. */
  readonly at: number;
  /** Host time at which step 0 plays. */
  readonly startAt: number;
  /** Milliseconds per step. */
  readonly stepMs: number;
  readonly pushes: readonly Push[];
  readonly options: Required<WhatIfOptions>;
}

export const STEP_MS = { min: 50, max: 5000, default: 400 } as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readPushes(v: unknown): Push[] | undefined {
  if (!Array.isArray(v) || v.length > WHATIF_LIMITS.pushes) return undefined;
  const out: Push[] = [];
  for (const p of v) {
    if (!isObject(p) || typeof p.elementId !== 'string') return undefined;
    if (p.direction !== 1 && p.direction !== -1) return undefined;
    const size = finite(p.size) && p.size > 0 ? { size: p.size } : {};
    out.push({ elementId: p.elementId, direction: p.direction, ...size });
  }
  return out;
}

/** The shared run in the session, or undefined (none, or a value that is not one). */
export function readSharedRun(doc: Y.Doc): SharedRun | undefined {
  const v = sessionMap(doc).get(SIM_RUN_KEY);
  if (!isObject(v) || typeof v.id !== 'string') return undefined;
  const pushes = readPushes(v.pushes);
  if (!pushes || !finite(v.startAt) || !finite(v.stepMs) || !isObject(v.options)) return undefined;
  let options: Required<WhatIfOptions>;
  try {
    options = resolveWhatIfOptions(v.options as WhatIfOptions);
  } catch {
    return undefined;
  }
  return {
    id: v.id,
    by: typeof v.by === 'string' ? v.by : '',
    byName: typeof v.byName === 'string' ? v.byName : '',
    at: finite(v.at) ? v.at : 0,
    startAt: v.startAt,
    stepMs: Math.min(STEP_MS.max, Math.max(STEP_MS.min, v.stepMs)),
    pushes,
    options,
  };
}

export interface StartRunInput {
  readonly pushes: readonly Push[];
  readonly options?: WhatIfOptions;
  /** Host time at which step 0 plays (give a little lead so every client has the write). */
  readonly startAt: number;
  readonly stepMs?: number;
}

/** Starts a what-if for everyone (facilitator only). Returns the run as written. */
export function startSharedRun(ctx: SessionContext, input: StartRunInput): SharedRun {
  requireFacilitator(ctx, 'run a what-if for everyone');
  if (input.pushes.length === 0) fail('pushes', 'Push at least one factor up or down.');
  const pushes = readPushes(input.pushes);
  if (!pushes) fail('pushes', `Give at most ${WHATIF_LIMITS.pushes} pushes of ±1 with sizes > 0.`);
  const elements = elementsMap(ctx.doc);
  for (const p of pushes!)
    if (!elements.has(p.elementId)) fail('pushes', `No element with id ${p.elementId}.`);
  let options: Required<WhatIfOptions>;
  try {
    options = resolveWhatIfOptions(input.options);
  } catch (e) {
    return fail('options', (e as Error).message);
  }
  const stepMs = input.stepMs ?? STEP_MS.default;
  if (!finite(stepMs) || stepMs < STEP_MS.min || stepMs > STEP_MS.max)
    fail('stepMs', `A step lasts ${STEP_MS.min} to ${STEP_MS.max} ms.`);
  if (!finite(input.startAt)) fail('startAt', 'The start time must be a number.');
  const run: SharedRun = {
    id: newId(),
    by: ctx.userId,
    byName: ctx.userName ?? '',
    at: nowOf(ctx),
    startAt: input.startAt,
    stepMs,
    pushes: pushes!,
    options,
  };
  transact(ctx, () => sessionMap(ctx.doc).set(SIM_RUN_KEY, JSON.parse(JSON.stringify(run))));
  return run;
}

/** Ends the shared run on every screen (facilitator only). */
export function stopSharedRun(ctx: SessionContext): void {
  requireFacilitator(ctx, 'stop the shared what-if');
  transact(ctx, () => sessionMap(ctx.doc).delete(SIM_RUN_KEY));
}

/** The (fractional) step a shared run shows at host time `hostNow`: 0..steps. */
export function stepAt(run: SharedRun, hostNow: number): number {
  const t = (hostNow - run.startAt) / run.stepMs;
  return Math.max(0, Math.min(run.options.steps, t));
}

/** True once the run has played its last step at host time `hostNow`. */
export const runFinished = (run: SharedRun, hostNow: number): boolean =>
  hostNow - run.startAt >= run.options.steps * run.stepMs;
