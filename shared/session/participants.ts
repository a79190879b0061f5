import { freeSpot } from './placement';
import * as Y from 'yjs';
import { nowOf, transact, type EditContext } from '../domain/context';
import { writeNewConnection } from '../domain/connections';
import { writeNewElement } from '../domain/elements';
import { connectionsMap, elementsMap, readConnection, readElement } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import type { Position } from '../schema/types';
import { fail, type SessionContext } from './context';
import { KEY, sessionMap } from './layout';
import type { ParticipantRecord } from './types';

/** "Who is here" (the Connect phase): people add themselves, and the actor map grows live. */

export interface ParticipantInput {
  readonly name: string;
  /** Their organisation; an organisation actor with this name is reused, else created. */
  readonly organisation?: string;
  /** Ids of actors already on the map whom they know. */
  readonly knows?: readonly string[];
}

export interface AddedParticipant {
  readonly actorId: string;
  /** The organisation actor (existing or new), if an organisation was given. */
  readonly organisationId?: string;
  readonly organisationCreated: boolean;
  /** Relationship connections created (membership and "knows"). */
  readonly connectionIds: readonly string[];
}

const clean = (s: string | undefined): string => (s ?? '').trim().replace(/\s+/g, ' ');

/** Records that this person takes part in the session (for "who took part" in the report). */
export function joinSession(ctx: SessionContext, name: string): void {
  const n = clean(name);
  if (!n) fail('name', 'Your name cannot be empty.');
  if (n.length > LIMITS.labelChars)
    fail('name', `The name is too long (at most ${LIMITS.labelChars}).`);
  transact(ctx, () => {
    const key = KEY.participant + ctx.userId;
    const prev = sessionMap(ctx.doc).get(key) as Record<string, unknown> | undefined;
    if (prev && prev.name === n) return;
    sessionMap(ctx.doc).set(key, { ...(prev ?? { joinedAt: nowOf(ctx) }), name: n });
  });
}

/**
 * Signs a rearrangement of everyone's map (Tidy layout) with who did it: their participant entry
 * keeps when and how many elements moved, so every screen can say who tidied (`tidyNotices`).
 * Call it inside the transaction that moves the elements. Someone not in the session (no entry
 * yet) is not signed: the notice then has no name to give.
 */
export function noteTidied(ctx: EditContext, moved: number): void {
  transact(ctx, () => {
    const key = KEY.participant + ctx.userId;
    const prev = sessionMap(ctx.doc).get(key) as Record<string, unknown> | undefined;
    if (!prev || typeof prev.name !== 'string') return;
    sessionMap(ctx.doc).set(key, {
      ...prev,
      tidiedAt: nowOf(ctx),
      tidiedCount: Math.max(0, Math.round(moved)),
    });
  });
}

/** When each participant last tidied: what a screen has already seen (its notices start here). */
export function tidiedSoFar(participants: Iterable<ParticipantRecord>): Map<string, number> {
  const seen = new Map<string, number>();
  for (const p of participants) if (p.tidiedAt !== undefined) seen.set(p.userId, p.tidiedAt);
  return seen;
}

/**
 * Notices for tidies not yet seen (`seen`: user id to their last `tidiedAt`, updated here), by
 * others than `me` (who was told already): "Ana tidied the layout: 12 elements moved…".
 */
export function tidyNotices(
  participants: Iterable<ParticipantRecord>,
  seen: Map<string, number>,
  me: string,
): string[] {
  const out: string[] = [];
  for (const p of participants) {
    if (p.tidiedAt === undefined || seen.get(p.userId) === p.tidiedAt) continue;
    seen.set(p.userId, p.tidiedAt);
    if (p.userId === me) continue;
    const n = p.tidiedCount ?? 0;
    out.push(
      `${p.name || 'Someone'} tidied the layout: ${n} element${n === 1 ? '' : 's'} moved on everyone’s map (they can undo it).`,
    );
  }
  return out;
}

/** Where a new actor goes: the first free spot beside its organisation, else by the actors. */
function placeFor(doc: Y.Doc, near: string | undefined, seed: string): Position {
  const elements = elementsMap(doc);
  const actors: Position[] = [];
  const taken: Position[] = [];
  elements.forEach((m, id) => {
    const e = readElement(m, id);
    if (e.kind === 'actor') actors.push(e.position);
    if (e.kind !== 'group') taken.push(e.position);
  });
  const anchor = near ? elements.get(near) : undefined;
  if (anchor !== undefined)
    return freeSpot(taken, readElement(anchor, near as string).position, seed);
  const n = actors.length;
  const cx = n ? actors.reduce((s, p) => s + p[0], 0) / n : 0;
  const cy = n ? actors.reduce((s, p) => s + p[1], 0) / n : 0;
  return freeSpot(taken, [Math.round(cx), Math.round(cy)], seed);
}

/**
 * Adds a person to the actor map in one transaction: their actor (actorType person), their
 * organisation's actor if it is new (matched by name, case-insensitive), a "member of" link to it,
 * and a "knows" relationship to each actor they picked (skipped where a relationship exists).
 * Also records them as a session participant with their actor.
 */
export function addParticipantActor(
  ctx: SessionContext,
  input: ParticipantInput,
): AddedParticipant {
  const name = clean(input.name);
  const org = clean(input.organisation);
  if (!name) fail('name', 'Your name cannot be empty.');
  if (name.length > LIMITS.labelChars)
    fail('name', `The name is too long (at most ${LIMITS.labelChars}).`);
  if (org.length > LIMITS.labelChars)
    fail('organisation', `The organisation is too long (at most ${LIMITS.labelChars}).`);
  const knows = [...new Set(input.knows ?? [])];
  return transact(ctx, () => {
    const elements = elementsMap(ctx.doc);
    for (const id of knows) {
      const m = elements.get(id);
      if (m === undefined || readElement(m, id).kind !== 'actor')
        fail('knows', `No actor with id ${id}: they may have been removed.`);
    }
    let organisationId: string | undefined;
    let organisationCreated = false;
    if (org) {
      elements.forEach((m, id) => {
        if (organisationId) return;
        const e = readElement(m, id);
        if (
          e.kind === 'actor' &&
          e.actorType === 'organization' &&
          clean(e.label).toLowerCase() === org.toLowerCase()
        )
          organisationId = id;
      });
      if (!organisationId) {
        organisationId = writeNewElement(ctx, {
          kind: 'actor',
          actorType: 'organization',
          label: org,
          position: placeFor(ctx.doc, undefined, ctx.userId),
        });
        organisationCreated = true;
      }
    }
    const actorId = writeNewElement(ctx, {
      kind: 'actor',
      actorType: 'person',
      label: name,
      position: placeFor(ctx.doc, organisationId, ctx.userId),
    });
    const related = new Set<string>();
    connectionsMap(ctx.doc).forEach((m, id) => {
      const { kind, from, to } = readConnection(m, id);
      if (kind !== 'relationship') return;
      related.add(`${from} ${to}`);
      related.add(`${to} ${from}`);
    });
    const connectionIds: string[] = [];
    if (organisationId)
      connectionIds.push(
        writeNewConnection(ctx, {
          from: actorId,
          to: organisationId,
          kind: 'relationship',
          label: 'member of',
          direction: 'directed',
        }),
      );
    for (const other of knows) {
      if (other === actorId || related.has(`${actorId} ${other}`)) continue;
      connectionIds.push(
        writeNewConnection(ctx, {
          from: actorId,
          to: other,
          kind: 'relationship',
          label: 'knows',
          direction: 'mutual',
        }),
      );
    }
    const key = KEY.participant + ctx.userId;
    const prev = sessionMap(ctx.doc).get(key) as Record<string, unknown> | undefined;
    sessionMap(ctx.doc).set(key, { joinedAt: nowOf(ctx), ...(prev ?? {}), name, actorId });
    return {
      actorId,
      ...(organisationId ? { organisationId } : {}),
      organisationCreated,
      connectionIds,
    };
  });
}
