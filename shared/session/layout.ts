import * as Y from 'yjs';
import { ROOT } from '../schema/roots';
import { HIDDEN_UNTIL_REVEAL } from '../schema/records/element';
import type {
  ActionOwner,
  ActionRecord,
  AttentionEvent,
  ElementLock,
  ParticipantRecord,
  PhasePractice,
  PhaseRecord,
  ReflectionCardRecord,
  ReflectionGroupRecord,
  ReflectionPromptRecord,
  SessionSnapshot,
  SessionTool,
  TimerRecord,
  VoteRecord,
} from './types';
import { ACTION_STATUSES, PHASE_PRACTICES, SESSION_TOOLS } from './types';

/**
 * Storage layout of the facilitation state (the only module that knows it):
 *
 * `session` (Y.Map), flat keys so that no two clients ever race to create a shared container:
 *  - `phase/<id>`: Y.Map {title, prompt, practice, tools, minutes, order}
 *  - `current`: the current phase id
 *  - `timer`: {state, durationMs, endsAt?, pausedRemaining?, by, at} (written whole)
 *  - `locked`: boolean, `lockedBy`: user id (the whole-map lock the host enforces)
 *  - `lock/<elementId>`: {by, at} (element locks)
 *  - `private`: boolean (private mode)
 *  - `attention`: the last summon or spotlight event (written whole)
 *  - `participant/<userId>`: {name, actorId?, joinedAt}
 * `votes`: Y.Map<voteId, Y.Map {title, elementIds, dotsPerPerson, anonymous, state, revealed,
 *   createdBy, createdAt, dots: Y.Map<voterKey, elementId[]>}>
 * `reflections`: Y.Map<id, Y.Map {type: 'prompt'|'group'|'card', ...}>; a card's `votes` is a
 *   Y.Map<voterKey, true>
 * `actions`: Y.Map<id, Y.Map {title, ownerActor?, ownerName?, due?, serves?, status, note,
 *   createdBy, createdAt, updatedAt}>
 *
 * Private notes are ordinary `note` elements with the custom field `hiddenUntilReveal: true`.
 */

export { SESSION_ROOT_KEYS } from '../schema/roots';

export const sessionMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.session);
export const votesMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.votes);
export const reflectionsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.reflections);
export const actionsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.actions);

export const KEY = {
  phase: 'phase/',
  lock: 'lock/',
  participant: 'participant/',
  current: 'current',
  timer: 'timer',
  locked: 'locked',
  lockedBy: 'lockedBy',
  private: 'private',
  attention: 'attention',
} as const;

/** The custom element field that marks a note written in private mode (declared internal). */
export const HIDDEN_FIELD = HIDDEN_UNTIL_REVEAL;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);

export function readPhase(map: Y.Map<unknown>, id: string): PhaseRecord {
  const practice = str(map.get('practice'));
  return {
    id,
    title: str(map.get('title')),
    prompt: str(map.get('prompt')),
    practice: (PHASE_PRACTICES as readonly string[]).includes(practice)
      ? (practice as PhasePractice)
      : 'map',
    tools: strings(plain(map.get('tools'))).filter((t): t is SessionTool =>
      (SESSION_TOOLS as readonly string[]).includes(t),
    ),
    minutes: num(map.get('minutes')),
    order: num(map.get('order')),
  };
}

export const IDLE_TIMER: TimerRecord = { state: 'idle', durationMs: 0, by: '', at: 0 };

export function readTimer(v: unknown): TimerRecord {
  if (!isObject(v)) return IDLE_TIMER;
  const state = v.state === 'running' || v.state === 'paused' ? v.state : 'idle';
  const rec: Record<string, unknown> = {
    state,
    durationMs: Math.max(0, num(v.durationMs)),
    by: str(v.by),
    at: num(v.at),
  };
  if (state === 'running') rec.endsAt = num(v.endsAt);
  if (state === 'paused') rec.pausedRemaining = Math.max(0, num(v.pausedRemaining));
  return rec as unknown as TimerRecord;
}

export function readAttention(v: unknown): AttentionEvent | undefined {
  if (!isObject(v) || typeof v.id !== 'string') return undefined;
  const kind = v.kind === 'spotlight' ? 'spotlight' : 'summon';
  const rec: Record<string, unknown> = {
    id: v.id,
    seq: num(v.seq),
    kind,
    by: str(v.by),
    byName: str(v.byName),
    at: num(v.at),
  };
  const vp = v.viewport;
  if (isObject(vp)) rec.viewport = { x: num(vp.x), y: num(vp.y), k: num(vp.k, 1) };
  if (typeof v.elementId === 'string') rec.elementId = v.elementId;
  return rec as unknown as AttentionEvent;
}

export function readVote(map: Y.Map<unknown>, id: string): VoteRecord {
  const dots = new Map<string, readonly string[]>();
  const d = map.get('dots');
  if (d instanceof Y.Map) d.forEach((v, key) => dots.set(key, strings(v)));
  return {
    id,
    title: str(map.get('title')),
    elementIds: strings(plain(map.get('elementIds'))),
    dotsPerPerson: Math.max(1, num(map.get('dotsPerPerson'), 1)),
    anonymous: map.get('anonymous') === true,
    state: map.get('state') === 'closed' ? 'closed' : 'open',
    revealed: map.get('revealed') === true,
    dots,
    createdBy: str(map.get('createdBy')),
    createdAt: num(map.get('createdAt')),
  };
}

export function readAction(map: Y.Map<unknown>, id: string): ActionRecord {
  const status = str(map.get('status'));
  const rec: Record<string, unknown> = {
    id,
    title: str(map.get('title')),
    status: (ACTION_STATUSES as readonly string[]).includes(status) ? status : 'open',
    note: str(map.get('note')),
    createdBy: str(map.get('createdBy')),
    createdAt: num(map.get('createdAt')),
    updatedAt: num(map.get('updatedAt'), num(map.get('createdAt'))),
  };
  const actor = map.get('ownerActor');
  const name = map.get('ownerName');
  let owner: ActionOwner | undefined;
  if (typeof actor === 'string' && actor) owner = { kind: 'actor', actorId: actor };
  else if (typeof name === 'string' && name) owner = { kind: 'person', name };
  if (owner) rec.owner = owner;
  for (const k of ['due', 'serves'] as const) {
    const v = map.get(k);
    if (typeof v === 'string' && v) rec[k] = v;
  }
  return rec as unknown as ActionRecord;
}

export function readReflectionCard(map: Y.Map<unknown>, id: string): ReflectionCardRecord {
  const votes: string[] = [];
  const v = map.get('votes');
  if (v instanceof Y.Map) v.forEach((on, key) => on === true && votes.push(key));
  votes.sort();
  const anonymous = map.get('anonymous') === true;
  const rec: Record<string, unknown> = {
    id,
    promptId: str(map.get('promptId')),
    text: str(map.get('text')),
    anonymous,
    mentions: strings(plain(map.get('mentions'))),
    votes,
    createdAt: num(map.get('createdAt')),
  };
  if (!anonymous) {
    if (typeof map.get('author') === 'string') rec.author = map.get('author');
    if (typeof map.get('authorName') === 'string') rec.authorName = map.get('authorName');
  }
  const group = map.get('groupId');
  if (typeof group === 'string' && group) rec.groupId = group;
  return rec as unknown as ReflectionCardRecord;
}

/** Reads the whole facilitation state of a document. */
export function readSessionSnapshot(doc: Y.Doc): SessionSnapshot {
  const session = sessionMap(doc);
  const phases: PhaseRecord[] = [];
  const elementLocks = new Map<string, ElementLock>();
  const participants = new Map<string, ParticipantRecord>();
  session.forEach((value, key) => {
    if (key.startsWith(KEY.phase) && value instanceof Y.Map) {
      phases.push(readPhase(value, key.slice(KEY.phase.length)));
    } else if (key.startsWith(KEY.lock) && isObject(value)) {
      const elementId = key.slice(KEY.lock.length);
      elementLocks.set(elementId, { elementId, by: str(value.by), at: num(value.at) });
    } else if (key.startsWith(KEY.participant) && isObject(value)) {
      const userId = key.slice(KEY.participant.length);
      const p: Record<string, unknown> = {
        userId,
        name: str(value.name),
        joinedAt: num(value.joinedAt),
      };
      if (typeof value.actorId === 'string' && value.actorId) p.actorId = value.actorId;
      if (typeof value.tidiedAt === 'number' && Number.isFinite(value.tidiedAt)) {
        p.tidiedAt = value.tidiedAt;
        p.tidiedCount = num(value.tidiedCount);
      }
      participants.set(userId, p as unknown as ParticipantRecord);
    }
  });
  phases.sort(byOrder);
  const current = session.get(KEY.current);
  const votes = new Map<string, VoteRecord>();
  votesMap(doc).forEach((m, id) => {
    if (m instanceof Y.Map) votes.set(id, readVote(m, id));
  });
  const prompts: ReflectionPromptRecord[] = [];
  const groups = new Map<string, ReflectionGroupRecord>();
  const cards = new Map<string, ReflectionCardRecord>();
  reflectionsMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const type = m.get('type');
    if (type === 'prompt')
      prompts.push({ id, text: str(m.get('text')), order: num(m.get('order')) });
    else if (type === 'group')
      groups.set(id, { id, name: str(m.get('name')), promptId: str(m.get('promptId')) });
    else if (type === 'card') cards.set(id, readReflectionCard(m, id));
  });
  prompts.sort(byOrder);
  const actions = new Map<string, ActionRecord>();
  actionsMap(doc).forEach((m, id) => {
    if (m instanceof Y.Map) actions.set(id, readAction(m, id));
  });
  const snapshot: Record<string, unknown> = {
    phases,
    timer: readTimer(session.get(KEY.timer)),
    locked: session.get(KEY.locked) === true,
    elementLocks,
    privateMode: session.get(KEY.private) === true,
    participants,
    votes,
    reflectionPrompts: prompts,
    reflectionGroups: groups,
    reflectionCards: cards,
    actions,
  };
  if (typeof current === 'string' && phases.some((p) => p.id === current))
    snapshot.currentPhaseId = current;
  const lockedBy = session.get(KEY.lockedBy);
  if (snapshot.locked && typeof lockedBy === 'string') snapshot.lockedBy = lockedBy;
  const attention = readAttention(session.get(KEY.attention));
  if (attention) snapshot.attention = attention;
  return snapshot as unknown as SessionSnapshot;
}

function byOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Whether the whole map is locked. While it is, the host applies no update from an edit-link
 * connection (facilitators keep writing), and every client should leave the peer mesh
 * (`RoomConnection.setMesh(false)`) so that all changes go through the host.
 */
export function isMapLocked(doc: Y.Doc): boolean {
  return sessionMap(doc).get(KEY.locked) === true;
}

/** The facilitation state as plain JSON (for files: a `.weavemap.json` may carry it as `session`). */
export interface SessionJson {
  readonly session: Record<string, unknown>;
  readonly votes: Record<string, unknown>;
  readonly reflections: Record<string, unknown>;
  readonly actions: Record<string, unknown>;
}

export function exportSessionJson(doc: Y.Doc): SessionJson {
  return {
    session: sessionMap(doc).toJSON(),
    votes: votesMap(doc).toJSON(),
    reflections: reflectionsMap(doc).toJSON(),
    actions: actionsMap(doc).toJSON(),
  };
}

const toYMap = (value: unknown, nested: readonly string[] = []): Y.Map<unknown> => {
  const m = new Y.Map<unknown>();
  if (!isObject(value)) return m;
  for (const [k, v] of Object.entries(value))
    m.set(k, nested.includes(k) ? toYMap(v) : (JSON.parse(JSON.stringify(v ?? null)) as unknown));
  return m;
};

/**
 * Writes facilitation state read from a file into a document (in one transaction, origin
 * `origin`). Values are taken as they are: the readers coerce or skip anything malformed.
 */
export function importSessionJson(doc: Y.Doc, value: unknown, origin: unknown = null): void {
  if (!isObject(value)) return;
  doc.transact(() => {
    const s = value.session;
    if (isObject(s))
      for (const [k, v] of Object.entries(s))
        sessionMap(doc).set(
          k,
          k.startsWith(KEY.phase) ? toYMap(v) : (JSON.parse(JSON.stringify(v ?? null)) as unknown),
        );
    const records = (key: 'votes' | 'reflections' | 'actions', nested: readonly string[]) => {
      const src = value[key];
      if (!isObject(src)) return;
      const target = doc.getMap<Y.Map<unknown>>(key);
      for (const [id, rec] of Object.entries(src))
        if (isObject(rec)) target.set(id, toYMap(rec, nested));
    };
    records('votes', ['dots']);
    records('reflections', ['votes']);
    records('actions', []);
  }, origin);
}
