import * as C from '../checks';
import {
  choice,
  flag,
  idField,
  optionalNumber,
  optionalText,
  packed,
  tagList,
  text,
  when,
  who,
  type Field,
} from '../fields';
import { LIMITS } from '../limits';
import { ACTOR_TYPE_VOCAB } from '../vocab/actor-types';
import { ELEMENT_KIND_VOCAB } from '../vocab/element-kinds';
import { MEADOWS_VOCAB } from '../vocab/meadows';
import { defineRecord } from './define';

/** A point on the map, in map units. Stored as one key so a move is one write. */
export type Position = readonly [x: number, y: number];

const position: Field<Position, false> = {
  type: 'other',
  optional: false,
  label: 'Position',
  read: (v) =>
    Array.isArray(v) && v.length === 2
      ? Number.isFinite(v[0]) && Number.isFinite(v[1])
        ? (v as unknown as Position) // a stored pair is read-only: no copy on load
        : [
            typeof v[0] === 'number' && Number.isFinite(v[0]) ? v[0] : 0,
            typeof v[1] === 'number' && Number.isFinite(v[1]) ? v[1] : 0,
          ]
      : undefined,
  fallback: () => [0, 0],
  check: C.position,
  storage: 'key',
};

const causalKinds = (r: Readonly<Record<string, unknown>>) =>
  r.kind === 'factor' || r.kind === 'intervention';

/** The custom field marking a note written in private mode (`shared/session/private-notes.ts`). */
export const HIDDEN_UNTIL_REVEAL = 'hiddenUntilReveal';

/** A factor, actor, intervention, note or frame (`group`) on the map. */
export const ELEMENT = defineRecord({
  name: 'element',
  label: 'Element',
  extra: true,
  internal: {
    [HIDDEN_UNTIL_REVEAL]: {
      label: 'Private until revealed',
      explain: 'Only its author sees this note until the facilitator reveals the private notes.',
    },
  },
  fields: {
    id: idField(),
    kind: choice('Kind', ELEMENT_KIND_VOCAB, {
      fallback: () => 'note' as const,
      required: true,
      edit: { control: 'choice' },
    }),
    label: text('Label', LIMITS.labelChars, { edit: { control: 'text' } }),
    description: text('Description', LIMITS.descriptionChars, { edit: { control: 'textarea' } }),
    tags: tagList('Tags', { edit: { control: 'tags', placeholder: 'comma, separated' } }),
    position,
    /** Only for `actor` elements. */
    actorType: choice('Actor type', ACTOR_TYPE_VOCAB, {
      edit: { control: 'choice', when: (r) => r.kind === 'actor', unset: '(not set)' },
    }),
    /** Meadows' places to intervene: 12 (constants, parameters) to 1 (transcending paradigms). */
    leverageLevel: {
      ...optionalNumber('Leverage level (Meadows)', C.integerIn(1, 12), {
        edit: { control: 'choice', when: causalKinds, unset: '(not set)' },
      }),
      vocab: MEADOWS_VOCAB,
    },
    /** A CSS colour (#rrggbb) chosen by the group, if any. */
    color: {
      ...optionalText('Colour', 7, { edit: { control: 'color', placeholder: '#1f77b4' } }),
      check: C.color,
    },
    /** Pinned elements keep their place when the layout runs. */
    pinned: flag('Pinned (the tidy layout leaves it in place)', { edit: { control: 'flag' } }),
    /** Id of the `group` element whose frame this element sits in, if any. */
    parent: {
      ...optionalText('Frame', 64),
      check: undefined,
      storedCheck: C.storedText(64, 'an element id'),
    },
    createdBy: who('Created by', packed('created', 0), LIMITS.labelChars),
    createdAt: when('Created', packed('created', 1)),
    updatedAt: when('Updated', packed('updated'), {
      fallback: (r) => r.createdAt as number,
      sparse: (v, r) => v === r.createdAt,
    }),
  },
});
