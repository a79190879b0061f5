import * as Y from 'yjs';
import { nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { elementsMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { fail, requireFacilitator, type SessionContext } from './context';
import { readReflectionCard, readSessionSnapshot, reflectionsMap } from './layout';

/**
 * The reflection board (learning and reflecting): prompts, cards written under a prompt (named or
 * anonymous, mentioning map elements), groups of cards, and one vote per person per card.
 * Anonymous cards store no author at all (the Yjs client id that wrote them remains, as for any
 * edit: see votes.ts).
 */

/** Default prompts, with fixed ids so that two facilitators setting up at once do not duplicate them. */
export const DEFAULT_REFLECTION_PROMPTS = [
  { id: 'learned', text: 'What did we learn?' },
  { id: 'surprised', text: 'What surprised us?' },
  { id: 'differently', text: 'What will we do differently?' },
] as const;

export const MAX_CARD_CHARS = 2_000;

function item(ctx: SessionContext, id: string, type: string): Y.Map<unknown> {
  const m = reflectionsMap(ctx.doc).get(id);
  if (!(m instanceof Y.Map) || m.get('type') !== type)
    return fail('id', `No reflection ${type} with id ${id}.`);
  return m;
}

function checkText(field: string, text: unknown, max: number): string {
  if (typeof text !== 'string' || !text.trim()) return fail(field, `${field} cannot be empty.`);
  const t = text.trim();
  if (t.length > max) fail(field, `${field} is too long (${t.length} characters; at most ${max}).`);
  return t;
}

/** Adds the default prompts if the board has none (facilitator). */
export function initReflectionBoard(ctx: SessionContext): void {
  requireFacilitator(ctx, 'set up the reflection board');
  transact(ctx, () => {
    if (readSessionSnapshot(ctx.doc).reflectionPrompts.length > 0) return;
    DEFAULT_REFLECTION_PROMPTS.forEach((p, i) => {
      const m = new Y.Map<unknown>();
      m.set('type', 'prompt');
      m.set('text', p.text);
      m.set('order', i + 1);
      reflectionsMap(ctx.doc).set(p.id, m);
    });
  });
}

export function addReflectionPrompt(ctx: SessionContext, text: string): string {
  requireFacilitator(ctx, 'add a prompt');
  const t = checkText('text', text, LIMITS.labelChars);
  return transact(ctx, () => {
    const prompts = readSessionSnapshot(ctx.doc).reflectionPrompts;
    const id = newId();
    const m = new Y.Map<unknown>();
    m.set('type', 'prompt');
    m.set('text', t);
    m.set('order', (prompts[prompts.length - 1]?.order ?? 0) + 1);
    reflectionsMap(ctx.doc).set(id, m);
    return id;
  });
}

export function removeReflectionPrompt(ctx: SessionContext, promptId: string): void {
  requireFacilitator(ctx, 'remove a prompt');
  transact(ctx, () => {
    item(ctx, promptId, 'prompt');
    reflectionsMap(ctx.doc).delete(promptId);
  });
}

export interface NewCard {
  readonly promptId: string;
  readonly text: string;
  readonly anonymous?: boolean;
  /** Ids of map elements the card mentions. */
  readonly mentions?: readonly string[];
}

/** Writes a card under a prompt. Returns its id. */
export function addReflectionCard(ctx: SessionContext, input: NewCard): string {
  const text = checkText('text', input.text, MAX_CARD_CHARS);
  const mentions = [...new Set(input.mentions ?? [])];
  return transact(ctx, () => {
    item(ctx, input.promptId, 'prompt');
    const elements = elementsMap(ctx.doc);
    const missing = mentions.filter((id) => !elements.has(id));
    if (missing.length) fail('mentions', `No element with id ${missing.join(', ')}.`);
    const id = newId();
    const m = new Y.Map<unknown>();
    m.set('type', 'card');
    m.set('promptId', input.promptId);
    m.set('text', text);
    m.set('anonymous', input.anonymous === true);
    if (input.anonymous !== true) {
      m.set('author', ctx.userId);
      if (ctx.userName) m.set('authorName', ctx.userName);
    }
    m.set('mentions', mentions);
    m.set('createdAt', nowOf(ctx));
    m.set('votes', new Y.Map<unknown>());
    reflectionsMap(ctx.doc).set(id, m);
    return id;
  });
}

/** Edits a card's text or mentions: its author may, and a facilitator. */
export function updateReflectionCard(
  ctx: SessionContext,
  cardId: string,
  patch: { text?: string; mentions?: readonly string[] },
): void {
  const text = patch.text === undefined ? undefined : checkText('text', patch.text, MAX_CARD_CHARS);
  transact(ctx, () => {
    const m = item(ctx, cardId, 'card');
    const card = readReflectionCard(m, cardId);
    if (!ctx.facilitator && card.author !== ctx.userId)
      fail('role', 'Only the author of a card or a facilitator can edit it.');
    if (text !== undefined) m.set('text', text);
    if (patch.mentions !== undefined) {
      const mentions = [...new Set(patch.mentions)];
      const missing = mentions.filter((id) => !elementsMap(ctx.doc).has(id));
      if (missing.length) fail('mentions', `No element with id ${missing.join(', ')}.`);
      m.set('mentions', mentions);
    }
  });
}

export function removeReflectionCard(ctx: SessionContext, cardId: string): void {
  transact(ctx, () => {
    const card = readReflectionCard(item(ctx, cardId, 'card'), cardId);
    if (!ctx.facilitator && card.author !== ctx.userId)
      fail('role', 'Only the author of a card or a facilitator can remove it.');
    reflectionsMap(ctx.doc).delete(cardId);
  });
}

/** Creates a group under a prompt (anyone may group cards). Returns its id. */
export function addReflectionGroup(ctx: SessionContext, promptId: string, name: string): string {
  const n = checkText('name', name, LIMITS.labelChars);
  return transact(ctx, () => {
    item(ctx, promptId, 'prompt');
    const id = newId();
    const m = new Y.Map<unknown>();
    m.set('type', 'group');
    m.set('promptId', promptId);
    m.set('name', n);
    reflectionsMap(ctx.doc).set(id, m);
    return id;
  });
}

export function renameReflectionGroup(ctx: SessionContext, groupId: string, name: string): void {
  const n = checkText('name', name, LIMITS.labelChars);
  transact(ctx, () => item(ctx, groupId, 'group').set('name', n));
}

/** Removes a group; its cards stay, ungrouped. */
export function removeReflectionGroup(ctx: SessionContext, groupId: string): void {
  transact(ctx, () => {
    item(ctx, groupId, 'group');
    reflectionsMap(ctx.doc).delete(groupId);
    reflectionsMap(ctx.doc).forEach((m) => {
      if (m instanceof Y.Map && m.get('type') === 'card' && m.get('groupId') === groupId)
        m.delete('groupId');
    });
  });
}

/** Puts cards in a group (undefined: takes them out of any group). */
export function groupReflectionCards(
  ctx: SessionContext,
  cardIds: readonly string[],
  groupId: string | undefined,
): void {
  transact(ctx, () => {
    if (groupId !== undefined) item(ctx, groupId, 'group');
    for (const id of cardIds) {
      const m = item(ctx, id, 'card');
      if (groupId === undefined) m.delete('groupId');
      else m.set('groupId', groupId);
    }
  });
}

/**
 * Gives (or takes back) this person's vote on a card: one vote per person per card, under the
 * user id (or an anonymous voter key from `voterKey`, if the board is anonymous).
 */
export function voteReflectionCard(
  ctx: SessionContext,
  cardId: string,
  on: boolean,
  voter: string = ctx.userId,
): void {
  transact(ctx, () => {
    const m = item(ctx, cardId, 'card');
    let votes = m.get('votes');
    if (!(votes instanceof Y.Map)) {
      votes = new Y.Map<unknown>();
      m.set('votes', votes);
    }
    const v = votes as Y.Map<unknown>;
    if (on) v.set(voter, true);
    else v.delete(voter);
  });
}
