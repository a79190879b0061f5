import * as Y from 'yjs';
import { digest } from 'lib0/hash/sha256';
import { nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { elementsMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { fail, requireFacilitator, type SessionContext } from './context';
import { readVote, votesMap } from './layout';
import type { VoteRecord, VoteResult } from './types';

/**
 * Dot voting. A vote lists the elements one may vote on and how many dots each person has. Each
 * person's dots are one key of the vote's `dots` map (their voter key -> element ids, a dot per
 * entry), written only by them, so concurrent voting never conflicts.
 *
 * In an anonymous vote the voter key is not the user id but a token derived from a secret that
 * stays on the person's device and the vote id (`voterKey`): the document does not say who placed
 * which dot. It is not cryptographic anonymity: Yjs records which client wrote each key, and
 * presence maps clients to names, so someone with tools and the document could link them.
 * "Hidden until revealed" is likewise a display rule: every client holds the dots.
 */

export const MAX_DOTS = 50;
export const MAX_VOTE_ELEMENTS = 500;

export interface NewVote {
  readonly title?: string;
  readonly elementIds: readonly string[];
  readonly dotsPerPerson: number;
  readonly anonymous?: boolean;
}

/** Opens a vote (facilitator). Returns its id. */
export function openVote(ctx: SessionContext, input: NewVote): string {
  requireFacilitator(ctx, 'open a vote');
  const ids = [...new Set(input.elementIds)];
  if (ids.length === 0) fail('elementIds', 'Choose at least one element to vote on.');
  if (ids.length > MAX_VOTE_ELEMENTS)
    fail('elementIds', `A vote can hold at most ${MAX_VOTE_ELEMENTS} elements.`);
  if (
    !Number.isInteger(input.dotsPerPerson) ||
    input.dotsPerPerson < 1 ||
    input.dotsPerPerson > MAX_DOTS
  )
    fail('dotsPerPerson', `Dots per person must be a whole number from 1 to ${MAX_DOTS}.`);
  const title = (input.title ?? '').trim();
  if (title.length > LIMITS.labelChars)
    fail('title', `The title is too long (at most ${LIMITS.labelChars} characters).`);
  return transact(ctx, () => {
    const elements = elementsMap(ctx.doc);
    const missing = ids.filter((id) => !elements.has(id));
    if (missing.length) fail('elementIds', `No element with id ${missing.join(', ')}.`);
    const id = newId();
    const m = new Y.Map<unknown>();
    m.set('title', title);
    m.set('elementIds', ids);
    m.set('dotsPerPerson', input.dotsPerPerson);
    m.set('anonymous', input.anonymous === true);
    m.set('state', 'open');
    m.set('revealed', false);
    m.set('createdBy', ctx.userId);
    m.set('createdAt', nowOf(ctx));
    m.set('dots', new Y.Map<unknown>());
    votesMap(ctx.doc).set(id, m);
    return id;
  });
}

function voteMap(ctx: SessionContext, voteId: string): Y.Map<unknown> {
  const m = votesMap(ctx.doc).get(voteId);
  if (!(m instanceof Y.Map)) return fail('voteId', `No vote with id ${voteId}.`);
  return m;
}

export function readVoteOf(ctx: SessionContext, voteId: string): VoteRecord {
  return readVote(voteMap(ctx, voteId), voteId);
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The key a person's dots are stored under: the user id in a named vote; in an anonymous vote a
 * token, the same for one person and vote on every reload, from `deviceSecret` (a random string of
 * at least 16 characters the client keeps locally and never shares) and the vote id.
 */
export function voterKey(
  vote: Pick<VoteRecord, 'id' | 'anonymous'>,
  userId: string,
  deviceSecret?: string,
): string {
  if (!vote.anonymous) return userId;
  if (typeof deviceSecret !== 'string' || deviceSecret.length < 16)
    return fail('deviceSecret', 'An anonymous vote needs the device secret (16+ characters).');
  return (
    'anon-' + hex(digest(new TextEncoder().encode(`${deviceSecret}\u0000${vote.id}`))).slice(0, 32)
  );
}

/** The element ids this voter has dots on (one entry a dot). */
export function myDots(vote: VoteRecord, key: string): readonly string[] {
  return vote.dots.get(key) ?? [];
}

export function dotsLeft(vote: VoteRecord, key: string): number {
  return Math.max(0, vote.dotsPerPerson - myDots(vote, key).length);
}

function changeDots(
  ctx: SessionContext,
  voteId: string,
  elementId: string,
  deviceSecret: string | undefined,
  change: (dots: string[], vote: VoteRecord) => boolean,
): readonly string[] {
  return transact(ctx, () => {
    const m = voteMap(ctx, voteId);
    const vote = readVote(m, voteId);
    if (vote.state !== 'open') fail('voteId', 'This vote is closed.');
    if (!vote.elementIds.includes(elementId))
      fail('elementId', 'This element is not part of the vote.');
    const key = voterKey(vote, ctx.userId, deviceSecret);
    const dots = [...myDots(vote, key)];
    if (!change(dots, vote)) return dots;
    let store = m.get('dots');
    if (!(store instanceof Y.Map)) {
      store = new Y.Map<unknown>();
      m.set('dots', store);
    }
    const s = store as Y.Map<unknown>;
    if (dots.length) s.set(key, dots);
    else s.delete(key);
    return dots;
  });
}

/** Places one of the person's dots on an element. Returns their dots. */
export function placeDot(
  ctx: SessionContext,
  voteId: string,
  elementId: string,
  deviceSecret?: string,
): readonly string[] {
  return changeDots(ctx, voteId, elementId, deviceSecret, (dots, vote) => {
    if (dots.length >= vote.dotsPerPerson)
      fail('dots', `You have placed all ${vote.dotsPerPerson} of your dots; remove one first.`);
    dots.push(elementId);
    return true;
  });
}

/** Takes one of the person's dots off an element (nothing if they have none there). */
export function removeDot(
  ctx: SessionContext,
  voteId: string,
  elementId: string,
  deviceSecret?: string,
): readonly string[] {
  return changeDots(ctx, voteId, elementId, deviceSecret, (dots) => {
    const i = dots.lastIndexOf(elementId);
    if (i < 0) return false;
    dots.splice(i, 1);
    return true;
  });
}

/** Closes a vote: no more dots (facilitator). */
export function closeVote(ctx: SessionContext, voteId: string): void {
  requireFacilitator(ctx, 'close a vote');
  transact(ctx, () => voteMap(ctx, voteId).set('state', 'closed'));
}

export function reopenVote(ctx: SessionContext, voteId: string): void {
  requireFacilitator(ctx, 'reopen a vote');
  transact(ctx, () => voteMap(ctx, voteId).set('state', 'open'));
}

/** Shows the results to everyone (facilitator); revealing also closes the vote. */
export function revealVote(ctx: SessionContext, voteId: string): void {
  requireFacilitator(ctx, 'reveal a vote');
  transact(ctx, () => {
    const m = voteMap(ctx, voteId);
    m.set('state', 'closed');
    m.set('revealed', true);
  });
}

export function removeVote(ctx: SessionContext, voteId: string): void {
  requireFacilitator(ctx, 'remove a vote');
  transact(ctx, () => {
    voteMap(ctx, voteId);
    votesMap(ctx.doc).delete(voteId);
  });
}

/**
 * The elements of a vote ranked by dots, most first. Ties keep the vote's own element order
 * (stable) and share a rank (1, 2, 2, 4). Dots on elements no longer in the vote are ignored.
 */
export function voteResults(vote: VoteRecord): VoteResult[] {
  const counts = new Map<string, number>(vote.elementIds.map((id) => [id, 0]));
  const voters = new Map<string, Set<string>>(vote.elementIds.map((id) => [id, new Set()]));
  for (const [key, dots] of vote.dots) {
    // A voter's entry is capped at the vote's dots, whatever a client wrote.
    for (const id of dots.slice(0, vote.dotsPerPerson)) {
      const c = counts.get(id);
      if (c === undefined) continue;
      counts.set(id, c + 1);
      if (!vote.anonymous) voters.get(id)?.add(key);
    }
  }
  const order = vote.elementIds.map((id, i) => ({ id, i, dots: counts.get(id) ?? 0 }));
  order.sort((a, b) => b.dots - a.dots || a.i - b.i);
  let rank = 0;
  let prev = -1;
  return order.map((e, i) => {
    if (e.dots !== prev) rank = i + 1;
    prev = e.dots;
    return {
      elementId: e.id,
      dots: e.dots,
      rank,
      voters: [...(voters.get(e.id) ?? [])].sort(),
    };
  });
}

/** How many people have placed at least one dot. */
export function voterCount(vote: VoteRecord): number {
  let n = 0;
  for (const dots of vote.dots.values()) if (dots.length > 0) n += 1;
  return n;
}

/**
 * The `votes` input of the Leverage ranking (`rankLeverage(map, loops, {votes})`): dots per
 * element summed over the revealed votes only (hidden results do not leak into the ranking).
 */
export function leverageVotes(votes: Iterable<VoteRecord>): Map<string, number> {
  const out = new Map<string, number>();
  for (const vote of votes) {
    if (!vote.revealed) continue;
    for (const r of voteResults(vote))
      if (r.dots > 0) out.set(r.elementId, (out.get(r.elementId) ?? 0) + r.dots);
  }
  return out;
}
