import * as Y from 'yjs';
import type { DocChange } from '../schema/contract';
import { LIMITS } from '../schema/limits';
import { ROOT } from '../schema/roots';
import { validateStoredStory, validateStoryPlayback } from '../schema/story-record';
import { describeErrors } from '../schema/validate';
import { KEY, reflectionsMap, sessionMap, SESSION_ROOT_KEYS, votesMap } from './layout';

/**
 * Who may write which part of the facilitation state, as the host enforces it on every update
 * (the rules the UI keeps with `requireFacilitator`, made binding). A facilitator may change all
 * of it. An edit link may write only what participants write through shared/session:
 *  - `session`: their `participant/<userId>` entry (set, not delete); not the lock, element
 *    locks, the agenda and current phase, the timer, private mode or summon/spotlight events;
 *  - `votes`: dots (a vote's `dots` map and its entries), not a vote's settings or state;
 *  - `reflections`: cards and groups (and votes on cards), not prompts;
 *  - `actions`: the action list.
 * The host cannot tell whose a participant entry, dot or card is (user ids are chosen by the
 * client), so "their own" is not enforced.
 */

const FACILITATOR_KEYS: readonly [prefixOrKey: string, what: string][] = [
  [KEY.locked, 'lock the map'],
  [KEY.lockedBy, 'lock the map'],
  [KEY.lock, 'lock elements'],
  [KEY.phase, 'change the agenda'],
  [KEY.current, 'change the phase'],
  [KEY.timer, 'run the timer'],
  [KEY.private, 'turn private mode on or off'],
  [KEY.attention, 'summon everyone or spotlight'],
  ['story/', 'record or play a story'],
  ['sim/', 'run a what-if for everyone'],
];

/**
 * Values the host checks whoever writes them (facilitators too): stories (`story/<id>`, whole
 * records) and their playback (`story/play`). A deleted key needs no check.
 */
function checkStoryValue(doc: Y.Doc, key: string): string | null {
  if (!key.startsWith('story/')) return null;
  const value = sessionMap(doc).get(key);
  if (value === undefined) return null;
  if (value instanceof Y.AbstractType) return `${key} must be plain data.`;
  const errors =
    key === 'story/play'
      ? validateStoryPlayback(value)
      : validateStoredStory(value, key.slice('story/'.length));
  return errors.length ? `${key}: ${describeErrors(errors)}` : null;
}

const onlyFacilitator = (what: string): string => `Only a facilitator can ${what}.`;

function sessionKeyWhat(key: string): string {
  for (const [k, what] of FACILITATOR_KEYS) if (key === k || key.startsWith(k)) return what;
  return `change the session setting ${JSON.stringify(key.slice(0, 40))}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;

function checkParticipant(value: unknown): string | null {
  if (!isObject(value)) return 'A participant entry must be a record.';
  if (!isText(value.name, LIMITS.labelChars)) return 'A participant needs a name (text).';
  if (value.joinedAt !== undefined && !Number.isFinite(value.joinedAt))
    return 'joinedAt must be a finite number.';
  if (value.actorId !== undefined && !isText(value.actorId, 64))
    return 'actorId must be an element id.';
  if (value.tidiedAt !== undefined && !Number.isFinite(value.tidiedAt))
    return 'tidiedAt must be a finite number.';
  if (
    value.tidiedCount !== undefined &&
    !(Number.isInteger(value.tidiedCount) && (value.tidiedCount as number) >= 0)
  )
    return 'tidiedCount must be a whole number.';
  return null;
}

/** The `type` of a reflection record: live (a Y.Map), or as it was (plain, from `oldValue`). */
function reflectionType(value: unknown): unknown {
  if (value instanceof Y.Map) return value.get('type');
  return isObject(value) ? value.type : undefined;
}

function checkVoteDots(doc: Y.Doc, voteId: string, key: string, value: unknown): string | null {
  if (value === undefined) return null;
  const vote = votesMap(doc).get(voteId);
  if (!(vote instanceof Y.Map)) return 'Dots can only be placed on an existing vote.';
  const allowed = vote.get('elementIds');
  const ids = allowed instanceof Y.Array ? allowed.toArray() : allowed;
  const perPerson = vote.get('dotsPerPerson');
  if (!Array.isArray(value) || !Array.isArray(ids)) return 'Dots must be a list of element ids.';
  if (typeof perPerson === 'number' && value.length > perPerson)
    return `At most ${perPerson} dots a person.`;
  if (value.some((id) => !ids.includes(id))) return 'A dot is on an element not in the vote.';
  if (key.length > 200) return 'The voter key is too long.';
  return null;
}

/**
 * Why the changes write facilitation state this role may not write, or null. `doc` is in the
 * state the changes left. Changes to other roots are ignored here.
 */
export function checkSessionChanges(
  doc: Y.Doc,
  changes: readonly DocChange[],
  facilitator: boolean,
): string | null {
  for (const { root, path, keys } of changes) {
    if (root !== 'session') continue;
    if (path.length > 0 && String(path[0]).startsWith('story/'))
      return 'A story is written whole, not edited inside.';
    if (path.length === 0)
      for (const key of keys.keys()) {
        const problem = checkStoryValue(doc, key);
        if (problem) return problem;
      }
  }
  if (facilitator) return null;
  for (const change of changes) {
    const { root, path, keys } = change;
    if (!(SESSION_ROOT_KEYS as readonly string[]).includes(root)) continue;
    const target = path.map(String);
    if (root === ROOT.session) {
      if (target.length > 0) return onlyFacilitator(sessionKeyWhat(target[0]!));
      for (const [key, { action }] of keys) {
        if (!key.startsWith(KEY.participant)) return onlyFacilitator(sessionKeyWhat(key));
        if (action === 'delete') return 'A participant entry cannot be removed.';
        const problem = checkParticipant(sessionMap(doc).get(key));
        if (problem) return problem;
      }
    } else if (root === ROOT.votes) {
      if (target.length === 0) return onlyFacilitator('open or remove a vote');
      const [voteId, sub] = target as [string, string | undefined];
      if (sub === undefined) {
        for (const [key] of keys) {
          const vote = votesMap(doc).get(voteId);
          if (key !== 'dots' || !(vote?.get('dots') instanceof Y.Map))
            return onlyFacilitator('change how a vote is set up, open, closed or revealed');
        }
      } else if (sub === 'dots' && target.length === 2) {
        const dots = votesMap(doc).get(voteId)?.get('dots');
        for (const [key] of keys) {
          const problem = checkVoteDots(
            doc,
            voteId,
            key,
            dots instanceof Y.Map ? dots.get(key) : undefined,
          );
          if (problem) return problem;
        }
      } else return onlyFacilitator('change a vote');
    } else if (root === ROOT.reflections) {
      const reflections = reflectionsMap(doc);
      if (target.length === 0) {
        for (const [key, { oldValue }] of keys) {
          const now = reflections.get(key);
          const type = now === undefined ? reflectionType(oldValue) : reflectionType(now);
          if (type !== 'card' && type !== 'group')
            return onlyFacilitator('add or remove reflection prompts');
          if (now !== undefined && oldValue !== undefined && reflectionType(oldValue) !== type)
            return 'A reflection cannot change its type.';
        }
      } else {
        const type = reflectionType(reflections.get(target[0]!));
        if (type !== 'card' && type !== 'group') return onlyFacilitator('edit reflection prompts');
        if (target.length === 1 && keys.has('type')) return 'A reflection cannot change its type.';
      }
    }
  }
  return null;
}
