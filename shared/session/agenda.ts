import * as Y from 'yjs';
import { transact } from '../domain/context';
import { newId } from '../domain/ids';
import { LIMITS } from '../schema/limits';
import { fail, requireFacilitator, type SessionContext } from './context';
import { KEY, readPhase, readSessionSnapshot, sessionMap } from './layout';
import type { PhasePractice, PhaseRecord, SessionTool } from './types';
import { PHASE_PRACTICES, SESSION_TOOLS } from './types';

export interface PhaseInput {
  readonly title: string;
  readonly prompt?: string;
  readonly practice?: PhasePractice;
  readonly tools?: readonly SessionTool[];
  readonly minutes?: number;
}

/**
 * The default agenda of a one-hour session (the agenda shows its total; each phase's length is
 * editable), built on the five practices of network leadership
 * (connecting, organizing, systems thinking, bridging and weaving, learning and reflecting).
 * Default phases have fixed ids, so two facilitators setting up at once do not duplicate them.
 */
export const DEFAULT_PHASES: readonly (PhaseInput & { readonly id: string })[] = [
  {
    id: 'connect',
    title: 'Connect',
    practice: 'connect',
    prompt: 'Who is here? Add yourself and pick the people and organisations you already know.',
    tools: ['who-is-here', 'actors', 'timer'],
    minutes: 5,
  },
  {
    id: 'organize',
    title: 'Organize',
    practice: 'organize',
    prompt: 'Which groups and roles do we have? Gather actors into groups and name their roles.',
    tools: ['actors', 'groups', 'timer'],
    minutes: 10,
  },
  {
    id: 'map',
    title: 'Map the system',
    practice: 'map',
    prompt: 'What drives the issue? Add factors and draw causal links: + same way, - opposite way.',
    tools: ['factors', 'causal-links', 'loops', 'private-notes', 'timer'],
    minutes: 15,
  },
  {
    id: 'leverage',
    title: 'Find leverage',
    practice: 'leverage',
    prompt: 'Where could a small push change the most? Place your dots on the leverage points.',
    tools: ['loops', 'leverage', 'dot-voting', 'timer'],
    minutes: 10,
  },
  {
    id: 'weave',
    title: 'Bridge and weave',
    practice: 'weave',
    prompt: 'Who should meet whom? Look at the clusters and propose introductions across them.',
    tools: ['actors', 'clusters', 'weaving', 'timer'],
    minutes: 10,
  },
  {
    id: 'reflect',
    title: 'Reflect and commit',
    practice: 'reflect',
    prompt: 'What did we learn, and what will we do? Write reflection cards and commit to actions.',
    tools: ['reflection-board', 'actions', 'timer'],
    minutes: 10,
  },
];

/** The planned length of an agenda in minutes: the sum of its phases' lengths. */
export function agendaMinutes(phases: readonly { readonly minutes?: number }[]): number {
  return phases.reduce((sum, p) => sum + (p.minutes ?? 0), 0);
}

function validatePhase(input: Partial<PhaseInput>, partial: boolean): void {
  if (!partial || input.title !== undefined) {
    const t = typeof input.title === 'string' ? input.title.trim() : '';
    if (!t) fail('title', 'A phase needs a title.');
    if (t.length > LIMITS.labelChars)
      fail('title', `The title is too long (at most ${LIMITS.labelChars} characters).`);
  }
  if (input.prompt !== undefined) {
    if (typeof input.prompt !== 'string') fail('prompt', 'The prompt must be text.');
    else if (input.prompt.length > LIMITS.descriptionChars)
      fail('prompt', `The prompt is too long (at most ${LIMITS.descriptionChars} characters).`);
  }
  if (input.practice !== undefined && !PHASE_PRACTICES.includes(input.practice))
    fail('practice', `practice must be one of: ${PHASE_PRACTICES.join(', ')}.`);
  if (input.tools !== undefined) {
    const bad = Array.isArray(input.tools)
      ? input.tools.find((t) => !SESSION_TOOLS.includes(t))
      : 'not a list';
    if (bad !== undefined) fail('tools', `Unknown tool ${JSON.stringify(bad)}.`);
  }
  if (
    input.minutes !== undefined &&
    (typeof input.minutes !== 'number' ||
      !Number.isFinite(input.minutes) ||
      input.minutes < 0 ||
      input.minutes > 24 * 60)
  )
    fail('minutes', 'minutes must be a number from 0 to 1440.');
}

function writePhase(ctx: SessionContext, id: string, input: PhaseInput, order: number): void {
  const m = new Y.Map<unknown>();
  m.set('title', input.title.trim());
  m.set('prompt', input.prompt ?? '');
  m.set('practice', input.practice ?? 'map');
  m.set('tools', [...(input.tools ?? [])]);
  m.set('minutes', input.minutes ?? 0);
  m.set('order', order);
  sessionMap(ctx.doc).set(KEY.phase + id, m);
}

function phases(ctx: SessionContext): PhaseRecord[] {
  return readSessionSnapshot(ctx.doc).phases as PhaseRecord[];
}

function phaseMap(ctx: SessionContext, id: string): Y.Map<unknown> {
  const m = sessionMap(ctx.doc).get(KEY.phase + id);
  if (!(m instanceof Y.Map)) return fail('id', `No phase with id ${id}.`);
  return m;
}

/** Sets up the default agenda when the session has no phases yet (facilitator). */
export function initAgenda(ctx: SessionContext): void {
  requireFacilitator(ctx, 'set up the agenda');
  transact(ctx, () => {
    if (phases(ctx).length > 0) return;
    DEFAULT_PHASES.forEach((p, i) => writePhase(ctx, p.id, p, i + 1));
  });
}

/** Adds a phase at the end, or before the phase `before`. Returns its id. */
export function addPhase(ctx: SessionContext, input: PhaseInput, before?: string): string {
  requireFacilitator(ctx, 'change the agenda');
  validatePhase(input, false);
  return transact(ctx, () => {
    const list = phases(ctx);
    const id = newId();
    writePhase(
      ctx,
      id,
      input,
      orderAt(list, before === undefined ? list.length : index(list, before)),
    );
    return id;
  });
}

export function updatePhase(ctx: SessionContext, id: string, patch: Partial<PhaseInput>): void {
  requireFacilitator(ctx, 'change the agenda');
  validatePhase(patch, true);
  transact(ctx, () => {
    const m = phaseMap(ctx, id);
    if (patch.title !== undefined) m.set('title', patch.title.trim());
    if (patch.prompt !== undefined) m.set('prompt', patch.prompt);
    if (patch.practice !== undefined) m.set('practice', patch.practice);
    if (patch.tools !== undefined) m.set('tools', [...patch.tools]);
    if (patch.minutes !== undefined) m.set('minutes', patch.minutes);
  });
}

/** Moves a phase to position `to` (0-based) in the agenda: one write. */
export function movePhase(ctx: SessionContext, id: string, to: number): void {
  requireFacilitator(ctx, 'reorder the agenda');
  transact(ctx, () => {
    const m = phaseMap(ctx, id);
    const others = phases(ctx).filter((p) => p.id !== id);
    const at = Math.max(0, Math.min(others.length, Math.trunc(to)));
    m.set('order', orderAt(others, at));
  });
}

export function removePhase(ctx: SessionContext, id: string): void {
  requireFacilitator(ctx, 'change the agenda');
  transact(ctx, () => {
    phaseMap(ctx, id);
    const session = sessionMap(ctx.doc);
    session.delete(KEY.phase + id);
    if (session.get(KEY.current) === id) session.delete(KEY.current);
  });
}

/** Makes a phase current for everyone (undefined: no phase, before the session starts). */
export function setCurrentPhase(ctx: SessionContext, id: string | undefined): void {
  requireFacilitator(ctx, 'change the phase');
  transact(ctx, () => {
    if (id === undefined) sessionMap(ctx.doc).delete(KEY.current);
    else {
      phaseMap(ctx, id);
      sessionMap(ctx.doc).set(KEY.current, id);
    }
  });
}

/**
 * Moves everyone to the next phase (the first one when none is current). Returns the new
 * current phase, or undefined after the last one (the session stays on the last phase).
 */
export function advancePhase(ctx: SessionContext): PhaseRecord | undefined {
  requireFacilitator(ctx, 'advance the phase');
  return transact(ctx, () => {
    const list = phases(ctx);
    const cur = sessionMap(ctx.doc).get(KEY.current);
    const i = list.findIndex((p) => p.id === cur);
    const next = list[i + 1];
    if (!next) return undefined;
    sessionMap(ctx.doc).set(KEY.current, next.id);
    return next;
  });
}

/** The current phase, if any. */
export function currentPhase(doc: Y.Doc): PhaseRecord | undefined {
  const id = sessionMap(doc).get(KEY.current);
  const m = typeof id === 'string' ? sessionMap(doc).get(KEY.phase + id) : undefined;
  return m instanceof Y.Map ? readPhase(m, id as string) : undefined;
}

function index(list: readonly PhaseRecord[], id: string): number {
  const i = list.findIndex((p) => p.id === id);
  return i < 0 ? fail('before', `No phase with id ${id}.`) : i;
}

/** An order value that sorts between list[at - 1] and list[at]. */
function orderAt(list: readonly PhaseRecord[], at: number): number {
  const prev = list[at - 1]?.order;
  const next = list[at]?.order;
  if (prev === undefined && next === undefined) return 1;
  if (prev === undefined) return (next as number) - 1;
  if (next === undefined) return prev + 1;
  return (prev + next) / 2;
}
